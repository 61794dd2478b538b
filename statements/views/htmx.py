"""Lists that htmx updates in place: the same URL answers with a whole page or its results."""

from django.utils.cache import patch_vary_headers


def is_htmx_swap(request) -> bool:
    # htmx restoring a page missing from its history cache wants the whole page back.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class ResultsFragmentForHtmxMixin:
    """Render only the template's `results` partial for htmx swaps, the whole page otherwise."""

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
