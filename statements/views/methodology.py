from django.db.models import Case, F, When, Window
from django.db.models.functions import RowNumber
from django.views.generic import TemplateView

from politicians.models import House
from statements.models import (
    NO_POSITION,
    POSITION_DESCRIPTIONS,
    POSITION_LABELS,
    POSITION_SCALE,
    Statement,
)

from .topics import topic_for_request, topic_query


def example_statements(topic) -> dict[str, Statement]:
    """One published statement per position, a member's direct quote first, in one query."""
    ranked = (
        Statement.objects.published()
        .for_topic(topic)
        .with_people()
        .annotate(
            rank_in_position=Window(
                RowNumber(),
                partition_by=[F("position")],
                # An elected member's words before a campaigner's or a company's.
                order_by=[
                    Case(When(politician__house=House.OTHER, then=1), default=0),
                    F("is_paraphrase").asc(),
                    F("said_on").desc(),
                    F("pk").desc(),
                ],
            )
        )
        .filter(rank_in_position=1)
    )
    return {statement.position: statement for statement in ranked}


class MethodologyView(TemplateView):
    """What the positions mean, how statements are sourced and reviewed, how to correct us."""

    template_name = "statements/methodology.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = topic_for_request(self.request)
        examples = example_statements(topic)
        context.update(
            topic=topic,
            topic_query=topic_query(topic),
            positions=[
                {
                    "value": value,
                    "label": POSITION_LABELS[value],
                    "description": POSITION_DESCRIPTIONS[value],
                    "example": examples.get(value),
                }
                for value in POSITION_SCALE
            ],
            no_position=NO_POSITION,
        )
        return context
