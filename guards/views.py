"""/healthz: whether this process can reach its database and cache, for the load balancer."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not answering"; the reason goes to the log
        return False


def _cache_answers() -> bool:
    key = f"wts:healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=5)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        return False


@never_cache
@require_safe
def healthz(request):
    """200 with {"database": "ok", "cache": "ok"} when both answer, else 503 naming which not."""
    checks = {
        "database": "ok" if _database_answers() else "unavailable",
        "cache": "ok" if _cache_answers() else "unavailable",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
