"""Counts the public pages show: each is one aggregate query, never a loop over rows.

Every count is of one House: an MP, a peer and an MSP are never added up into one total, and the
other voices (campaigners, companies, the government) are never counted at all.
"""

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Q, Value
from django.db.models.functions import Coalesce

from politicians.models import LEGISLATURES, LISTED_IN_FULL, MEMBER_NOUNS, SEATS, House, Politician

from .models import NO_POSITION, POSITION_LABELS, POSITION_SCALE, Position, Topic

# How each position reads in a sentence, said of one member and of several.
POSITION_PHRASES = {
    Position.WANTS_EXTENDED: ("wants the ban extended", "want the ban extended"),
    Position.SUPPORTS: (
        "supports the ban on government devices",
        "support the ban on government devices",
    ),
    Position.MIXED: ("is mixed or undecided", "are mixed or undecided"),
    Position.OPPOSES: ("opposes the ban", "oppose the ban"),
    NO_POSITION: ("has no known position", "have no known position"),
}


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


@dataclass(frozen=True)
class HouseTally:
    """One House's members (or one party's members in it) split across the scale."""

    house: str
    positions: list[PositionCount]

    @property
    def total(self) -> int:
        return self.positions[0].total

    @property
    def label(self) -> str:
        return House(self.house).label

    @property
    def nouns(self) -> tuple[str, str]:
        """What one member and several are called: (“MP”, “MPs”)."""
        return MEMBER_NOUNS[self.house]

    @property
    def noun(self) -> str:
        """“MPs”, or “MP” for one."""
        singular, plural = self.nouns
        return singular if self.total == 1 else plural

    @property
    def listed_in_full(self) -> bool:
        return self.house in LISTED_IN_FULL

    @property
    def seats(self) -> int | None:
        return SEATS.get(self.house)

    @property
    def counts_only_those_held(self) -> bool:
        """No list of the whole House is available, and it has no fixed number of seats (the
        Lords): only the members we hold are counted."""
        return self.seats is None and not self.listed_in_full

    @property
    def awaits_member_list(self) -> bool:
        """A House of fixed seats whose list of members is not available to us yet."""
        return self.seats is not None and not self.listed_in_full


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
    return [
        PositionCount(value, POSITION_LABELS[value], counts.get(value, 0), total)
        for value in POSITION_SCALE
    ]


def empty_tally(house: str) -> HouseTally:
    return HouseTally(house, tally_from_counts({}))


def _counted(politicians):
    # Whoever the caller passes, other voices are never counted.
    if politicians is None:
        politicians = Politician.objects.counted()
    return politicians.legislators().order_by()


def house_tallies(topic: Topic, politicians=None) -> dict[str, HouseTally]:
    """Each House's split across positions, from one query grouped by house and position.

    Only Houses with at least one member counted appear, in the order pages show them. The
    default is every public, sitting member of a House.
    """
    rows = (
        with_position(_counted(politicians), topic)
        .values("house", "position")
        .annotate(count=Count("pk"))
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["house"], {})[row["position"]] = row["count"]
    return {
        house: HouseTally(house, tally_from_counts(counts[house]))
        for house in LEGISLATURES
        if house in counts
    }


def position_tally(topic: Topic, politicians=None) -> HouseTally:
    """How the MPs split: the headline of every page about a topic. One query."""
    politicians = _counted(politicians).filter(house=House.COMMONS)
    return house_tallies(topic, politicians).get(House.COMMONS) or empty_tally(House.COMMONS)


@dataclass(frozen=True)
class PartyTally:
    """One party's members, split across the scale in each House; `slug` is empty for no party."""

    slug: str
    name: str
    houses: list[HouseTally]

    def _sort_key(self):
        commons = next((h.total for h in self.houses if h.house == House.COMMONS), 0)
        # A party-less row goes last whatever its size: it is not a party a reader looks for.
        # Otherwise the most MPs first; parties with none, by their members elsewhere. The sum
        # across Houses only orders the rows: it is never shown.
        return (not self.slug, -commons, -sum(h.total for h in self.houses), self.name)


def party_tally(topic: Topic, politicians=None) -> list[PartyTally]:
    """Each party's split across positions in each House, biggest first, from one grouped query.

    Members without a party (independents without a grouping) form their own row, so that the
    party rows of a House add up to that House's tally.
    """
    rows = (
        with_position(_counted(politicians), topic)
        .values("party__slug", "party__name", "house", "position")
        .annotate(count=Count("pk"))
    )
    counts: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    for row in rows:
        key = (row["party__slug"] or "", row["party__name"] or "No party")
        by_house = counts.setdefault(key, {})
        by_house.setdefault(row["house"], {})[row["position"]] = row["count"]
    parties = [
        PartyTally(
            slug,
            name,
            [
                HouseTally(house, tally_from_counts(by_house[house]))
                for house in LEGISLATURES
                if house in by_house
            ],
        )
        for (slug, name), by_house in counts.items()
    ]
    return sorted(parties, key=PartyTally._sort_key)


def _and_join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def tally_sentence(tally: HouseTally, party_name: str = "") -> str:
    """The tally in words, as a page description or a story would put it.

    “Of the 650 MPs, 2 want the ban extended, 1 supports the ban on government devices and 647
    have no known position.” Positions nobody holds are left out. Where we hold only part of
    a House (the Lords), the sentence says the count is of those we hold.
    """
    singular, plural = MEMBER_NOUNS[tally.house]
    we_hold = "" if tally.listed_in_full else " we hold"
    if tally.total == 0:
        return f"We hold no {' '.join(filter(None, [party_name, plural]))}."
    taken = [row for row in tally.positions if row.count]
    if tally.total == 1:
        who = " ".join(filter(None, [party_name, singular]))
        return f"The one {who}{we_hold} {POSITION_PHRASES[taken[0].position][0]}."
    who = " ".join(filter(None, [party_name, plural]))
    if len(taken) == 1:
        return f"All {tally.total:,} {who}{we_hold} {POSITION_PHRASES[taken[0].position][1]}."
    parts = [f"{row.count:,} {POSITION_PHRASES[row.position][row.count != 1]}" for row in taken]
    return f"Of the {tally.total:,} {who}{we_hold}, {_and_join(parts)}."
