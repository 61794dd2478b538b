"""Public pages: conditional GET, a server-side cache of rendered pages, and what CDNs may keep.

Everything keys on one number, the public data version (`core.data_version`), which every service
that changes public data bumps when its transaction commits. So:

- the ETag and Last-Modified of every public page, download and feed come from it, and a
  conditional GET is answered 304 before the view runs: no query but the version's, no rendering;
- a rendered page is kept in the cache (`CACHE_URL`: Redis when set, else in-process memory)
  under the version, the address and the htmx headers. A new version makes every old entry
  unreachable; nothing is ever deleted by hand, so no page can be forgotten;
- `Cache-Control` lets a CDN keep a page for `WTS_SHARED_CACHE_SECONDS` and serve it stale for
  `WTS_STALE_SECONDS` more while it revalidates; browsers always revalidate (max-age=0), so an
  editor who has just published sees the change on reload.

Downloads stream and are never kept whole in the cache; they still answer 304.

Two layers share one cache entry. `KeptPages`, a middleware just inside WhiteNoise, answers a
kept page (or its 304) before sessions, CSRF, authentication and the rest run: when a story
breaks, most requests are repeats of a few pages, and they then cost little more than a static
file. `public_page`, around each view, renders what is not kept, marks the response as a public
page, and answers 304 for the requests the middleware leaves to it (staff, who carry a session).
"""

import contextvars
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import data_version
from .routers import public_reads, stream_public_reads


class PageMoved(Exception):
    """The request names a page by an address it used to have; `location` is where it is now."""

    def __init__(self, location: str):
        super().__init__(location)
        self.location = location


def follow_moved_pages(view):
    """Answer a link made with a former address with a permanent redirect to the current one."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PageMoved as moved:
            return HttpResponsePermanentRedirect(moved.location)

    return wrapped


# The data version a public page is being rendered under: read once per request.
_rendering_version = contextvars.ContextVar("rendering_version", default=None)


def rendering_public_page() -> bool:
    """Whether a public page is being rendered now (under `public_page`, with its version)."""
    return _rendering_version.get() is not None


def rendering_version():
    """The data version the public page being rendered is read from (None outside one)."""
    return _rendering_version.get()


def per_data_version(name: str, compute):
    """What `compute()` gives, computed once per data version and kept in the cache.

    For what many pages and many filter combinations share and that only a change of public
    data changes: tallies, facet counts, the parties a list offers. `name` says what it is and
    everything it depends on (the topic, the filters). A page left out of the page cache (a new
    filter combination, an htmx fragment, a page past the first) still reuses them.
    """
    seconds = settings.WTS_FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = _fragment_key(name, _version_read_from())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def each_per_data_version(names: dict, compute) -> dict:
    """`per_data_version` for many values at once: one round trip to the cache for all of them.

    `names` maps each wanted item (a row's key) to its name; `compute(missing)` gives a dict of
    the values of the items that are not kept. The rows of a list page are fifty values, and
    Redis answers fifty reads in one request as fast as one.
    """
    seconds = settings.WTS_FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return compute(list(names))
    version = _version_read_from()
    keys = {item: _fragment_key(name, version) for item, name in names.items()}
    found = cache.get_many(list(keys.values()))
    values = {item: found[key] for item, key in keys.items() if found.get(key) is not None}
    missing = [item for item in names if item not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[item]: computed[item] for item in missing}, seconds)
        values.update(computed)
    return values


def _version_read_from():
    return _rendering_version.get() or data_version.current()


def _fragment_key(name: str, version) -> str:
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    return f"fragment:{settings.WTS_RELEASE}:{version.number}:{digest}"


def when_shown(rows):
    """Rows a template reads only if it renders them, as in a kept fragment rendered afresh:
    the template calls this (Django calls a callable variable) and gets the same list each time.
    `rows` gives a QuerySet or any iterable."""
    return functools.cache(lambda: list(rows()))


def filters_key(query) -> str:
    """A list's filters as a cache key: the query string without the page, in a fixed order."""
    return "&".join(
        f"{name}={value}"
        for name in sorted(query)
        if name != "page"
        for value in sorted(query.getlist(name))
    )


# The request headers a page's body varies on besides its address (see views/htmx.py).
VARIES_ON = ("HX-Request", "HX-History-Restore-Request")


def _variant(request) -> str:
    return "".join("1" if request.headers.get(name) == "true" else "0" for name in VARIES_ON)


def _etag(version, request) -> str:
    # The release is part of it: a deploy that changes templates must not answer 304 with the
    # old page, although no data changed.
    return f'"{settings.WTS_RELEASE}-{version.number}-{_variant(request)}"'


def _cache_key(version, request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page:{settings.WTS_RELEASE}:{version.number}:{_variant(request)}:{digest}"


def _may_keep(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and settings.WTS_PAGE_CACHE_SECONDS > 0
    )


def _kept(key):
    """The kept page under `key`: (headers, body), as the reader was sent it, or None."""
    return cache.get(key) if settings.WTS_PAGE_CACHE_SECONDS > 0 else None


def _keep(key, response) -> None:
    # Headers and bytes only: a pickled response object would carry its request-bound state.
    cache.set(
        key, (list(response.headers.items()), response.content), settings.WTS_PAGE_CACHE_SECONDS
    )


def _answer_from(kept, request, version):
    """A kept page as a response: 304 when the reader holds it already, else the page."""
    headers, body = kept
    not_modified = get_conditional_response(
        request, etag=_etag(version, request), last_modified=int(version.changed_at.timestamp())
    )
    if not_modified is not None:
        _label(not_modified, version, request)
        return not_modified
    response = HttpResponse(body)
    for name, value in headers:
        response.headers[name] = value
    return response


# The data version a request was looked up under, so the view does not read it a second time.
_request_version = contextvars.ContextVar("request_version", default=None)


class KeptPages:
    """Serves kept public pages, and their 304s, before the middleware behind it runs.

    Only for readers without a session: the public pages are the same for everyone, but a
    signed-in editor's session must still be renewed by every request (accounts.middleware), so
    their requests go the whole way and `public_page` answers them from the same entry. A
    kept search is served here without counting towards the search rate limit: the limit keeps
    clients from making the site work, and a kept page costs it almost nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.WTS_PAGE_CACHE_SECONDS <= 0
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        version = data_version.current(shared=True)
        key = _cache_key(version, request)
        kept = _kept(key)
        if kept is not None:
            return _answer_from(kept, request, version)
        token = _request_version.set(version)
        try:
            response = self.get_response(request)
        finally:
            _request_version.reset(token)
        # Kept only once every middleware has added its headers, so a kept page is sent
        # exactly as this one is.
        if getattr(response, "public_page_key", None) == key and _may_keep(response):
            _keep(key, response)
        return response


def _label(response, version, request) -> None:
    response["ETag"] = _etag(version, request)
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.WTS_SHARED_CACHE_SECONDS,
        stale_while_revalidate=settings.WTS_STALE_SECONDS,
    )


def public_page(view):
    """Serve a public page from the data version: 304, else the cached page, else the view.

    A link made with a former address (a topic's old slug) is redirected here, under the same
    rule: a browser that kept a permanent redirect for good would loop if an editor gave the old
    slug back.
    """
    view = follow_moved_pages(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        version = _request_version.get() or data_version.current(
            # Readers without a session share one read a second, as KeptPages does when the
            # page cache is on; an editor's request always reads the version afresh.
            shared=settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        key = _cache_key(version, request)
        kept = _kept(key)
        if kept is not None:
            return _answer_from(kept, request, version)
        not_modified = get_conditional_response(
            request,
            etag=_etag(version, request),
            last_modified=int(version.changed_at.timestamp()),
        )
        if not_modified is not None:
            _label(not_modified, version, request)
            return not_modified
        token = _rendering_version.set(version)
        try:
            with public_reads():
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    # Templates evaluate lazy QuerySets: render while reads may use the replica.
                    response.render()
        finally:
            _rendering_version.reset(token)
        if response.streaming and getattr(response, "file_to_stream", None) is None:
            # (A kept file is sent as it is, by the server: no query to route.)
            response.streaming_content = stream_public_reads(response.streaming_content)
        if response.status_code != 200:
            if 300 <= response.status_code < 400:
                patch_cache_control(
                    response, public=True, max_age=0, s_maxage=settings.WTS_SHARED_CACHE_SECONDS
                )
            return response
        _label(response, version, request)
        if request.method == "GET":
            # KeptPages keeps it on the way out, once every middleware has added its headers
            # (a signed-in reader's request, which skips KeptPages, is rendered but not kept).
            response.public_page_key = key
        return response

    return wrapped
