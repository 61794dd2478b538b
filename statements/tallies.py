"""Counts the public pages show: each is one aggregate query, never a loop over rows."""

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Q, Value
from django.db.models.functions import Coalesce

from politicians.models import Politician

from .models import NO_POSITION, NO_POSITION_LABEL, Position, Topic

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
    """Annotate each politician with their position on the topic, “none” when there is none.

    A LEFT JOIN on the one stance per politician and topic, not a subquery per row: on
    PostgreSQL the correlated subquery made every tally of the full House several times slower.
    """
    return politicians.annotate(
        topic_stance=FilteredRelation("stances", condition=Q(stances__topic=topic))
    ).annotate(position=Coalesce(F("topic_stance__position"), Value(NO_POSITION)))


def tally_from_counts(counts: dict[str, int]) -> list[PositionCount]:
    """Every position on the scale with its count, the total being the sum of the counts."""
    total = sum(counts.values())
    return [PositionCount(value, LABELS[value], counts.get(value, 0), total) for value in SCALE]


def position_tally(topic: Topic, politicians=None) -> list[PositionCount]:
    """How many of the given politicians (default: all sitting members) hold each position."""
    if politicians is None:
        politicians = Politician.objects.sitting()
    rows = (
        with_position(politicians.order_by(), topic).values("position").annotate(count=Count("pk"))
    )
    return tally_from_counts({row["position"]: row["count"] for row in rows})


@dataclass(frozen=True)
class PartyTally:
    """One party's sitting members split across the scale; `slug` is empty for no party."""

    slug: str
    name: str
    positions: list[PositionCount]

    @property
    def total(self) -> int:
        return self.positions[0].total


def party_tally(topic: Topic, politicians=None) -> list[PartyTally]:
    """Each party's split across positions, biggest party first, from one grouped query.

    Members without a party (the Speaker, independents without a grouping) form their own row,
    so that the party rows add up to the headline tally.
    """
    if politicians is None:
        politicians = Politician.objects.sitting()
    rows = (
        with_position(politicians.order_by(), topic)
        .values("party__slug", "party__name", "position")
        .annotate(count=Count("pk"))
    )
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        key = (row["party__slug"] or "", row["party__name"] or "No party")
        counts.setdefault(key, {})[row["position"]] = row["count"]
    parties = []
    for (slug, name), by_position in counts.items():
        parties.append(PartyTally(slug, name, tally_from_counts(by_position)))
    # A party-less row goes last whatever its size: it is not a party a reader looks for.
    return sorted(parties, key=lambda party: (not party.slug, -party.total, party.name))
