"""The public corrections log at /corrections/ and its Atom feed at /feeds/corrections/."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from statements.models import CorrectionKind, StatementStatus
from statements.services import statement_publish, statement_retract, statement_save_draft
from tests.factories import CorrectionFactory, PoliticianFactory, StatementFactory
from tests.reading import ATOM

pytestmark = pytest.mark.django_db

URL = reverse("statements:corrections")
FEED = reverse("statements:corrections_feed")


def entries(response):
    soup = BeautifulSoup(response.content, "lxml")
    return soup, soup.select("li.correction")


def correction_at(day, **kwargs):
    made_at = datetime.datetime(2023, 4, day, 12, 0, tzinfo=datetime.UTC)
    return CorrectionFactory(made_at=made_at, **kwargs)


def test_retraction_and_correction_from_the_workflow_are_listed(client, editor, reviewer, topic):
    politician = PoliticianFactory(name="Alicia Kearns")
    statement = statement_save_draft(
        statement=StatementFactory.build(politician=politician, words="Ban it everywhere."),
        actor=editor,
    )
    statement = statement_publish(statement=statement, reviewer=reviewer)
    statement.words = "Ban it on every work phone."
    statement.pending_correction_note = "We had misquoted her: she said work phones."
    statement = statement_save_draft(statement=statement, actor=editor)
    statement = statement_publish(statement=statement, reviewer=reviewer)
    statement_retract(statement=statement, actor=reviewer, reason="The interview was a parody.")

    soup, listed = entries(client.get(URL))

    assert [e.select_one(".tag").get_text() for e in listed] == ["Retraction", "Correction"]
    assert listed[0].select_one(".correction-note").get_text() == "The interview was a parody."
    assert (
        listed[1].select_one(".correction-note").get_text()
        == "We had misquoted her: she said work phones."
    )
    links = [a["href"] for a in listed[0].select("a")]
    assert politician.get_absolute_url() in links
    assert statement.get_absolute_url() in links
    assert client.get(statement.get_absolute_url()).status_code == 200  # says it was retracted


def test_draft_that_was_never_public_leaves_no_trace(client, editor, reviewer, topic):
    draft = statement_save_draft(
        statement=StatementFactory.build(politician=PoliticianFactory()), actor=editor
    )
    statement_retract(statement=draft, actor=reviewer, reason="Entered by mistake.")

    _, listed = entries(client.get(URL))

    assert listed == []


def test_newest_first_with_date_kind_and_speaker(client, topic):
    correction_at(3, note="Older note.")
    correction_at(
        20,
        note="Newer note.",
        kind=CorrectionKind.RETRACTION,
        statement=StatementFactory(
            politician=PoliticianFactory(name="Ben Bradley"),
            status=StatementStatus.RETRACTED,
            retraction_reason="Newer note.",
            first_published_at=timezone.now(),
        ),
    )

    soup, listed = entries(client.get(URL))

    assert [e.select_one(".correction-note").get_text() for e in listed] == [
        "Newer note.",
        "Older note.",
    ]
    first = listed[0]
    assert first.select_one("time")["datetime"].startswith("2023-04-20")
    assert "Ben Bradley" in first.select_one(".correction-head").get_text()
    assert len(soup.select("h1")) == 1
    assert "correction" in soup.select_one("meta[name=description]")["content"]
    assert soup.select_one(f"link[rel=alternate][href='{FEED}']") is not None


def test_correction_notes_are_escaped(client, topic):
    CorrectionFactory(note="<script>alert(1)</script>")

    response = client.get(URL)

    assert b"<script>alert(1)</script>" not in response.content
    _, listed = entries(response)
    assert listed[0].select_one(".correction-note").get_text() == "<script>alert(1)</script>"


def test_paginated_and_bad_page_is_not_found(client, settings, topic):
    for day in range(1, 6):
        correction_at(day)

    settings.WTS_PAGE_SIZE = 2

    _, first_page = entries(client.get(URL))
    _, last_page = entries(client.get(URL, {"page": 3}))

    assert client.get(URL, {"page": 9}).status_code == 404
    assert client.get(URL, {"page": "x"}).status_code == 404

    assert (len(first_page), len(last_page)) == (2, 1)


def _many_corrections(count):
    for _ in range(count):
        CorrectionFactory(statement__politician=PoliticianFactory())


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # Two queries either way: the paginator's COUNT, and the page of corrections joined
        # to statement, speaker, party and topic; + the topics the navigation's topic
        # selector offers (one read, cached per data version).
        pytest.param(URL, 4, id="log"),
        # One query: the newest corrections joined to their statement, speaker and topic.
        pytest.param(FEED, 2, id="feed"),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, topic, url, queries
):
    # 12 politicians, each with a corrected statement; then 30.
    _many_corrections(12)
    with django_assert_num_queries(queries):
        client.get(url)

    _many_corrections(18)
    with django_assert_num_queries(queries):
        client.get(url)


def test_feed_is_atom_with_one_entry_per_correction(client, topic):
    older = correction_at(3, note="Date was wrong.")
    newer = correction_at(4, note="Speaker was wrong.", statement=older.statement)

    response = client.get(FEED)

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    found = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}summary") for entry in found] == [
        f"Speaker was wrong. (The statement: “{newer.statement.words}”)",
        f"Date was wrong. (The statement: “{older.statement.words}”)",
    ]
    ids = [entry.findtext(f"{ATOM}id") for entry in found]
    assert len(set(ids)) == 2  # two corrections of one statement are two entries
    link = found[0].find(f"{ATOM}link").get("href")
    assert link.endswith(older.statement.get_absolute_url())


def test_a_correction_awaiting_review_is_not_in_the_log_until_published(
    client, editor, reviewer, superuser, topic
):
    statement = statement_publish(
        statement=statement_save_draft(
            statement=StatementFactory.build(politician=PoliticianFactory(), words="Ban it."),
            actor=editor,
        ),
        reviewer=reviewer,
    )
    statement.words = "Ban it on every phone."
    statement_save_draft(statement=statement, actor=editor, correction_note="Quote cut short.")

    _, waiting = entries(client.get(URL))
    waiting_feed = etree.fromstring(client.get(FEED).content).findall(f"{ATOM}entry")

    assert (waiting, waiting_feed) == ([], [])

    statement_publish(statement=statement, reviewer=superuser)

    _, listed = entries(client.get(URL))
    feed = etree.fromstring(client.get(FEED).content).findall(f"{ATOM}entry")
    assert [e.select_one(".correction-note").get_text() for e in listed] == ["Quote cut short."]
    assert [entry.findtext(f"{ATOM}summary") for entry in feed] == [
        "Quote cut short. (The statement: “Ban it on every phone.”)"
    ]
    assert feed[0].find(f"{ATOM}link").get("href").endswith(statement.get_absolute_url())


def test_a_paraphrase_is_not_quoted_in_the_log_or_its_feed(client, topic):
    CorrectionFactory(
        note="Wrong outlet.", statement__words="She wants it gone.", statement__is_paraphrase=True
    )

    _, listed = entries(client.get(URL))
    feed = etree.fromstring(client.get(FEED).content).findall(f"{ATOM}entry")

    shown = " ".join(listed[0].select_one(".correction-statement").get_text(" ").split())
    assert shown.startswith("The statement, paraphrased: She wants it gone.")
    assert feed[0].findtext(f"{ATOM}summary") == (
        "Wrong outlet. (The statement, paraphrased: She wants it gone.)"
    )
