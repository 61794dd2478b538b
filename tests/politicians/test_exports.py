"""`/politicians.csv` and `/politicians.json` hold exactly the rows the list shows."""

import json

import pytest
from bs4 import BeautifulSoup

from politicians.models import Bench
from public.exports import COLUMNS
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    TopicFactory,
    politician_with_statements,
)
from tests.reading import M, O, S, W, csv_dicts

pytestmark = pytest.mark.django_db


def listed_slugs(client, query):
    """Every row the list shows for the query, walking all its pages."""
    slugs, page = [], 1
    while True:
        response = client.get(f"/politicians/?{query}&page={page}")
        soup = BeautifulSoup(response.content, "lxml")
        slugs += [a["href"].split("/")[2] for a in soup.select("#results tbody th a")]
        if not soup.select_one(".pagination a[rel=next]"):
            return slugs
        page += 1


@pytest.fixture
def members(topic):
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    scale = [W, S, M, O, None]
    return [
        politician_with_statements(
            scale[n % 5],
            party=labour if n % 2 else conservative,
            bench=Bench.FRONT if n % 3 == 0 else Bench.BACK,
        )
        for n in range(14)
    ]


QUERIES = [
    "",
    "party=labour",
    "position=supports&position=none&sort=-name",
    "party=conservative&party=labour&bench=front&sort=position",
    "q=member+1",
]


@pytest.mark.parametrize("query", QUERIES)
def test_csv_and_json_hold_exactly_the_listed_rows_in_the_same_order(
    client, members, settings, query
):
    settings.WTS_PAGE_SIZE = 4  # the list spreads over pages; the download takes them all
    expected = listed_slugs(client, query)

    csv_rows = csv_dicts(client.get(f"/politicians.csv?{query}&page=2"))
    payload = json.loads(client.get(f"/politicians.json?{query}").getvalue())

    assert [row["slug"] for row in csv_rows] == expected
    assert [row["slug"] for row in payload["politicians"]] == expected
    assert payload["count"] == len(expected)


def test_csv_columns_and_a_row_say_who_stands_where_with_the_source(client, topic):
    politician = politician_with_statements(
        W,
        name="Alicia Kearns",
        slug="alicia-kearns",
        constituency="Rutland and Melton",
        role="Chair of the Foreign Affairs Committee",
        member_id=4805,
        has_tiktok_account=False,
    )
    source = politician.statements.order_by("-said_on").first().source_url

    response = client.get("/politicians.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="politicians-tiktok-ban-' in response["Content-Disposition"]
    exported_at = response["X-Exported-At"]
    (row,) = csv_dicts(response)
    assert list(row) == COLUMNS
    assert row == {
        "name": "Alicia Kearns",
        "slug": "alicia-kearns",
        "party": politician.party.name,
        "house": "commons",
        "constituency": "Rutland and Melton",
        "role": "Chair of the Foreign Affairs Committee",
        "bench": "back",
        "member_id": "4805",
        "runs_tiktok_account": "no",
        "topic": "tiktok-ban",
        "position": "wants_extended",
        "position_label": "Wants the ban extended",
        "summary": "Wants the ban to go further: to personal phones, to every device used for "
        "work, or nationwide.",
        "as_of": "2023-03-03",
        "source_url": source,
        "profile_url": "http://testserver/politicians/alicia-kearns/",
        "exported_at": exported_at,
        "bench_as_of": "",
        # On the record, so covered, whether or not we asked.
        "coverage": "replied",
    }


def test_json_has_the_export_time_the_query_and_no_position_as_none(client, topic):
    PoliticianFactory(slug="quiet-member", member_id=None)

    response = client.get("/politicians.json?position=none&party=")

    payload = json.loads(response.getvalue())
    assert payload["exported_at"] == response["X-Exported-At"]
    assert payload["query"] == {"position": ["none"], "party": [""]}
    assert payload["topic"]["slug"] == "tiktok-ban"
    (row,) = payload["politicians"]
    assert (row["slug"], row["position"], row["position_label"]) == (
        "quiet-member",
        "none",
        "No known position",
    )
    assert (row["as_of"], row["source_url"], row["member_id"]) == (None, "", None)


def test_csv_cells_that_start_a_formula_are_neutralised(client, topic):
    PoliticianFactory(name='=HYPERLINK("https://evil.example")', role="+44 123", slug="evil")

    (row,) = csv_dicts(client.get("/politicians.csv"))

    assert row["name"] == '\'=HYPERLINK("https://evil.example")'
    assert row["role"] == "'+44 123"


def test_second_topic_exports_its_own_positions(client, topic):
    ban = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    politician_with_statements(S, slug="tiktok-supporter")
    politician_with_statements(O, topic=ban, slug="deepseek-opponent")

    rows = csv_dicts(client.get("/politicians.csv?topic=deepseek-ban&position=opposes"))

    assert [(r["slug"], r["topic"], r["position"]) for r in rows] == [
        ("deepseek-opponent", "deepseek-ban", "opposes")
    ]


def test_export_query_counts_do_not_grow_with_rows(client, members, django_assert_num_queries):
    # The topic, the party slugs, the rows with their positions, and their stances.
    with django_assert_num_queries(5):
        first = csv_dicts(client.get("/politicians.csv?party=labour&party=conservative"))
    with django_assert_num_queries(5):
        client.get("/politicians.json?party=labour&party=conservative").getvalue()
    for _ in range(12):
        politician_with_statements(S, party=members[0].party)
    with django_assert_num_queries(5):
        second = csv_dicts(client.get("/politicians.csv?party=labour&party=conservative"))
    with django_assert_num_queries(5):
        client.get("/politicians.json?party=labour&party=conservative").getvalue()
    assert len(second) == len(first) + 12
