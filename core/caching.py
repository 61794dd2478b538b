"""How long caches in front of the site may keep a public page."""

import functools

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.views.decorators.cache import cache_control


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


def public_page(view):
    """Let a shared cache (a CDN) keep the page briefly; browsers always check back.

    A story that embeds the chart or links a list can send a crowd at once; a minute's sharing
    absorbs it. Browsers get max-age=0, so an editor who has just published or retracted sees
    the change on reload, and a retraction leaves every cache within s-maxage.

    A link made with a former address (a topic's old slug) is redirected here, under the same
    rule: a browser that kept a permanent redirect for good would loop if an editor gave the old
    slug back.
    """
    return cache_control(public=True, max_age=0, s_maxage=settings.WTS_SHARED_CACHE_SECONDS)(
        follow_moved_pages(view)
    )
