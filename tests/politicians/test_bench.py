"""A bench is a dated fact: shown with the date its source gives, or as “not known”."""

import csv
import datetime
import io
import json

import pytest

from politicians.models import Bench, House
from public.exports import COLUMNS
from tests.factories import PartyFactory, PoliticianFactory
from tests.reading import page_of

pytestmark = pytest.mark.django_db

MARCH_16 = datetime.date(2023, 3, 16)


@pytest.fixture
def members(topic):
    con = PartyFactory(name="Conservative")
    lab = PartyFactory(name="Labour")
    return {
        "sunak": PoliticianFactory(
            name="Rishi Sunak",
            slug="rishi-sunak",
            party=con,
            role="Prime Minister",
            bench=Bench.FRONT,
            bench_as_of=MARCH_16,
        ),
        "kearns": PoliticianFactory(
            name="Alicia Kearns",
            slug="alicia-kearns",
            party=con,
            bench=Bench.BACK,
            bench_as_of=MARCH_16,
        ),
        "rayner": PoliticianFactory(
            name="Angela Rayner", slug="angela-rayner", party=lab, bench=Bench.UNKNOWN
        ),
    }


def test_profile_says_role_and_bench_with_the_date_they_are_sourced_for(client, members):
    sunak = page_of(client.get("/politicians/rishi-sunak/")).select_one(".lede")
    rayner = page_of(client.get("/politicians/angela-rayner/")).select_one(".lede")

    assert " ".join(sunak.get_text(" ", strip=True).split()).endswith(
        "Prime Minister · Frontbench, as of 16 March 2023"
    )
    assert sunak.find("time")["datetime"] == "2023-03-16"
    assert rayner.get_text(" ", strip=True).endswith("Bench not known")
    assert "Backbench" not in rayner.get_text()


def test_list_labels_every_bench_and_the_bench_filter_counts_not_known(client, members):
    soup = page_of(client.get("/politicians/"))

    benches = {
        row.th.a.get_text(strip=True): " ".join(row.select_one(".bench").get_text().split())
        for row in soup.select("#results tbody tr")
    }
    assert benches == {
        "Rishi Sunak": "(Frontbench, as of 16 March 2023)",
        "Alicia Kearns": "(Backbench, as of 16 March 2023)",
        "Angela Rayner": "(Bench not known)",
    }
    counts = {
        box["value"]: soup.select_one(f"#count-bench-{box['value']}").get_text(strip=True)
        for box in soup.select("#facet-bench input")
        if box["value"]
    }
    assert counts == {"front": "1", "back": "1", "unknown": "1"}
    assert soup.select_one("label[for=bench-unknown]").get_text(" ", strip=True) == "Not known 1"


def test_exports_add_bench_as_of_after_the_first_columns(client, members):
    response = client.get("/politicians.csv")
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))

    # Later issues append their columns after it; the ones before never move.
    assert list(rows[0]) == COLUMNS and COLUMNS[16:18] == ["exported_at", "bench_as_of"]
    assert {row["name"]: (row["bench"], row["bench_as_of"]) for row in rows} == {
        "Rishi Sunak": ("front", "2023-03-16"),
        "Alicia Kearns": ("back", "2023-03-16"),
        "Angela Rayner": ("unknown", ""),
    }
    payload = json.loads(client.get("/politicians.json").getvalue())
    assert {row["name"]: row["bench_as_of"] for row in payload["politicians"]} == {
        "Rishi Sunak": "2023-03-16",
        "Alicia Kearns": "2023-03-16",
        "Angela Rayner": None,
    }
    assert list(payload["politicians"][0])[16] == "bench_as_of"


def test_a_peer_shows_their_house_and_no_constituency(client, members):
    PoliticianFactory(
        name="Lord True",
        slug="lord-true",
        house=House.LORDS,
        constituency="",
        party=members["sunak"].party,
        role="Leader of the House of Lords",
        bench=Bench.FRONT,
        bench_as_of=MARCH_16,
    )

    lede = page_of(client.get("/politicians/lord-true/")).select_one(".lede")

    assert " ".join(lede.get_text(" ", strip=True).split()) == (
        "Conservative · House of Lords · Leader of the House of Lords · Frontbench, as of "
        "16 March 2023"
    )
