"""The site's URLs and error handlers, plus one page with a bug, to see what a 500 shows."""

from django.urls import path

from config.urls import handler400, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]


def page_with_a_bug(request):
    raise RuntimeError("A bug on our side")


urlpatterns = [path("bug/", page_with_a_bug), *urlpatterns]
