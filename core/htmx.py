"""Filtered lists that htmx updates in place: the same URL answers a whole page or its results."""

from django.conf import settings
from django.utils.cache import patch_vary_headers


def is_htmx_swap(request) -> bool:
    # htmx restoring a page missing from its history cache wants the whole page back.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class FilteredResultsMixin:
    """A filtered, paginated ListView whose whole state is its query string.

    htmx swaps get only the template's `results` partial, everyone else the whole page. Links to
    other pages and downloads keep every filter. `listed` is the list's one read (a selector
    taking the request and giving the topic, the filterset and the rows), the same one its
    downloads call: the view keeps the topic and filterset for its context.
    """

    listed = None

    def get_paginate_by(self, queryset):
        # Read per request, not at import: tests and settings changes shorten the pages.
        return settings.WTS_PAGE_SIZE

    def get_queryset(self):
        self.topic, self.filterset, rows = type(self).listed(self.request)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query_without_page = query.urlencode()
        context.update(
            query_without_page=query_without_page,
            page_link_prefix=f"?{query_without_page}&page=" if query_without_page else "?page=",
            is_htmx=is_htmx_swap(self.request),
        )
        return context

    def get_template_names(self):
        names = super().get_template_names()
        if is_htmx_swap(self.request):
            return [f"{name}#results" for name in names]
        return names

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The same URL answers with a whole page or a fragment: caches must keep them apart.
        patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
        return response
