import pytest

from sources.extraction.engine import extract_candidates
from sources.extraction.people import PeopleDirectory
from tests.factories import PartyFactory, PoliticianFactory

# Real MPs with the posts they held on 16 March 2023, as the member import and the frontbench
# roles give them: enough for every way copy names a person.
PEOPLE = [
    {"name": "Alicia Kearns", "member_id": 4805, "constituency": "Rutland and Melton"},
    {"name": "Iain Duncan Smith", "member_id": 152, "constituency": "Chingford and Woodford Green"},
    {"name": "Tobias Ellwood", "member_id": 1487, "constituency": "Bournemouth East"},
    {
        "name": "Grant Shapps",
        "member_id": 1582,
        "role": "Secretary of State for Energy Security and Net Zero",
    },
    {
        "name": "Lucy Frazer",
        "member_id": 4517,
        "role": "Secretary of State for Culture, Media and Sport",
    },
    {"name": "Suella Braverman", "member_id": 4475, "role": "Home Secretary"},
    {"name": "Yvette Cooper", "member_id": 420, "role": "Shadow Home Secretary", "party": "Labour"},
    {"name": "Jeremy Hunt", "member_id": 1572, "role": "Chancellor of the Exchequer"},
    {"name": "Rishi Sunak", "member_id": 4483, "role": "Prime Minister"},
    {"name": "James Cleverly", "member_id": 4366, "role": "Foreign Secretary"},
    {"name": "Ben Bradley", "member_id": 4663, "constituency": "Mansfield"},
    {"name": "Karen Bradley", "member_id": 4110, "constituency": "Staffordshire Moorlands"},
    {"name": "Rachel Reeves", "member_id": 4031, "party": "Labour"},
    {"name": "Ellie Reeves", "member_id": 4620, "party": "Labour"},
    {"name": "Johnny Mercer", "member_id": 4485, "role": "Minister for Veterans' Affairs"},
    {"name": "Adam Holloway", "member_id": 1522, "constituency": "Gravesham"},
    {"name": "David Jones", "member_id": 1502, "constituency": "Clwyd West"},
    {"name": "Tom Tugendhat", "member_id": 4462, "role": "Minister for Security"},
    {
        "name": "Lord True",
        "member_id": 4200,
        "house": "lords",
        "role": "Leader of the House of Lords",
    },
]


def _row(spec):
    row = {"party": "Conservative", "house": "commons", "role": "", "constituency": "", **spec}
    row["slug"] = row["name"].lower().replace(" ", "-")
    return row


@pytest.fixture(scope="session")
def people():
    return PeopleDirectory.from_rows([_row(spec) for spec in PEOPLE])


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
