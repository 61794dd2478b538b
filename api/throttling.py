"""The API's per-client rate limit, counted like every other limit of the site (guards.rates)."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from guards.clients import client_address
from guards.rates import parse_rate, rate_limit_hit


class ClientRateThrottle(BaseThrottle):
    """So many requests a client may make: WTS_API_RATE_LIMIT, such as "120/min"; empty turns
    it off. Over it the answer is 429 with Retry-After (Django REST framework sets it from
    wait()).

    The client is the address guards.clients believes (WTS_PROXY_HOPS), never a forwarded header
    the client wrote; the rate is read on every request, so a test or a deployment may change it.
    """

    wait_seconds = None

    def allow_request(self, request, view):
        rate = parse_rate(settings.WTS_API_RATE_LIMIT)
        if rate is None:
            return True
        self.wait_seconds = rate_limit_hit(bucket="api", client=client_address(request), rate=rate)
        return self.wait_seconds is None

    def wait(self):
        return self.wait_seconds
