"""Searching statements: the same searches give the same statements on SQLite and PostgreSQL.

CI runs the suite on both databases; every test here runs on both with the same expectations,
except the last few, which check one database's own machinery (PostgreSQL's stop words, SQLite's
index triggers).
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, models

from statements.models import Statement
from statements.search import fts5_rowids, is_marked_copy, marks_to_html
from statements.search.sqlite_index import TABLE as SQLITE_INDEX
from statements.search.syntax import STOP_WORDS, parse_search
from statements.services import statement_publish, statement_retract, statement_save_draft
from tests.factories import PoliticianFactory, StatementFactory, published_words

pytestmark = pytest.mark.django_db

# One statement per key, each said a day after the one before, so that “newest first” is known.
SAID = {
    "trojan": "The app is a Trojan horse in every minister's pocket.",
    "bedfellows": "We have become strange bedfellows, near enough, with data harvesters.",
    "ban": "A ban is the least we should do.",
    "banned": "They banned it in Brussels weeks ago.",
    "bans": "Bans like this never work without teeth.",
    "phones": "Ban it on personal phones too.",
    "security risk": "It is a security risk, plain and simple.",
    "risk to security": "The risk to our security is overstated.",
    "example": "For example, officials could keep the app.",
    "amp": "Tom & Jerry amp up the row.",
}
BAN_FAMILY = {"ban", "banned", "bans", "phones"}
NEWEST_FIRST = list(reversed(SAID))


@pytest.fixture
def said(topic):
    first_day = datetime.date(2023, 3, 1)
    published_words(
        *[(words, first_day + datetime.timedelta(days=n)) for n, words in enumerate(SAID.values())]
    )


def search(client, query):
    response = client.get("/statements/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def found(soup) -> list[str]:
    """The keys of SAID for the statements listed, in the order shown."""
    keys = {words: key for key, words in SAID.items()}
    return [
        keys[quote.get_text().strip().strip("“”")] for quote in soup.select("#results blockquote p")
    ]


def count_line(soup) -> str:
    return " ".join(soup.select_one(".result-count").get_text().split())


def marks(soup) -> list[str]:
    return [mark.get_text() for mark in soup.select("#results mark")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("trojan or bedfellows", {"trojan", "bedfellows"}, id="or"),
        pytest.param("Trojan OR bedfellows", {"trojan", "bedfellows"}, id="OR in capitals"),
        pytest.param("security risk", {"security risk", "risk to security"}, id="every word"),
        pytest.param('"security risk"', {"security risk"}, id="a phrase"),
        pytest.param("ban -phones", BAN_FAMILY - {"phones"}, id="an exclusion"),
        pytest.param('ban -"personal phones"', BAN_FAMILY - {"phones"}, id="excluded phrase"),
        pytest.param("banning", BAN_FAMILY, id="a stemmed form"),
        pytest.param("amp", {"amp"}, id="a whole word, not inside example"),
        pytest.param("the ban", BAN_FAMILY, id="a common word is not required"),
        pytest.param('"the ban"', BAN_FAMILY, id="nor at the ends of a phrase"),
        pytest.param("trojan ministers", {"trojan"}, id="a stemmed form of the second word"),
    ],
)
def test_the_search_syntax_finds_the_same_statements_on_both_databases(
    client, said, query, expected
):
    assert set(found(search(client, query))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("ban AND phones", {"phones"}, id="AND is a common word"),
        pytest.param("ban NOT phones", {"phones"}, id="NOT is a common word"),
        pytest.param("NEAR(bedfellows", {"bedfellows"}, id="NEAR( is the word near"),
        pytest.param("trojan*", {"trojan"}, id="an asterisk is punctuation"),
        pytest.param('"trojan', {"trojan"}, id="an unclosed quote is ignored"),
        pytest.param('trojan"', {"trojan"}, id="a closing quote alone is ignored"),
        pytest.param("(trojan)", {"trojan"}, id="brackets"),
        pytest.param("trojan:*", {"trojan"}, id="a prefix marker"),
        pytest.param("'trojan'", {"trojan"}, id="single quotes"),
        pytest.param("trojan\\", {"trojan"}, id="a backslash"),
        pytest.param("trojan -", {"trojan"}, id="a dash at the end"),
        pytest.param("or trojan or", {"trojan"}, id="or at either end"),
        pytest.param("trojan or or bedfellows", {"trojan", "bedfellows"}, id="or twice"),
        pytest.param("--ban", BAN_FAMILY, id="two dashes cancel, as on PostgreSQL"),
        pytest.param("-" * 60 + "ban", BAN_FAMILY, id="sixty dashes"),
        pytest.param("ban | phones & !personal", {"phones"}, id="tsquery operators"),
        pytest.param("personal<->phones", {"phones"}, id="a phrase operator"),
        pytest.param("minister's", {"trojan"}, id="an apostrophe"),
        pytest.param("personal:phones", {"phones"}, id="a colon"),
    ],
)
def test_operators_and_punctuation_typed_by_a_user_are_read_as_words(client, said, query, expected):
    assert set(found(search(client, query))) == expected


@pytest.mark.parametrize("query", ["*", '"', '""', "-", "!!!", "()", "&", "—", "…", "' '", "_"])
def test_a_search_of_punctuation_alone_finds_nothing_and_says_why(client, said, query):
    soup = search(client, query)

    assert found(soup) == []
    assert count_line(soup).startswith("0 statements match")
    assert "Nothing to search for" in soup.select_one("#search-note").get_text()


@pytest.mark.parametrize("query", ["the", "The A of", '"to be or not to be"', "or"])
def test_a_search_of_only_the_commonest_words_finds_nothing_and_says_why(client, said, query):
    soup = search(client, query)

    assert found(soup) == []
    assert "commonest words" in soup.select_one("#search-note").get_text()


def test_a_search_that_finds_something_has_no_note(client, said):
    assert search(client, "trojan").select_one("#search-note") is None


def test_a_search_that_only_leaves_words_out_lists_the_rest_newest_first(client, said):
    soup = search(client, "-ban")

    # As websearch_to_tsquery's !'ban': every statement without the word or a form of it.
    assert found(soup) == [key for key in NEWEST_FIRST if key not in BAN_FAMILY]
    assert "best match first" not in count_line(soup)
    assert marks(soup) == []


def test_an_alternative_that_only_leaves_words_out_ranks_below_a_match(client, said):
    soup = search(client, "trojan or -ban")

    assert found(soup) == ["trojan"] + [
        key for key in NEWEST_FIRST if key not in BAN_FAMILY | {"trojan"}
    ]
    assert marks(soup) == ["Trojan"]


def test_the_best_match_comes_first_although_older(client, topic):
    published_words(
        (
            "Ministers agreed a ban on phones after a long debate about the security of the app.",
            datetime.date(2023, 3, 10),
        ),
        (
            "A ban on phones now, a ban on phones next year, a ban on phones for good.",
            datetime.date(2023, 3, 1),
        ),
    )

    for query in ("ban", "phones", '"ban on phones"'):
        soup = search(client, query)
        listed = [quote.get_text() for quote in soup.select("#results blockquote p")]
        assert listed[0].startswith("“A ban on phones now"), query
        assert len(listed) == 2
        assert "best match first" in count_line(soup)


def test_pages_of_a_ranked_search_list_every_match_once_best_first(client, topic, settings):
    """A ranked page is found keys first (core.pagination): the pages together must be the
    whole ranked list, in order, with nothing repeated or left out."""
    settings.WTS_PAGE_SIZE = 4
    for n in range(10):
        StatementFactory(
            published=True,
            words=" ".join(["Ban the app."] * (n % 4 + 1) + [f"Statement number {n}."]),
            said_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=n),
        )
    StatementFactory(published=True, words="Keep the app.")

    listed = []
    for page in (1, 2, 3):
        soup = BeautifulSoup(client.get("/statements/", {"q": "ban", "page": page}).content, "lxml")
        listed += [quote.get_text() for quote in soup.select("#results blockquote p")]
    numbers = [int(quote.rsplit("number ", 1)[1].rstrip(".”")) for quote in listed]
    # Most bans first; among equals, newest first.
    assert numbers == sorted(range(10), key=lambda n: (-(n % 4), -n))


def test_stemmed_matches_are_marked_where_they_are(client, said):
    soup = search(client, "banning")

    assert sorted(mark.lower() for mark in marks(soup)) == ["ban", "ban", "banned", "bans"]


def test_a_phrase_is_marked_and_a_word_left_out_is_not(client, said):
    soup = search(client, '"security risk" -overstated')

    assert found(soup) == ["security risk"]
    assert " ".join(marks(soup)).split() == ["security", "risk"]


def test_amp_is_marked_as_a_word_and_the_ampersand_is_kept(client, said):
    soup = search(client, "amp")

    quote = soup.select_one("#results blockquote p").get_text()
    assert quote == f"“{SAID['amp']}”"
    assert marks(soup) == ["amp"]


def test_marks_become_tags_only_after_the_words_around_them_are_escaped():
    html = marks_to_html("<b>\x02ban\x03</b> & co")
    assert html == "&lt;b&gt;<mark>ban</mark>&lt;/b&gt; &amp; co"
    assert is_marked_copy("\x02Ban\x03 it", "Ban it")
    assert not is_marked_copy("\x02Ban\x03 it", "Ban it now")
    # A quote that holds a mark character itself is shown unmarked rather than mismarked.
    assert not is_marked_copy("\x02Ban\x03 \x02", "Ban \x02")


def test_a_search_longer_than_200_characters_answers_400(client, said):
    assert client.get("/statements/", {"q": "ban " * 50}).status_code == 200
    response = client.get("/statements/", {"q": "ban " * 50 + "x"})

    assert response.status_code == 400
    message = BeautifulSoup(response.content, "lxml").select_one(".error-message").get_text()
    assert "q can be at most 200 characters long" in message


def test_a_search_for_more_than_twelve_different_words_answers_400(client, said):
    twelve = " ".join(f"word{n}" for n in range(12))
    assert client.get("/statements/", {"q": twelve}).status_code == 200
    assert client.get("/statements/", {"q": "ban " * 30}).status_code == 200  # one word, repeated

    response = client.get("/statements/", {"q": twelve + " word12"})

    assert response.status_code == 400
    message = BeautifulSoup(response.content, "lxml").select_one(".error-message").get_text()
    assert "at most 12 different words; this one has 13" in message
    assert client.get("/statements.csv", {"q": twelve + " word12"}).status_code == 400


def test_the_download_holds_the_same_statements_in_the_same_order(client, said):
    page = found(search(client, "ban or security"))
    response = client.get("/statements.json", {"q": "ban or security"})
    rows = json.loads(b"".join(response.streaming_content))["statements"]

    keys = {words: key for key, words in SAID.items()}
    assert [keys[row["words"]] for row in rows] == page


def assert_index_in_step():
    """On SQLite, FTS5 compares its index with the statements table and fails if they differ."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rank) VALUES ('integrity-check', 1)"
            )


def test_search_follows_statements_as_they_are_published_corrected_and_retracted(
    client, topic, editor, reviewer
):
    statement = StatementFactory.build(
        politician=PoliticianFactory(), words="Installing spyware on a red box is folly."
    )
    statement_save_draft(statement=statement, actor=editor)
    assert_index_in_step()
    assert found(search(client, "spyware")) == []  # a draft is not public

    statement_publish(statement=statement, reviewer=reviewer)
    assert_index_in_step()
    soup = search(client, "spyware")
    assert len(soup.select("#results blockquote")) == 1
    assert marks(soup) == ["spyware"]

    statement.refresh_from_db()
    statement.words = "Installing surveillance software on a red box is folly."
    statement_save_draft(statement=statement, actor=editor, correction_note="Misquoted.")
    statement_publish(statement=statement, reviewer=reviewer)
    assert_index_in_step()
    assert search(client, "spyware").select("#results blockquote") == []
    soup = search(client, "surveillance")
    assert len(soup.select("#results blockquote")) == 1
    assert marks(soup) == ["surveillance"]

    statement_retract(statement=statement, actor=reviewer, reason="Wrong speaker.")
    assert_index_in_step()
    assert search(client, "surveillance").select("#results blockquote") == []

    # Statements are retracted, never deleted; a row removed from the database (a draft entered
    # by mistake, a test flush) must leave the index too.
    mistake = StatementFactory(words="Surveillance by mistake.")
    Statement.objects.filter(pk=mistake.pk).delete()
    assert_index_in_step()


def test_the_parser_gives_postgresql_every_term_quoted():
    search = parse_search('Trojan or -"the ban" gov.uk --x NEAR(y')

    assert search.as_websearch() == '"Trojan" or -"the ban" "gov.uk" "x" "NEAR" "y"'
    assert search.fts5_match() == (
        '("trojan") OR (("gov uk" AND "x" AND "near" AND "y") NOT ("ban"))'
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own dictionary")
def test_stop_words_are_the_ones_postgresql_drops():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word"
            " WHERE ts_lexize('english_stem', word) <> '{}'",
            [sorted(STOP_WORDS)],
        )
        assert cursor.fetchall() == []
        cursor.execute("SELECT ts_lexize('english_stem', 'ban')")
        assert cursor.fetchone() == (["ban"],)
    assert len(STOP_WORDS) == 127


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index triggers")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_index_follows_edits_after_a_migration_rebuilds_the_statements_table(topic):
    # To alter a column Django's SQLite schema editor copies the table and drops the old one,
    # triggers included; post_migrate puts them back. Here: a column altered there and back.
    words = Statement._meta.get_field("words")
    nullable = models.TextField(null=True)
    nullable.set_attributes_from_name("words")
    with connection.schema_editor() as editor:
        editor.alter_field(Statement, words, nullable, strict=True)
        editor.alter_field(Statement, nullable, words, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [Statement._meta.db_table],
        )
        assert cursor.fetchone() == (0,)

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)

    statement = StatementFactory(published=True, words="Spyware in the red box.")
    statement.words = "Surveillance in the red box."
    statement.save()
    assert_index_in_step()
    assert list(Statement.objects.filter(pk__in=fts5_rowids('"surveillance"'))) == [statement]
    assert not Statement.objects.filter(pk__in=fts5_rowids('"spyware"')).exists()
