"""The API's per-client rate limit."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """So many requests a client (an IP address) may make: WTS_API_RATE_LIMIT, such as
    "120/minute". Over it, the answer is 429 with Retry-After (Django REST framework sets it).

    The rate is read on every request rather than once at import, so that a deployment and a
    test can change it without a restart.
    """

    scope = "api"

    def get_rate(self):
        return settings.WTS_API_RATE_LIMIT

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
