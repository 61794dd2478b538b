"""Error pages that say what went wrong in words a reader can act on."""

from django.shortcuts import render


def bad_request(request, exception=None):
    message = str(exception) if exception and str(exception) else "The address has a bad value."
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
