"""Who is asking: the real client's address, behind as many proxies as we run."""

import ipaddress

from django.conf import settings


def _address(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address lockouts and rate limits count by.

    With WTS_PROXY_HOPS=0 it is the connection's own address: a client can write any
    X-Forwarded-For it likes, so nothing in it is believed. With N proxies of ours in front,
    each appends the address it saw, so the Nth entry from the right is the one the outermost
    proxy saw; entries further left were written by the client and are ignored.
    """
    # None when the request came from no connection (a test's or a command's request): axes
    # stores the address in an IP address column, which PostgreSQL checks.
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    hops = settings.WTS_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
    if not forwarded:
        return remote
    chosen = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    return _address(chosen) or remote
