"""One way of matching a speaker's name to a person, for every import."""

import csv
import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest

from politicians.names import NameMatcher, name_key, name_parts, names_resemble, without_titles

SHIPPED = Path(__file__).resolve().parents[2] / "politicians" / "data" / "uk-commons-2019-mps.csv"


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("Sir Lindsay Hoyle", "Lindsay Hoyle"),
        ("The Rt Hon Sir Lindsay Hoyle MP", "Lindsay Hoyle"),
        ("Rt. Hon. Lindsay Hoyle", "Lindsay Hoyle"),
        ("Right Honourable Lindsay Hoyle", "Lindsay Hoyle"),
        ("Dame Maria Eagle MP", "Maria Eagle"),
        ("Dr Rosena Allin-Khan", "Rosena Allin-Khan"),
        ("Prof Jane Example", "Jane Example"),
        ("Mx Sam Example", "Sam Example"),
        ("Miss Jane Example", "Jane Example"),
        ("Sir Keir Starmer KCB KC MP", "Keir Starmer"),
        ("John Swinney MSP", "John Swinney"),
        ("Mark Drakeford MS", "Mark Drakeford"),
        ("Ms Jane Example MLA", "Jane Example"),
        ("Alan Example, OBE", "Alan Example"),
        ("Jane Example CBE PC", "Jane Example"),
        ("Lord West of Spithead", "Lord West of Spithead"),
        ("The Rt Hon the Baroness Smith of Basildon", "Baroness Smith of Basildon"),
        ("Viscount Example", "Viscount Example"),
        ("Earl Howe", "Earl Howe"),
        ("Lady Hermon", "Lady Hermon"),
        ("Sir", "Sir"),  # never reduced to nothing
        ("  Lindsay   Hoyle  ", "Lindsay Hoyle"),
    ],
)
def test_titles_and_letters_after_a_name_come_off_but_a_peers_title_stays(written, bare):
    assert without_titles(written) == bare


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nick Thomas-Symonds", "Nick Thomas Symonds"),
        ("Nick Thomas-Symonds", "nick thomas–symonds"),  # an en dash
        ("Brendan O'Hara", "Brendan O’Hara"),
        ("Brendan O'Hara", "Brendan OHara"),
        ("Siân Berry", "Sian Berry"),
        ("Chris Ruane", "CHRIS RUANE"),
        ("Marsha De Cordova", "Marsha de Cordova"),
        ("Marsha De Cordova", "Marsha DeCordova"),
        ("Lindsay Hoyle", "The Rt Hon Sir Lindsay Hoyle MP"),
        ("Lord West of Spithead", "The Lord West of Spithead"),
    ],
)
def test_one_name_written_two_ways_has_one_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Lord West of Spithead", "West of Spithead"),  # Lord is part of a peer's name
        ("Baroness Smith of Basildon", "Baroness Smith of Newnham"),
        ("Angela Eagle", "Maria Eagle"),
        ("Stuart McDonald", "Stewart McDonald"),
    ],
)
def test_different_names_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Lindsey Hoyle", "Lindsay Hoyle"),  # a close first name
        ("Kevin Jones", "Kevan Jones"),
        ("Alicia Kerns", "Alicia Kearns"),  # a misspelt surname
        ("A. Kearns", "Alicia Kearns"),  # an initial
        ("Tan Dhesi", "Tanmanjeet Singh Dhesi"),  # a short form
        ("Lord West", "Lord West of Spithead"),  # a peer without their territorial name
        ("Baroness Smith", "Baroness Smith of Basildon"),
    ],
)
def test_names_that_might_be_one_person_miswritten_resemble(one, other):
    assert names_resemble(name_parts(one), name_parts(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Angela Eagle", "Maria Eagle"),  # twin sisters, both MPs
        ("Rachel Reeves", "Ellie Reeves"),  # sisters, both MPs
        ("John Stevenson", "Jane Stevenson"),
        ("Jo Stevens", "Jane Stevenson"),
        ("David Jones", "Darren Jones"),
        ("Baroness Smith of Basildon", "Baroness Smith of Newnham"),
        ("Lord Jones of Cheltenham", "Lord Jones of Penylan"),
        ("Baroness Smith of Basildon", "Cat Smith"),
    ],
)
def test_different_people_sharing_a_surname_do_not_resemble(one, other):
    assert not names_resemble(name_parts(one), name_parts(other))


def test_of_the_650_mps_only_stuart_and_stewart_mcdonald_resemble_each_other():
    with SHIPPED.open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert len(names) == 650

    parts = {name: name_parts(name) for name in names}

    alike = [
        (a, b)
        for a, b in itertools.combinations(names, 2)
        if "".join(parts[a]) == "".join(parts[b]) or names_resemble(parts[a], parts[b])
    ]

    # Two SNP MPs of March 2023: a file misspelling either must give the member id.
    assert alike == [("Stuart McDonald", "Stewart McDonald")]


def test_matcher_finds_exact_names_and_resembling_ones_apart():
    hoyle = SimpleNamespace(name="Lindsay Hoyle")
    eagles = [SimpleNamespace(name="Angela Eagle"), SimpleNamespace(name="Maria Eagle")]
    matcher = NameMatcher([hoyle, *eagles])

    assert matcher.exact("Sir Lindsay Hoyle MP") == [hoyle]
    assert matcher.resembling("Sir Lindsay Hoyle MP") == []
    assert matcher.exact("Lindsey Hoyle") == []
    assert matcher.resembling("Lindsey Hoyle") == [hoyle]
    assert matcher.resembling("M. Eagle") == [eagles[1]]
    assert matcher.resembling("Eagle") == []  # one word is not enough to go on
