"""Every topic side by side: positions and coverage across all the topics we track."""

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from outreach.coverage import coverage_expressions
from politicians.models import LEGISLATURES, House, Politician
from statements.models import NO_POSITION, POSITION_LABELS, POSITION_SCALE


def politicians_by_topic(topics):
    """Every counted politician with their position and coverage on each topic, side by side:
    one query however many topics (a join and subqueries per topic, not a query per row)."""
    people = Politician.objects.counted().select_related("party").order_by("sort_name", "name")
    for n, topic in enumerate(topics):
        stance = f"stance_{n}"
        people = people.annotate(
            **{stance: FilteredRelation("stances", condition=Q(stances__topic=topic))}
        ).annotate(
            **{
                f"position_{n}": Coalesce(F(f"{stance}__position"), Value(NO_POSITION)),
                f"coverage_{n}": coverage_expressions(OuterRef("pk"), topic)["coverage"],
            }
        )
    return people


@dataclass(frozen=True)
class TopicRow:
    topic: object
    counts: list  # (position, label, count) in scale order
    total: int


def party_across_topics(party, topics) -> dict:
    """For each House, how the party's counted members split on each topic: one grouped query
    (a count per topic and position), never one per topic."""
    counts = {
        f"t{n}_{position}": Count("pk", filter=Q(**{f"position_{n}": position}))
        for n in range(len(topics))
        for position in POSITION_SCALE
    }
    rows = (
        politicians_by_topic(topics)
        .filter(party=party)
        .order_by()
        .values("house")
        .annotate(total=Count("pk"), **counts)
    )
    by_house = {row["house"]: row for row in rows}
    return {
        House(house): [
            TopicRow(
                topic,
                [
                    (position, POSITION_LABELS[position], by_house[house][f"t{n}_{position}"])
                    for position in POSITION_SCALE
                ],
                by_house[house]["total"],
            )
            for n, topic in enumerate(topics)
        ]
        for house in LEGISLATURES
        if house in by_house
    }
