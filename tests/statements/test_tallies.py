"""The tally in words: one sentence, written once, that a story can quote."""

import pytest

from politicians.models import House
from statements.models import POSITION_SCALE
from statements.tallies import (
    POSITION_PHRASES,
    HouseTally,
    house_tallies,
    party_tally,
    tally_from_counts,
    tally_sentence,
)
from tests.factories import PartyFactory, politician_with_statements


def tally(house, **counts):
    return HouseTally(house, tally_from_counts(counts))


def test_the_sentence_leaves_out_positions_nobody_holds_and_agrees_in_number():
    commons = tally(House.COMMONS, wants_extended=2, supports=1, opposes=3, none=644)

    assert tally_sentence(commons) == (
        "Of the 650 MPs, 2 want the ban extended, 1 supports the ban on government devices, "
        "3 oppose the ban and 644 have no known position."
    )
    assert tally_sentence(tally(House.COMMONS, mixed=1, none=1)) == (
        "Of the 2 MPs, 1 is mixed or undecided and 1 has no known position."
    )


def test_a_house_we_hold_only_part_of_says_so():
    assert tally_sentence(tally(House.LORDS, supports=30, none=2)) == (
        "Of the 32 peers we hold, 30 support the ban on government devices and 2 have no known "
        "position."
    )
    assert tally_sentence(tally(House.SENEDD, opposes=1), "Labour") == (
        "The one Labour Member of the Senedd opposes the ban."
    )
    assert tally_sentence(tally(House.NI_ASSEMBLY), "Alliance") == "We hold no Alliance MLAs."
    assert tally_sentence(tally(House.LORDS, none=32)) == (
        "All 32 peers we hold have no known position."
    )


def test_every_position_on_the_scale_has_words():
    assert set(POSITION_PHRASES) == set(POSITION_SCALE)


@pytest.mark.django_db
def test_house_and_party_tallies_never_add_houses_together(topic):
    labour = PartyFactory(name="Labour", slug="labour")
    for position in ("supports", None):
        politician_with_statements(position, party=labour)
    politician_with_statements("opposes", party=labour, house=House.LORDS)
    politician_with_statements("opposes", party=labour, house=House.OTHER, is_sitting=True)

    houses = house_tallies(topic)
    (labour_tally,) = party_tally(topic)

    assert list(houses) == [House.COMMONS, House.LORDS]
    assert (houses[House.COMMONS].total, houses[House.LORDS].total) == (2, 1)
    assert [(h.house, h.total) for h in labour_tally.houses] == [
        (House.COMMONS, 2),
        (House.LORDS, 1),
    ]
