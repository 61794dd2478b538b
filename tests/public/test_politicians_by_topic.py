import csv
import io

import pytest

from outreach.models import Outcome
from public.exports import politicians_by_topic
from statements.models import Position, Topic
from tests.factories import (
    OutreachFactory,
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
