"""Middleware that every response passes through."""

from django.conf import settings
from django.shortcuts import render

from .clients import client_address
from .rates import parse_rate, rate_limit_hit


def security_headers(get_response):
    """The headers Django has no setting for: what the page may use, who may load it."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.WTS_PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.WTS_CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response

    return middleware


# Which pages count towards which limit, by URL name. A list counts as a search only when it
# is asked a question (q=…): browsing by filters is what the cache in front absorbs.
EXPORTS = {
    "politicians:export_csv",
    "politicians:export_json",
    "statements:export_csv",
    "statements:export_json",
}
SEARCHES = {"politicians:list", "statements:browser"}


def _bucket(request) -> str | None:
    match = request.resolver_match
    if match is None:
        return None
    if match.view_name in EXPORTS:
        return "exports"
    if match.view_name in SEARCHES and request.GET.get("q", "").strip():
        return "search"
    return None


class RateLimits:
    """Answers 429 with Retry-After once a client has used up its exports or searches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        bucket = _bucket(request)
        if bucket is None:
            return None
        rate = parse_rate(getattr(settings, f"WTS_RATE_LIMIT_{bucket.upper()}"))
        if rate is None:
            return None
        wait = rate_limit_hit(bucket=bucket, client=client_address(request), rate=rate)
        if wait is None:
            return None
        response = render(
            request,
            "429.html",
            {"wait_seconds": wait, "kind": "downloads" if bucket == "exports" else "searches"},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
