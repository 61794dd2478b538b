"""`/statements.csv` and `/statements.json` hold exactly the statements the browser finds."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from politicians.models import House
from statements.models import DatePrecision, Position, SourceKind, StatementStatus
from statements.views.exports import COLUMNS
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# The header other tools read. Spelled out here, not imported, so that changing it in the view
# breaks this test: a renamed or moved column breaks every newsroom script that reads the file.
HEADER = [
    "id",
    "permalink",
    "speaker",
    "speaker_slug",
    "party",
    "house",
    "role",
    "said_on",
    "said_on_precision",
    "words",
    "is_paraphrase",
    "outlet",
    "source_url",
    "archive_url",
    "source_kind",
    "position",
    "topic",
    "context",
    "published_at",
    "exported_at",
    "said_on_text",
]


def read_csv(response):
    return read_csv_body(b"".join(response.streaming_content))


def read_csv_body(body: bytes):
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def csv_rows(response):
    return csv_rows_of(b"".join(response.streaming_content))


def csv_rows_of(body: bytes):
    header, *rows = read_csv_body(body)
    return [dict(zip(header, row, strict=True)) for row in rows]


def browsed_ids(client, query):
    """The id of every statement the browser lists for the query, walking all its pages."""
    ids, page = [], 1
    while True:
        response = client.get(f"/statements/?{query}&page={page}")
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "lxml")
        for article in soup.select("#results article.statement"):
            permalink = article.find("a", string="permalink and citation")["href"]
            ids.append(int(permalink.strip("/").split("/")[-1]))
        if not soup.select_one("#results a[rel=next]"):
            return ids
        page += 1


@pytest.fixture
def statements(topic):
    """14 speakers in three parties and both houses, three published statements each, with
    drafts and retractions that would match every query if they leaked."""
    parties = [PartyFactory(name=name, slug=name.lower()) for name in ("Red", "Blue", "Gold")]
    kinds = [SourceKind.INTERVIEW, SourceKind.DEBATE, SourceKind.SOCIAL_MEDIA]
    subjects = ["phone", "device", "app"]
    for n in range(14):
        speaker = PoliticianFactory(
            party=parties[n % 3], house=House.LORDS if n % 4 == 0 else House.COMMONS
        )
        for k in range(3):
            StatementFactory(
                published=True,
                politician=speaker,
                position=Position.values[(n + k) % 4],
                source_kind=kinds[(n + k) % 3],
                said_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=(n * 3 + k) % 25),
                words=f"Speaker {n} on the {subjects[k]}: statement {k}.",
            )
        StatementFactory(politician=speaker, words=f"Draft about the {subjects[n % 3]}.")
        StatementFactory(
            politician=speaker,
            status=StatementStatus.RETRACTED,
            retraction_reason="Wrong speaker.",
            words=f"Retracted words about the {subjects[n % 3]}.",
        )
    # The same words on another topic stay out of this topic's export.
    StatementFactory(published=True, topic=TopicFactory(), words="Another ban: the app.")


QUERIES = [
    "",
    "position=opposes&position=mixed",
    "party=red&party=gold&house=commons",
    "kind=debate&from=2023-03-05&to=2023-03-20",
    "q=app",
    "q=phone&position=supports&party=blue",
]


@pytest.mark.parametrize("query", QUERIES)
def test_csv_and_json_hold_exactly_the_browsed_rows_in_the_same_order(
    client, statements, settings, query
):
    settings.WTS_PAGE_SIZE = 4  # several pages of results for most queries

    listed = browsed_ids(client, query)
    from_csv = [int(row["id"]) for row in csv_rows(client.get(f"/statements.csv?{query}"))]
    payload = json.loads(client.get(f"/statements.json?{query}").getvalue())

    assert listed  # every query finds something, so an empty export cannot pass
    assert from_csv == listed
    assert [row["id"] for row in payload["statements"]] == listed
    assert payload["count"] == len(listed)


def test_exports_leave_out_drafts_retractions_and_other_topics(client, statements):
    published = StatementFactory(published=True, words="Published words.")
    StatementFactory(words="Draft words.")
    StatementFactory(
        words="Retracted words.",
        status=StatementStatus.RETRACTED,
        retraction_reason="Not said.",
    )

    words = [row["words"] for row in csv_rows(client.get("/statements.csv"))]
    json_words = [
        row["words"] for row in json.loads(client.get("/statements.json").getvalue())["statements"]
    ]

    assert len(words) == 14 * 3 + 1
    assert published.words in words
    assert not [w for w in words if w.startswith(("Draft", "Retracted", "Another ban"))]
    assert json_words == words


def test_csv_header_is_the_contract_and_a_row_says_who_said_what_where(client, topic):
    party = PartyFactory(name="Sinn Féin", slug="sinn-fein")
    speaker = PoliticianFactory(
        name="Alicia Kearns",
        slug="alicia-kearns",
        party=party,
        house=House.COMMONS,
        role="Chair of the Foreign Affairs Committee",
    )
    published_at = datetime.datetime(2023, 3, 20, 9, 30, tzinfo=datetime.UTC)
    statement = StatementFactory(
        politician=speaker,
        words="The app is a risk on every official phone.",
        is_paraphrase=True,
        said_on=datetime.date(2023, 3, 1),
        said_on_precision=DatePrecision.MONTH,
        outlet="BBC News",
        source_url="https://bbc.example/news/tiktok",
        archive_url="https://web.archive.org/web/2023/https://bbc.example/news/tiktok",
        source_kind=SourceKind.NEWS_ARTICLE,
        position=Position.WANTS_EXTENDED,
        context="Speaking after the ban was announced.",
        status=StatementStatus.PUBLISHED,
        published_at=published_at,
        first_published_at=published_at,
    )
    before = timezone.now()

    response = client.get("/statements.csv")

    after = timezone.now()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="statements-tiktok-ban-')
    header, row = read_csv(response)
    assert header == HEADER == COLUMNS
    cells = dict(zip(header, row, strict=True))
    exported_at = datetime.datetime.fromisoformat(cells.pop("exported_at"))
    assert before <= exported_at <= after
    assert response["X-Exported-At"] == exported_at.isoformat()
    assert cells == {
        "id": str(statement.pk),
        "permalink": f"http://testserver/statements/{statement.pk}/",
        "speaker": "Alicia Kearns",
        "speaker_slug": "alicia-kearns",
        "party": "Sinn Féin",
        "house": "commons",
        "role": "Chair of the Foreign Affairs Committee",
        "said_on": "2023-03-01",
        "said_on_precision": "month",
        "words": "The app is a risk on every official phone.",
        "is_paraphrase": "yes",
        "outlet": "BBC News",
        "source_url": "https://bbc.example/news/tiktok",
        "archive_url": "https://web.archive.org/web/2023/https://bbc.example/news/tiktok",
        "source_kind": "news_article",
        "position": "wants_extended",
        "topic": "tiktok-ban",
        "context": "Speaking after the ban was announced.",
        "published_at": "2023-03-20T09:30:00+00:00",
        "said_on_text": "March 2023",
    }
    # The permalink a row carries is a page that exists.
    assert client.get(f"/statements/{statement.pk}/").status_code == 200


def test_every_row_has_its_source_link_and_the_same_export_time(client, statements):
    rows = csv_rows(client.get("/statements.csv"))

    assert all(row["source_url"].startswith("https://news.example/story-") for row in rows)
    assert all(row["permalink"].startswith("http://testserver/statements/") for row in rows)
    assert len({row["exported_at"] for row in rows}) == 1


def test_json_has_the_export_time_the_topic_and_the_query(client, topic):
    speaker = PoliticianFactory(party=None)
    StatementFactory(published=True, politician=speaker, position=Position.OPPOSES)
    before = timezone.now()

    response = client.get("/statements.json?position=opposes&kind=interview")

    payload = json.loads(response.getvalue())
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert before <= datetime.datetime.fromisoformat(payload["exported_at"]) <= timezone.now()
    assert response["X-Exported-At"] == payload["exported_at"]
    assert payload["topic"] == {"slug": "tiktok-ban", "title": topic.title}
    assert payload["query"] == {"position": ["opposes"], "kind": ["interview"]}
    (row,) = payload["statements"]
    assert set(row) == set(HEADER) - {"exported_at"}  # the time is said once, in the envelope
    assert row["party"] == ""
    assert row["is_paraphrase"] is False
    assert row["source_url"].startswith("https://news.example/story-")


def test_csv_cells_that_would_start_a_formula_are_neutralised(client, topic):
    speaker = PoliticianFactory(name="@Kearns", role="-1+1", party=PartyFactory(name="=Party"))
    StatementFactory(
        published=True,
        politician=speaker,
        words='=HYPERLINK("http://evil.example","Click")',
        outlet="+44 Radio",
        context="@SUM(A1:A2)",
    )

    (row,) = csv_rows(client.get("/statements.csv"))
    payload = json.loads(client.get("/statements.json").getvalue())

    assert row["words"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["outlet"] == "'+44 Radio"
    assert row["context"] == "'@SUM(A1:A2)"
    assert row["speaker"] == "'@Kearns"
    assert row["role"] == "'-1+1"
    assert row["party"] == "'=Party"
    # JSON is read by programs, not spreadsheets: it keeps the words exactly as said.
    assert payload["statements"][0]["words"] == '=HYPERLINK("http://evil.example","Click")'


def test_second_topic_exports_its_own_statements(client, topic):
    deepseek = TopicFactory(slug="deepseek-ban", title="DeepSeek ban")
    StatementFactory(published=True, words="About TikTok.")
    StatementFactory(published=True, topic=deepseek, words="About DeepSeek.")

    rows = csv_rows(client.get("/statements.csv?topic=deepseek-ban"))
    payload = json.loads(client.get("/statements.json?topic=deepseek-ban").getvalue())

    assert [(row["words"], row["topic"]) for row in rows] == [("About DeepSeek.", "deepseek-ban")]
    assert [row["words"] for row in payload["statements"]] == ["About DeepSeek."]
    assert payload["topic"]["slug"] == "deepseek-ban"


def add_statements(count, per_speaker):
    party = PartyFactory(name="Red", slug="red")
    for _ in range(count):
        StatementFactory.create_batch(
            per_speaker, published=True, politician=PoliticianFactory(party=party)
        )


@pytest.mark.parametrize("export", ["/statements.csv", "/statements.json"])
def test_export_query_count_does_not_grow_with_rows(
    client, topic, django_assert_num_queries, export
):
    add_statements(12, 3)
    # Both downloads stream: they are read inside the count.
    # the topic, the chosen party checked, then every statement with speaker, party and topic
    with django_assert_num_queries(4):
        first = client.get(f"{export}?party=red&position=supports").getvalue()
    add_statements(15, 4)
    with django_assert_num_queries(4):
        second = client.get(f"{export}?party=red&position=supports").getvalue()
    if export.endswith(".csv"):
        assert (len(csv_rows_of(first)), len(csv_rows_of(second))) == (36, 96)
    else:
        counts = (json.loads(first)["count"], json.loads(second)["count"])
        assert counts == (36, 96)
    # unfiltered: the topic and the statements
    with django_assert_num_queries(3):
        client.get(export).getvalue()
