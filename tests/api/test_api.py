"""The public API: only published data, the same rows as the CSV, ETags, CORS, a rate limit."""

import csv
import io

import pytest

from outreach.models import Outcome
from statements.models import Position
from statements.services import statement_retract
from tests.factories import (
    OutreachFactory,
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    TopicFactory,
    politician_with_statements,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def house(topic, reviewer):
    labour = PartyFactory(name="Labour", slug="labour")
    tories = PartyFactory(name="Conservative", slug="conservative")
    people = [
        politician_with_statements(position, party=labour if n % 2 else tories, statements=2)
        for n, position in enumerate(
            [Position.SUPPORTS, Position.OPPOSES, Position.MIXED, None, None, Position.SUPPORTS]
        )
    ]
    OutreachFactory(politician=people[3], outcome=Outcome.DECLINED, notes="Staff only.")
    OutreachFactory(politician=people[4])
    draft = StatementFactory(politician=people[0], words="A draft nobody reviewed.")
    retracted = statement_retract(
        statement=StatementFactory(published=True, politician=people[1], words="Taken down."),
        actor=reviewer,
        reason="Misattributed.",
    )
    # Someone an import added, with only a draft: not public at all.
    unlisted = PoliticianFactory(on_roll=False, slug="not-yet-public")
    StatementFactory(politician=unlisted)
    return {"people": people, "draft": draft, "retracted": retracted, "unlisted": unlisted}


def every_row(client, url):
    """Every item of a paged collection, following `next`."""
    rows = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.content
        rows += answer.json()["results"]
        url = answer.json()["next"]
    return rows


def csv_rows(client, url):
    text = b"".join(client.get(url).streaming_content).decode().removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_drafts_and_retracted_statements_never_appear_through_the_api(client, house):
    ids = {row["id"] for row in every_row(client, "/api/v1/statements/")}
    words = {row["words"] for row in every_row(client, "/api/v1/statements/?q=draft")}

    assert house["draft"].pk not in ids and house["retracted"].pk not in ids
    assert len(ids) == 8  # two published statements each for the four with a position
    assert words == set()
    assert client.get(f"/api/v1/statements/{house['draft'].pk}/").status_code == 404
    assert client.get(f"/api/v1/statements/{house['retracted'].pk}/").status_code == 404
    assert client.get("/api/v1/politicians/not-yet-public/").status_code == 404
    slugs = {row["slug"] for row in every_row(client, "/api/v1/politicians/")}
    assert "not-yet-public" not in slugs


@pytest.mark.parametrize(
    "query",
    ["", "?coverage=declined&coverage=no_reply", "?party=labour&position=none", "?sort=-name"],
)
def test_api_and_csv_of_the_same_filters_hold_the_same_politicians(client, house, settings, query):
    api = every_row(client, f"/api/v1/politicians/{query}")
    download = csv_rows(client, f"/politicians.csv{query}")

    assert [row["slug"] for row in api] == [row["slug"] for row in download]
    assert [as_csv_writes(row) for row in api] == [
        {key: value for key, value in row.items() if key != "exported_at"} for row in download
    ]


def as_csv_writes(row: dict) -> dict:
    """An API row's values as the CSV writes them: yes/no, and nothing for null."""

    def cell(value):
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "" if value is None else str(value)

    return {key: cell(value) for key, value in row.items()}


@pytest.mark.parametrize("query", ["", "?party=labour", "?position=supports&q=statement"])
def test_api_and_csv_of_the_same_filters_hold_the_same_statements(client, house, query):
    api = every_row(client, f"/api/v1/statements/{query}")
    download = csv_rows(client, f"/statements.csv{query}")

    assert [row["id"] for row in api] == [int(row["id"]) for row in download]
    assert [row["words"] for row in api] == [row["words"] for row in download]


def test_coverage_is_in_the_api_and_staff_are_not(client, house):
    body = client.get("/api/v1/politicians/?coverage=declined").content.decode()
    person = client.get(f"/api/v1/politicians/{house['people'][3].slug}/").json()

    assert [
        row["coverage"]
        for row in client.get("/api/v1/politicians/?coverage=declined").json()["results"]
    ] == ["declined"]
    assert person["positions"][0]["coverage"] == "declined"
    assert person["positions"][0]["coverage_text"].startswith("Declined to say on ")
    for secret in ["Staff only", "editor", "asked_by", "notes"]:
        assert secret not in body and secret not in str(person)


def test_a_bad_filter_is_a_400_naming_the_parameter(client, house):
    answer = client.get("/api/v1/politicians/?coverage=maybe")

    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("coverage must be one of: not_asked")


def test_an_unchanged_answer_is_304_to_a_client_holding_its_etag(client, house):
    first = client.get("/api/v1/politicians/")

    again = client.get("/api/v1/politicians/", HTTP_IF_NONE_MATCH=first["ETag"])
    StatementFactory(published=True, politician=house["people"][3])
    changed = client.get("/api/v1/politicians/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (again.status_code, again.content) == (304, b"")
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_any_site_may_read_the_api_from_a_browser(client, house):
    answer = client.get("/api/v1/topics/", HTTP_ORIGIN="https://newsroom.example")
    preflight = client.options(
        "/api/v1/topics/",
        HTTP_ORIGIN="https://newsroom.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert answer["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post("/api/v1/topics/", {}).status_code == 405


def test_a_client_over_the_rate_limit_is_told_when_to_come_back(client, house, settings):
    settings.WTS_API_RATE_LIMIT = "2/min"

    # A client writing its own X-Forwarded-For is still the same client.
    answers = [
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(3)
    ]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert 0 < int(answers[2]["Retry-After"]) <= 60
    assert "throttled" in answers[2].json()["detail"].lower()
    settings.WTS_API_RATE_LIMIT = ""
    assert client.get("/api/v1/topics/").status_code == 200


def test_parties_carry_each_houses_tally(client, house):
    parties = {row["slug"]: row for row in every_row(client, "/api/v1/parties/")}

    labour = parties["labour"]["houses"][0]
    assert (labour["house"], labour["total"]) == ("commons", 3)
    assert labour["positions"]["opposes"] == 1


def test_the_docs_page_lists_every_operation(client):
    page = client.get("/api/v1/docs/").content.decode()

    for path in [
        "/api/v1/politicians/",
        "/api/v1/statements/",
        "/api/v1/topics/",
        "/api/v1/parties/",
    ]:
        assert f"GET {path}</code>" in page


def test_the_api_offers_the_topics_own_filters_only(client, topic):
    TopicFactory(slug="next-ban", title="The next ban")

    assert client.get("/api/v1/politicians/?tiktok=yes").status_code == 200
    assert client.get("/api/v1/politicians/?topic=next-ban&tiktok=yes").status_code == 400
