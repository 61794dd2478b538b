"""Error pages that say what went wrong in words a reader can act on."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    if isinstance(exception, DisallowedHost):
        # The page must not ask for the host again (canonical links, absolute URLs): that
        # raises DisallowedHost once more, and the reader would get a 500 instead.
        return HttpResponseBadRequest(
            loader.render_to_string("400_host.html", {"site_name": settings.WTS_SITE_NAME})
        )
    message = str(exception) if exception and str(exception) else "The address has a bad value."
    context = {
        # UnusableQuery says each bad parameter apart, and where to find the values it takes.
        "problems": getattr(exception, "problems", None) or [message],
        "links": getattr(exception, "links", []),
    }
    return render(request, "400.html", context, status=400)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context: whatever broke the page may break that too.
    return HttpResponseServerError(loader.render_to_string("500.html"))
