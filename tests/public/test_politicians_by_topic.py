import csv
import io

import pytest
from bs4 import BeautifulSoup

from outreach.models import Outcome
from politicians.models import House
from public.compare import politicians_by_topic
from statements.models import Position, Topic
from tests.factories import (
    OutreachFactory,
    PartyFactory,
    PoliticianFactory,
    StanceFactory,
    StatementFactory,
    TopicFactory,
    politician_with_statements,
)

pytestmark = pytest.mark.django_db


def test_every_topic_side_by_side_one_row_a_politician(client, topic):
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    both = politician_with_statements(Position.SUPPORTS, name="Bo Both", sort_name="Both, Bo")

    StatementFactory(published=True, politician=both, topic=deepseek, position=Position.OPPOSES)
    StanceFactory(politician=both, topic=deepseek, position=Position.OPPOSES)
    asked = PoliticianFactory(name="Al Asked", sort_name="Asked, Al")
    OutreachFactory(politician=asked, topic=deepseek, outcome=Outcome.DECLINED)
    PoliticianFactory(name="Ex Former", sort_name="Former, Ex", is_sitting=False)

    response = client.get("/politicians-by-topic.csv")
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))

    assert list(rows[0])[:9] == [
        "name",
        "slug",
        "party",
        "house",
        "constituency",
        "tiktok-ban_position",
        "tiktok-ban_coverage",
        "deepseek-ban_position",
        "deepseek-ban_coverage",
    ]
    assert [
        (
            r["name"],
            r["tiktok-ban_position"],
            r["tiktok-ban_coverage"],
            r["deepseek-ban_position"],
            r["deepseek-ban_coverage"],
        )
        for r in rows
    ] == [
        ("Al Asked", "none", "not_asked", "none", "declined"),
        ("Bo Both", "supports", "replied", "opposes", "replied"),
    ]


def test_the_side_by_side_read_is_one_query_however_many_people(topic, django_assert_num_queries):
    topics = [topic, TopicFactory(), TopicFactory()]
    PoliticianFactory.create_batch(12)
    with django_assert_num_queries(1):
        people = list(politicians_by_topic(topics))
    assert len(people) == 12 and Topic.objects.count() == 3


def test_a_party_page_compares_its_members_on_every_topic(client, topic, django_assert_num_queries):
    labour = PartyFactory(name="Labour", slug="labour")
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    for position in [Position.SUPPORTS, Position.SUPPORTS, Position.OPPOSES]:
        politician_with_statements(position, party=labour)
    peer = politician_with_statements(Position.MIXED, party=labour, house=House.LORDS)
    StanceFactory(politician=peer, topic=deepseek, position=Position.OPPOSES)
    politician_with_statements(Position.OPPOSES)  # another party

    # party, topics, one grouped count
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    with django_assert_num_queries(5):
        response = client.get("/parties/labour/topics/")

    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text(strip=True) == "Labour on every topic"

    def table(house):
        section = soup.select_one(f"section[aria-labelledby=house-{house}]")
        return {
            row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
            for row in section.select("tbody tr")
        }

    # wants_extended, supports, mixed, opposes, none, members
    assert table("commons") == {
        "TikTok ban on government devices": ["0", "2", "0", "1", "0", "3"],
        "DeepSeek ban": ["0", "0", "0", "0", "3", "3"],
    }
    assert table("lords") == {
        "TikTok ban on government devices": ["0", "0", "1", "0", "0", "1"],
        "DeepSeek ban": ["0", "0", "0", "1", "0", "1"],
    }
    assert client.get("/parties/no-such-party/topics/").status_code == 404
