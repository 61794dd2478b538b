"""Fair use: how many requests of a kind one client may make, counted in the cache."""

import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {
    "s": 1, "sec": 1, "second": 1,
    "m": 60, "min": 60, "minute": 60,
    "h": 3600, "hour": 3600,
    "d": 86400, "day": 86400,
}  # fmt: skip
RATE = re.compile(r"^\s*(\d+)\s*/\s*([a-z]+)\s*$")


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(text: str) -> Rate | None:
    """ "60/min" → 60 requests a minute; empty means no limit."""
    if not text or not text.strip():
        return None
    match = RATE.match(text.lower())
    if not match or match[2] not in PERIODS:
        raise ImproperlyConfigured(
            f"A rate limit is written like 60/min (or /s, /hour, /day), not “{text}”."
        )
    return Rate(int(match[1]), PERIODS[match[2]])


def rate_limit_hit(*, bucket: str, client: str, rate: Rate) -> int | None:
    """Count one request; the seconds to wait if it is over the limit, else None.

    Fixed windows: one cache key per client, kind and window, which expires with it. `add` then
    `incr` is atomic on Redis and within a process on the local-memory cache.
    """
    now = time.time()
    window = int(now // rate.seconds)
    key = f"wts:rate:{bucket}:{client}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        # Expired between add and incr: this request opens the next window.
        cache.add(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.requests:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))
