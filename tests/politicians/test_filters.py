"""The politicians list's filters and facet counts, checked against a count done by hand."""

import datetime

import pytest
from django.core.exceptions import BadRequest
from django.http import QueryDict

from outreach.models import Outcome, Outreach
from politicians.models import Bench, House
from public.filters import PoliticianFilter, listed_politicians
from statements.models import Position, Stance, Statement
from tests.factories import (
    OutreachFactory,
    PartyFactory,
    PoliticianFactory,
    politician_with_statements,
)

MARCH_15 = datetime.date(2023, 3, 15)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chamber(topic):
    """Fourteen people across three parties, houses, benches and every position."""
    con = PartyFactory(name="Conservative", slug="conservative")
    lab = PartyFactory(name="Labour", slug="labour")
    snp = PartyFactory(name="Scottish National Party", slug="snp")
    W, S, M, O = Position.WANTS_EXTENDED, Position.SUPPORTS, Position.MIXED, Position.OPPOSES  # noqa: E741
    people = [
        (W, {"party": con, "bench": Bench.FRONT, "has_tiktok_account": True}),
        (S, {"party": con}),
        (O, {"party": con, "bench": Bench.FRONT, "has_tiktok_account": True}),
        (None, {"party": con}),
        (S, {"party": lab, "name": "Ava Northfield", "constituency": "Leeds North"}),
        (M, {"party": lab, "house": House.LORDS, "constituency": ""}),
        (None, {"party": lab, "constituency": "Northampton South"}),
        (O, {"party": lab, "has_tiktok_account": True}),
        (S, {"party": snp, "house": House.SCOTTISH_PARLIAMENT}),
        (None, {"party": snp}),
        (None, {"party": snp, "house": House.SENEDD, "bench": Bench.UNKNOWN}),
        # A campaigner who spoke on the record is an other voice, never listed.
        (O, {"party": None, "house": House.OTHER, "is_sitting": False, "member_id": None}),
    ]
    made = [politician_with_statements(position, **fields) for position, fields in people]
    # The survey: one with a position was asked too, one silent MP declined, one was asked
    # twice and never answered, one sent only a holding reply.
    OutreachFactory(politician=made[1])
    OutreachFactory(politician=made[3], outcome=Outcome.DECLINED, outcome_on=MARCH_15)
    OutreachFactory.create_batch(2, politician=made[6])
    OutreachFactory(politician=made[9], outcome=Outcome.HOLDING)
    # A former MP who never spoke is not listed; nor is a person an editor added, until one of
    # their statements is published.
    PoliticianFactory(party=con, is_sitting=False)
    PoliticianFactory(party=lab, on_roll=False)
    return topic


def run(query, topic):
    return PoliticianFilter(QueryDict(query), queryset=listed_politicians(topic), topic=topic)


def by_hand(topic):
    """Every listed row as plain values, worked out without the FilterSet."""
    positions = dict(Stance.objects.filter(topic=topic).values_list("politician", "position"))
    outcomes = {}
    for politician_id, outcome in Outreach.objects.values_list("politician", "outcome"):
        outcomes.setdefault(politician_id, set()).add(outcome)
    on_record = set(
        Statement.objects.published().filter(topic=topic).values_list("politician", flat=True)
    )

    def coverage(pk):
        if pk in on_record:
            return "replied"
        if "declined" in outcomes.get(pk, ()):
            return "declined"
        return "no_reply" if pk in outcomes else "not_asked"

    rows = []
    published = set(Statement.objects.published().values_list("politician", flat=True))
    for p in PoliticianFactory._meta.model.objects.select_related("party"):
        if not p.is_sitting and p.pk not in positions:
            continue
        if p.house == House.OTHER or not (p.on_roll or p.pk in published):
            continue
        rows.append(
            {
                "name": p.name,
                "position": positions.get(p.pk, "none"),
                "coverage": coverage(p.pk),
                "party": p.party.slug if p.party else None,
                "house": p.house,
                "bench": p.bench,
                "tiktok": "yes" if p.has_tiktok_account else "no",
                "search": f"{p.name} {p.constituency}".lower(),
            }
        )
    return rows


def matches(row, chosen, skip=None):
    for name, values in chosen.items():
        if name == skip or not values:
            continue
        if name == "q":
            if values[0].lower() not in row["search"]:
                return False
        elif row[name] not in values:
            return False
    return True


QUERIES = [
    "",
    "position=supports&position=opposes",
    "party=conservative&party=labour&position=none",
    "house=commons&bench=front",
    "tiktok=yes&party=labour",
    "q=north&position=supports&position=none",
    "position=opposes&house=scottish-parliament",
    "house=senedd&bench=unknown",
    "coverage=declined&coverage=no_reply",
    "coverage=not_asked&party=snp",
    "coverage=replied&position=supports",
]


@pytest.mark.parametrize("query", QUERIES)
def test_rows_and_every_facet_count_match_a_count_by_hand(chamber, query):
    chosen = {key: QueryDict(query).getlist(key) for key in QueryDict(query)}
    rows = by_hand(chamber)
    filterset = run(query, chamber)

    assert sorted(p.name for p in filterset.qs) == sorted(
        row["name"] for row in rows if matches(row, chosen)
    )
    for facet, options in filterset.facets().items():
        for option in options:
            expected = sum(
                1
                for row in rows
                if matches(row, chosen, skip=facet) and row[facet] == option["value"]
            )
            assert option["count"] == expected, (facet, option["value"])
            assert option["checked"] == (option["value"] in chosen.get(facet, []))


def test_several_positions_widen_the_list_and_a_party_narrows_it(chamber):
    supports = run("position=supports", chamber).qs.count()
    opposes = run("position=opposes", chamber).qs.count()

    both = run("position=supports&position=opposes", chamber).qs
    labour_both = run("position=supports&position=opposes&party=labour", chamber).qs

    assert (supports, opposes) == (3, 2)
    assert both.count() == 5
    assert sorted(p.position for p in labour_both) == ["opposes", "supports"]


def test_position_facet_keeps_its_options_counted_without_its_own_filter(chamber):
    facets = run("position=supports&party=conservative", chamber).facets()

    counts = {option["value"]: option["count"] for option in facets["position"]}

    assert counts == {"wants_extended": 1, "supports": 1, "mixed": 0, "opposes": 1, "none": 1}


def test_facets_take_one_query_each(chamber, django_assert_num_queries):
    filterset = run("position=supports&party=conservative&party=labour&house=commons", chamber)
    filterset.qs  # noqa: B018 - validating the party slugs is its own query

    # position, coverage, house, bench, tiktok grouped counts, and the parties with counts.
    with django_assert_num_queries(6):
        filterset.facets()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("position=maybe", "position"),
        ("position=supports&position=maybe", "position"),
        ("party=no-such-party", "party"),
        ("house=senate", "house"),
        ("house=other", "house"),
        ("house=devolved", "house"),
        ("bench=middle", "bench"),
        ("tiktok=sometimes", "tiktok"),
        ("sort=height", "sort"),
        ("coverage=asked", "coverage"),
    ],
)
def test_unknown_value_is_a_bad_request_naming_the_parameter(chamber, query, parameter):
    with pytest.raises(BadRequest) as error:
        run(query, chamber).qs  # noqa: B018

    assert str(error.value).split()[0].removesuffix(":") == parameter


def test_sort_by_position_puts_the_hardest_line_first_and_no_position_last(chamber):
    positions = [p.position for p in run("sort=position", chamber).qs]

    assert positions == sorted(
        positions, key=["wants_extended", "supports", "mixed", "opposes", "none"].index
    )
    assert positions[0] == "wants_extended" and positions[-1] == "none"
