from django.db.models import Prefetch
from django.views.generic import DetailView

from statements.models import PositionChange, Stance, Statement

from .models import Politician


class PoliticianDetailView(DetailView):
    """One person: where they stand on each topic, and everything they said on the record."""

    template_name = "politicians/politician_detail.html"
    context_object_name = "politician"

    def get_queryset(self):
        return Politician.objects.select_related("party").prefetch_related(
            Prefetch(
                "stances",
                queryset=Stance.objects.select_related("topic", "based_on"),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.published().select_related("topic").newest_first(),
                to_attr="published_statements",
            ),
            Prefetch(
                "position_changes",
                queryset=PositionChange.objects.select_related("topic").order_by(
                    "changed_on", "recorded_at"
                ),
                to_attr="changes_oldest_first",
            ),
        )
