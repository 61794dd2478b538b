"""Counts the public pages show: each is one aggregate query, never a loop over rows."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from politicians.models import Politician

from .models import NO_POSITION, NO_POSITION_LABEL, Position, Stance, Topic

SCALE = [*Position.values, NO_POSITION]
LABELS = {**dict(Position.choices), NO_POSITION: NO_POSITION_LABEL}


@dataclass(frozen=True)
class PositionCount:
    position: str
    label: str
    count: int
    total: int

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def with_position(politicians, topic: Topic):
    """Annotate each politician with their position on the topic, “none” when there is none."""
    stance_position = Stance.objects.filter(politician=OuterRef("pk"), topic=topic).values(
        "position"
    )[:1]
    return politicians.annotate(position=Coalesce(Subquery(stance_position), Value(NO_POSITION)))


def position_tally(topic: Topic, politicians=None) -> list[PositionCount]:
    """How many of the given politicians (default: all sitting members) hold each position."""
    if politicians is None:
        politicians = Politician.objects.sitting()
    rows = (
        with_position(politicians.order_by(), topic).values("position").annotate(count=Count("pk"))
    )
    counts = {row["position"]: row["count"] for row in rows}
    total = sum(counts.values())
    return [PositionCount(value, LABELS[value], counts.get(value, 0), total) for value in SCALE]
