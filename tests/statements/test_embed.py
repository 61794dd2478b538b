"""The embeddable chart: the MPs' tally, dated, credited, in three queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from politicians.models import House
from statements.models import DatePrecision
from statements.views.embed import EMBED_HEIGHT
from tests.factories import PoliticianFactory, StatementFactory, politician_with_statements
from tests.reading import page_of

pytestmark = pytest.mark.django_db


def test_embed_counts_only_mps_and_dates_the_count(client, topic):
    for position in ("supports", "opposes", None):
        politician_with_statements(position)
    politician_with_statements("opposes", house=House.LORDS)
    campaigner = PoliticianFactory(house=House.OTHER, name="A campaigner")
    newest = StatementFactory(
        published=True,
        politician=campaigner,
        said_on=datetime.date(2023, 4, 1),
        said_on_precision=DatePrecision.MONTH,
    )
    # A draft does not date the chart.
    StatementFactory(politician=campaigner, said_on=datetime.date(2023, 5, 1))

    soup = page_of(client.get("/embed/tiktok-ban/"))

    assert soup.h1.get_text(strip=True) == "TikTok ban on government devices: where the 3 MPs stand"
    as_of = soup.select_one(".embed-as-of")
    today = timezone.localdate()
    assert as_of.find("time")["datetime"] == today.isoformat()
    assert as_of.get_text(" ", strip=True) == (
        f"Live count on {today.day} {today:%B %Y} . "
        f"Newest published statement: {newest.said_on_display}."
    )
    assert newest.said_on_display == "April 2023"
    credit = soup.select_one(".embed-source")
    assert credit.a["href"] == "http://testserver/topics/tiktok-ban/"


def test_embed_of_a_topic_with_no_statements_says_so(client, topic):
    PoliticianFactory()

    soup = page_of(client.get("/embed/tiktok-ban/"))

    assert "No statement has been published yet." in soup.select_one(".embed-as-of").text
    assert soup.h1.get_text(strip=True).endswith("where the one MP stands")


def test_embed_query_count_does_not_grow_with_members(client, topic, django_assert_num_queries):
    for n in range(12):
        politician_with_statements(["supports", "opposes", None][n % 3])

    # the topic, the MPs' tally, the newest statement
    with django_assert_num_queries(4):
        client.get("/embed/tiktok-ban/")
    for _ in range(15):
        politician_with_statements("mixed")
    with django_assert_num_queries(4):
        client.get("/embed/tiktok-ban/")


def test_the_embed_code_is_responsive(client, topic):
    soup = page_of(client.get("/"))

    code = soup.select_one("textarea#embed-code").get_text()
    iframe = BeautifulSoup(code, "lxml").find("iframe")
    assert iframe["width"] == "100%"
    assert iframe["height"] == str(EMBED_HEIGHT)
    assert "width:100%" in iframe["style"] and "px" not in iframe["style"]
