import csv
from pathlib import Path

import pytest

from sources.extraction.engine import extract_candidates
from sources.extraction.people import PeopleDirectory
from tests.factories import PartyFactory, PoliticianFactory

# Real MPs with the posts they held on 16 March 2023, as the member import and the frontbench
# roles give them: enough for every way copy names a person.
PEOPLE_CSV = Path(__file__).parent / "samples" / "people.csv"


def _people_rows():
    with PEOPLE_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["member_id"] = int(row["member_id"])
        row["slug"] = row["name"].lower().replace(" ", "-")
    return rows


@pytest.fixture(scope="session")
def people():
    return PeopleDirectory.from_rows(_people_rows())


@pytest.fixture
def extract(people):
    def run(text, **kwargs):
        candidates = extract_candidates(text, people=people, **kwargs)
        for candidate in candidates:
            assert text[candidate.start : candidate.end] == candidate.words
        return candidates

    return run


@pytest.fixture
def kearns(db):
    """Alicia Kearns as the member import holds her."""
    return PoliticianFactory(
        name="Alicia Kearns",
        sort_name="Kearns, Alicia",
        slug="alicia-kearns",
        member_id=4805,
        party=PartyFactory(name="Conservative", slug="conservative"),
    )
