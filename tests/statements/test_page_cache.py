"""Public pages are kept rendered under the public data version, and answer 304 from it.

Publishing, correcting and retracting each show on the pages they change at once, because each
bumps the data version when it commits; nothing else invalidates a kept page, as the last tests
show (a change made behind the services' back stays hidden until the version moves).
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from core import data_version
from statements.models import Position, Statement
from statements.services import (
    stance_pin,
    statement_publish,
    statement_retract,
    statement_save_draft,
    topic_save,
)
from tests.factories import PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

WORDS = "Ban it on government phones."
CORRECTED = "Ban it on every phone a minister carries."


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a service as a request would: its transaction commits, and so its hooks run."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def published(commit, editor, reviewer, kearns, topic):
    statement = commit(
        statement_save_draft,
        statement=StatementFactory.build(politician=kearns, words=WORDS, position="supports"),
        actor=editor,
    )
    return commit(statement_publish, statement=statement, reviewer=reviewer)


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "lxml")


def quotes_on(client, url):
    return [
        q.get_text(" ", strip=True).strip("“”") for q in soup_of(client, url).select("blockquote")
    ]


def position_of(client, politician):
    soup = soup_of(client, politician.get_absolute_url())
    badge = soup.select_one(".stance .badge") or soup.select_one("main .badge")
    return badge.get_text(strip=True)


def test_a_kept_page_is_served_with_no_query_and_no_rendering(
    client, page_cache, published, django_assert_num_queries, settings
):
    first = client.get("/statements/")
    # The data version this process read a moment ago, then nothing: the page is kept.
    with django_assert_num_queries(0):
        again = client.get("/statements/")
    assert again.content == first.content
    # Told to read the version every time: one primary-key read, still no rendering.
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 0
    with django_assert_num_queries(1):
        again = client.get("/statements/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_publishing_shows_the_new_statement_on_the_pages_it_changes(
    client, page_cache, commit, published, editor, reviewer, kearns
):
    other = PoliticianFactory(on_roll=True)
    pages = ["/statements/", other.get_absolute_url(), "/"]
    before = {url: client.get(url).content for url in pages}
    assert quotes_on(client, "/statements/") == [WORDS]

    draft = commit(
        statement_save_draft,
        statement=StatementFactory.build(politician=other, words="Extend it.", position="mixed"),
        actor=editor,
    )
    # A draft is not public: it moves no version, and the kept pages stay as they were.
    assert {url: client.get(url).content for url in pages} == before
    commit(statement_publish, statement=draft, reviewer=reviewer)

    assert sorted(quotes_on(client, "/statements/")) == sorted([WORDS, "Extend it."])
    assert position_of(client, other) == "Mixed or undecided"
    assert client.get("/").content != before["/"]


def test_correcting_shows_the_corrected_words_and_position(
    client, page_cache, commit, published, editor, reviewer, kearns
):
    assert quotes_on(client, published.get_absolute_url()) == [WORDS]
    assert position_of(client, kearns) == "Supports the ban on government devices"

    edited = Statement.objects.get(pk=published.pk)
    edited.apply_content(edited.editorial_content())
    edited.words, edited.position = CORRECTED, Position.WANTS_EXTENDED
    commit(statement_save_draft, statement=edited, actor=editor, correction_note="Every phone.")
    # Awaiting review: the public record, kept or not, is unchanged.
    assert quotes_on(client, published.get_absolute_url()) == [WORDS]
    commit(statement_publish, statement=published, reviewer=reviewer)

    assert quotes_on(client, published.get_absolute_url()) == [CORRECTED]
    assert position_of(client, kearns) == "Wants the ban extended"
    assert "Every phone." in soup_of(client, "/corrections/").get_text()


def test_retracting_takes_the_statement_off_the_kept_pages(
    client, page_cache, commit, published, reviewer, kearns
):
    assert quotes_on(client, "/statements/") == [WORDS]
    assert position_of(client, kearns) == "Supports the ban on government devices"

    commit(statement_retract, statement=published, actor=reviewer, reason="Misattributed.")

    assert quotes_on(client, "/statements/") == []
    assert position_of(client, kearns) == "No known position"


def test_pinning_and_topic_edits_move_the_version(commit, published, superuser, kearns, topic):
    versions = [data_version.current().number]
    commit(
        stance_pin,
        politician=kearns,
        topic=topic,
        position=Position.OPPOSES,
        reason="Told us so.",
        actor=superuser,
    )
    versions.append(data_version.current().number)
    topic.summary = "A new summary."
    commit(topic_save, topic=topic)
    versions.append(data_version.current().number)
    assert versions == sorted(set(versions)), versions


def test_pages_change_only_through_the_data_version(client, page_cache, commit, published):
    """A change made behind the services' back stays hidden until the version moves: the cache
    is invalidated by the version and nothing else."""
    assert quotes_on(client, "/statements/") == [WORDS]
    Statement.objects.filter(pk=published.pk).update(words="Changed behind the services' back.")

    assert quotes_on(client, "/statements/") == [WORDS]

    commit(data_version.data_changed)
    assert quotes_on(client, "/statements/") == ["Changed behind the services' back."]


def test_one_transaction_moves_the_version_once_and_a_rollback_not_at_all(
    django_capture_on_commit_callbacks,
):
    start = data_version.current().number
    with django_capture_on_commit_callbacks(execute=True):
        data_version.data_changed()
        data_version.data_changed()
    assert data_version.current().number == start + 1

    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        data_version.data_changed()
        raise RuntimeError
    assert data_version.current().number == start + 1


@pytest.mark.parametrize(
    "url",
    [
        # the topic and the other topics, the tallies of every House, the MPs' party tally, the
        # survey, the newest statements and the latest changes
        "/",
        # the person, their record and its markup
        "/politicians/alicia-kearns/",
        # the topic, facets, parties, the page's keys and each statement's markup
        "/statements/?page=1",
        # the topic, the tally of every party
        "/parties/",
        # the topic, the count, the page's keys, each row's markup and the five facets' counts
        "/politicians/?position=supports",
        # as above, and the parties a link may name (checked without a query)
        "/politicians/?position=supports&party=party-a",
    ],
)
def test_tallies_and_facets_are_computed_once_per_data_version(
    client, page_cache, commit, published, reviewer, url, django_assert_num_queries, settings
):
    settings.WTS_PAGE_CACHE_SECONDS = 0  # every request renders; only the fragments are kept
    published.politician.party.slug = "party-a"
    published.politician.party.save()
    assert client.get(url).status_code == 200
    # Rendered again for a reader without a session: everything the page shows is kept under
    # the data version, and the version itself is the process's shared read.
    with django_assert_num_queries(0):
        client.get(url)
    # Retracting moves the version: the next render counts again, and shows the change.
    commit(statement_retract, statement=published, actor=reviewer, reason="Misattributed.")
    assert quotes_on(client, "/statements/") == []


def test_a_kept_page_is_sent_with_every_header_the_rendered_one_had(client, page_cache, published):
    """Kept pages leave before the middleware that adds the policy headers runs: what it keeps
    must be the page as the reader was first sent it, headers and all."""
    first = client.get("/statements/")
    again = client.get("/statements/")
    assert again.content == first.content
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Cross-Origin-Resource-Policy",
        "Permissions-Policy",
        "ETag",
        "Cache-Control",
        "Content-Type",
    ):
        assert again.headers[header] == first.headers[header], header

    not_modified = client.get("/statements/", HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.headers["ETag"] == first.headers["ETag"]


def test_a_signed_in_editor_goes_the_whole_way_and_sees_a_publication_at_once(
    client, page_cache, published, editor, reviewer, kearns, commit
):
    client.get("/statements/")  # kept for readers
    client.force_login(editor)
    session = Session.objects.filter(pk=client.session.session_key)
    session.update(expire_date=timezone.now() + timedelta(seconds=60))
    assert quotes_on(client, "/statements/") == [WORDS]
    # The request renewed the editor's idle timeout: it went through the session middleware.
    assert session.get().expire_date > timezone.now() + timedelta(minutes=20)

    second = commit(
        statement_save_draft,
        statement=StatementFactory.build(politician=kearns, words=CORRECTED, position="opposes"),
        actor=editor,
    )
    commit(statement_publish, statement=second, reviewer=reviewer)
    assert CORRECTED in quotes_on(client, "/statements/")


def test_rows_kept_rendered_change_with_a_correction_even_when_pages_are_not_kept(
    client, page_cache, commit, published, editor, reviewer, kearns, settings
):
    """The rows of the lists and the dashboard's quotes are kept rendered per data version:
    a correction must show in every one of them, page cache or not."""
    settings.WTS_PAGE_CACHE_SECONDS = 0

    def kearns_row():
        row = soup_of(client, "/politicians/").find("a", string="Alicia Kearns").find_parent("tr")
        return row.select_one(".badge").get_text(strip=True)

    assert quotes_on(client, "/statements/") == [WORDS]
    assert quotes_on(client, "/") == [WORDS]
    assert kearns_row() == "Supports the ban on government devices"

    edited = Statement.objects.get(pk=published.pk)
    edited.apply_content(edited.editorial_content())
    edited.words, edited.position = CORRECTED, Position.WANTS_EXTENDED
    commit(statement_save_draft, statement=edited, actor=editor, correction_note="Every phone.")
    commit(statement_publish, statement=published, reviewer=reviewer)

    assert quotes_on(client, "/statements/") == [CORRECTED]
    assert quotes_on(client, "/") == [CORRECTED]
    assert kearns_row() == "Wants the ban extended"
    # A search shows the same statement with its words marked, never the unmarked kept copy.
    marked = soup_of(client, "/statements/?q=minister").select("blockquote mark")
    assert [mark.get_text() for mark in marked] == ["minister"]
