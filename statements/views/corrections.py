from django.conf import settings
from django.views.generic import ListView

from statements.models import Correction


class CorrectionListView(ListView):
    """The public corrections log: every correction or retraction of a published statement.

    Only statements that have been public ever get a Correction (the services make them when a
    changed statement is republished, or a published one retracted), so the log leaks no draft.
    """

    template_name = "statements/corrections.html"
    context_object_name = "corrections"

    def get_paginate_by(self, queryset):
        # Read per request, like the other lists, so the setting can change without a restart.
        return settings.WTS_PAGE_SIZE

    def get_queryset(self):
        return Correction.objects.select_related(
            "statement__politician__party", "statement__topic"
        ).order_by("-made_at", "-pk")
