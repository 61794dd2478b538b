"""The Atom feeds of newly published statements: everything, a topic, a politician, a party."""

import datetime

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from statements.models import StatementStatus
from tests.factories import (
    CorrectionFactory,
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    TopicFactory,
)
from tests.reading import ATOM

pytestmark = pytest.mark.django_db


def published_at(day):
    return datetime.datetime(2023, 4, day, 12, 0, tzinfo=datetime.UTC)


def publish(day, **fields):
    """A statement published on the given day of April 2023."""
    return StatementFactory(
        status=StatementStatus.PUBLISHED,
        published_at=published_at(day),
        first_published_at=published_at(day),
        **fields,
    )


def read_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    return feed


def entry_links(feed):
    return [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]


def permalinks(*statements):
    return [f"http://testserver{statement.get_absolute_url()}" for statement in statements]


@pytest.fixture
def said():
    """Statements on two topics by three people in two parties, with a draft and a retraction."""
    labour = PartyFactory(name="Labour", slug="labour")
    greens = PartyFactory(name="Green", slug="green")
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    kearns = PoliticianFactory(name="Alicia Kearns", slug="alicia-kearns", party=labour)
    davis = PoliticianFactory(name="David Davis", slug="david-davis", party=labour)
    lucas = PoliticianFactory(name="Caroline Lucas", slug="caroline-lucas", party=greens)
    statements = {
        # Said long ago but published last: the feed orders by publication, not by date said.
        "kearns_old_words": publish(9, politician=kearns, said_on=datetime.date(2023, 1, 2)),
        "davis": publish(5, politician=davis, said_on=datetime.date(2023, 3, 30)),
        "lucas": publish(7, politician=lucas, said_on=datetime.date(2023, 3, 20)),
        "kearns_deepseek": publish(3, politician=kearns, topic=deepseek),
    }
    StatementFactory(politician=kearns, words="A draft.")
    StatementFactory(
        politician=davis,
        words="Retracted.",
        status=StatementStatus.RETRACTED,
        retraction_reason="Not his words.",
        first_published_at=published_at(8),
        retracted_at=published_at(10),
    )
    # Being corrected again: it was public, and is off the site until a reviewer publishes it.
    StatementFactory(politician=lucas, words="Being corrected.", first_published_at=published_at(6))
    return statements


def test_all_statements_feed_lists_published_statements_newest_publication_first(client, said):
    feed = read_feed(client.get("/feeds/statements/"))

    assert entry_links(feed) == permalinks(
        said["kearns_old_words"], said["lucas"], said["davis"], said["kearns_deepseek"]
    )
    assert feed.findtext(f"{ATOM}title") == "Where They Stand: newly published statements"
    first = feed.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}published") == "2023-04-09T12:00:00+00:00"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Alicia Kearns"
    assert first.findtext(f"{ATOM}title") == (
        "Alicia Kearns on TikTok ban on government devices: Supports the ban on government devices"
    )


@pytest.mark.parametrize(
    ("url", "expected", "title"),
    [
        (
            "/feeds/topics/tiktok-ban/",
            ["kearns_old_words", "lucas", "davis"],
            "Where They Stand: new statements on the TikTok ban on government devices",
        ),
        (
            "/feeds/topics/deepseek-ban/",
            ["kearns_deepseek"],
            "Where They Stand: new statements on the DeepSeek ban",
        ),
        (
            "/feeds/politicians/alicia-kearns/",
            ["kearns_old_words", "kearns_deepseek"],
            "Where They Stand: new statements by Alicia Kearns",
        ),
        (
            "/feeds/politicians/david-davis/",
            ["davis"],
            "Where They Stand: new statements by David Davis",
        ),
        (
            "/feeds/parties/labour/",
            ["kearns_old_words", "davis", "kearns_deepseek"],
            "Where They Stand: new statements by Labour politicians",
        ),
        (
            "/feeds/parties/green/",
            ["lucas"],
            "Where They Stand: new statements by Green politicians",
        ),
    ],
)
def test_scoped_feeds_list_only_their_own_published_statements(client, said, url, expected, title):
    feed = read_feed(client.get(url))

    assert entry_links(feed) == permalinks(*[said[name] for name in expected])
    assert feed.findtext(f"{ATOM}title") == title


def test_feed_links_lead_to_the_page_the_feed_follows(client, said):
    def alternate(url):
        return read_feed(client.get(url)).find(f"{ATOM}link[@rel='alternate']").get("href")

    assert alternate("/feeds/statements/") == "http://testserver/statements/"
    assert alternate("/feeds/topics/deepseek-ban/") == "http://testserver/topics/deepseek-ban/"
    assert alternate("/feeds/politicians/alicia-kearns/") == (
        "http://testserver/politicians/alicia-kearns/"
    )
    assert alternate("/feeds/parties/labour/") == "http://testserver/parties/labour/"


def test_summary_quotes_the_words_with_outlet_date_and_source(client, topic):
    statement = publish(
        1,
        words="Ban it on every phone.",
        outlet="BBC News",
        said_on=datetime.date(2023, 3, 13),
        source_url="https://bbc.example/story",
    )
    paraphrase = publish(2, words="She wants it banned.", is_paraphrase=True, outlet="ITV")

    entries = read_feed(client.get("/feeds/statements/")).findall(f"{ATOM}entry")

    summaries = [entry.findtext(f"{ATOM}summary") for entry in entries]
    assert summaries == [
        f"Paraphrased: She wants it banned. — ITV, 13 March 2023. Source: {paraphrase.source_url}",
        f"“Ban it on every phone.” — BBC News, 13 March 2023. Source: {statement.source_url}",
    ]


def test_summary_says_a_month_or_a_year_without_inventing_a_day(client, topic):
    publish(1, words="In March.", said_on=datetime.date(2023, 3, 1), said_on_precision="month")
    publish(2, words="In 2022.", said_on=datetime.date(2022, 1, 1), said_on_precision="year")

    entries = read_feed(client.get("/feeds/statements/")).findall(f"{ATOM}entry")

    summaries = [entry.findtext(f"{ATOM}summary").split(". Source")[0] for entry in entries]
    assert summaries == [
        "“In 2022.” — The Daily Example, 2022",
        "“In March.” — The Daily Example, March 2023",
    ]


def test_editor_typed_text_is_escaped_for_feed_readers(client, topic):
    speaker = PoliticianFactory(name="<b>Bold</b> Name", slug="bold-name")
    publish(
        1,
        politician=speaker,
        words="<script>alert('x')</script> & <img src=x onerror=alert(1)>",
        outlet="<i>Outlet</i>",
    )

    response = client.get("/feeds/politicians/bold-name/")

    raw = response.content.decode()
    assert "<script>" not in raw
    entry = read_feed(response).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    # Atom summaries are type="html": a feed reader parses the text as HTML. Editors' words must
    # come out as the words, not as a script or an image.
    assert summary.get("type") == "html"
    html = BeautifulSoup(summary.text, "html.parser")
    assert html.find(["script", "img", "i"]) is None
    assert "<script>alert('x')</script> & <img src=x onerror=alert(1)>" in html.get_text()
    assert "<i>Outlet</i>" in html.get_text()
    # Titles are plain text in Atom: the name reads as typed.
    assert entry.findtext(f"{ATOM}title").startswith("<b>Bold</b> Name on ")


def test_corrections_feed_escapes_editor_typed_text_too(client, topic):
    CorrectionFactory(
        note="<script>alert(1)</script> was wrong",
        statement__words="<img src=x onerror=alert(2)>",
    )

    entry = read_feed(client.get("/feeds/corrections/")).find(f"{ATOM}entry")

    html = BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser")
    assert html.find(["script", "img"]) is None
    assert html.get_text() == (
        "<script>alert(1)</script> was wrong (The statement: “<img src=x onerror=alert(2)>”)"
    )


def test_feed_holds_the_newest_fifty(client, topic):
    speaker = PoliticianFactory()
    for day in range(1, 31):
        publish(day, politician=speaker)
        StatementFactory(
            status=StatementStatus.PUBLISHED,
            published_at=published_at(day) - datetime.timedelta(days=40),
            politician=speaker,
        )

    entries = read_feed(client.get("/feeds/statements/")).findall(f"{ATOM}entry")

    assert len(entries) == 50
    assert entries[0].findtext(f"{ATOM}published") == "2023-04-30T12:00:00+00:00"


def add_speakers(count, party, topic):
    for _ in range(count):
        StatementFactory.create_batch(
            3, published=True, politician=PoliticianFactory(party=party), topic=topic
        )


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the data version, then the newest statements with speaker, party and topic
        ("/feeds/statements/", 2),
        # the data version; the topic, the party or the politician; then its newest statements,
        # joined the same way
        ("/feeds/topics/tiktok-ban/", 3),
        ("/feeds/parties/red/", 3),
        ("/feeds/politicians/first-speaker/", 3),
    ],
)
def test_feed_query_count_does_not_grow_with_statements(
    client, topic, django_assert_num_queries, url, queries
):
    red = PartyFactory(name="Red", slug="red")
    StatementFactory.create_batch(
        4, published=True, politician=PoliticianFactory(slug="first-speaker", party=red)
    )
    add_speakers(10, red, topic)
    with django_assert_num_queries(queries):
        first = client.get(url)
    add_speakers(12, red, topic)
    with django_assert_num_queries(queries):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
