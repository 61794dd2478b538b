"""A journalist searches what politicians said, narrows it down, cites one, downloads the rest."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from statements.models import Position, Statement
from tests.browser.conftest import LIVE_BROWSER, downloaded_csv, save_screenshot
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    published_statement,
    published_words,
)

pytestmark = LIVE_BROWSER

PHONES = "phones"


@pytest.fixture
def quotes(db):
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    speakers = [
        PoliticianFactory(name=f"Speaker {n} Jones", party=labour if n % 2 else conservative)
        for n in range(8)
    ]
    for n, speaker in enumerate(speakers):
        position = [Position.WANTS_EXTENDED, Position.SUPPORTS, Position.OPPOSES][n % 3]
        said = [
            (f"Ban it on personal {PHONES} too, says speaker {n}.", datetime.date(2023, 3, 1)),
            (f"Security matters more than reach, point {n}.", datetime.date(2023, 2, 1)),
        ]
        for words, month in said:
            published_statement(speaker, position, words, month + datetime.timedelta(days=n))
    # Would match the search if the public could see drafts.
    StatementFactory(politician=speakers[0], words=f"An unreviewed draft about {PHONES}.")


def expected_words():
    """Published statements mentioning phones that want the ban extended, newest first."""
    return list(
        Statement.objects.published()
        .filter(words__icontains=PHONES, position=Position.WANTS_EXTENDED)
        .order_by("-said_on")
        .values_list("words", flat=True)
    )


def listed_words(page):
    texts = page.locator("#results blockquote p").all_inner_texts()
    return [text.strip().strip("“”") for text in texts]


def assert_view_matches_the_database(page):
    wanted = expected_words()
    assert wanted  # the data must give the search something to find
    expect(page.locator("#results blockquote")).to_have_count(len(wanted))
    # The count beside the option, kept in step by htmx as the search narrows the rows.
    expect(page.locator("#count-position-wants_extended")).to_have_text(str(len(wanted)))
    assert sorted(listed_words(page)) == sorted(wanted)
    marks = page.locator("#results mark").all_inner_texts()
    assert marks and {mark.lower() for mark in marks} == {PHONES}
    expect(page.locator("#q")).to_have_value(PHONES)
    expect(
        page.get_by_role("group", name="Position it expresses").get_by_label(
            "Wants the ban extended"
        )
    ).to_be_checked()


def test_journalist_searches_filters_and_cites_with_htmx(live_server, quotes, page, tmp_path):
    page.goto(f"{live_server.url}/statements/")
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Words").fill(PHONES)
    expect(page).to_have_url(re.compile(rf"q={PHONES}"))
    page.get_by_role("group", name="Position it expresses").get_by_label(
        "Wants the ban extended"
    ).check()
    expect(page).to_have_url(re.compile(r"position=wants_extended"))

    assert_view_matches_the_database(page)
    assert page.evaluate("window.stillTheSamePage") is True
    save_screenshot(page, "statements_search_with_htmx")

    page.reload()
    assert_view_matches_the_database(page)
    assert sorted(downloaded_csv(page, tmp_path, "words")) == sorted(expected_words())

    page.locator("#results").get_by_role("link", name="permalink and citation").first.click()
    expect(page.locator("h1")).to_contain_text("on TikTok ban on government devices")
    citation = page.get_by_label("Citation, ready to paste").input_value()
    statement_id = re.search(r"/statements/(\d+)/$", page.url).group(1)
    statement = Statement.objects.get(pk=statement_id)
    assert statement.words in citation and statement.source_url in citation
    assert citation.endswith(f"{live_server.url}/statements/{statement_id}/")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy citation").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == citation


def test_journalist_searches_and_filters_without_javascript(
    live_server, quotes, page_without_javascript, tmp_path
):
    page = page_without_javascript
    page.goto(f"{live_server.url}/statements/")

    page.get_by_label("Words").fill(PHONES)
    page.get_by_role("group", name="Position it expresses").get_by_label(
        "Wants the ban extended"
    ).check()
    page.get_by_role("button", name="Show statements").click()

    expect(page).to_have_url(re.compile(rf"q={PHONES}"))
    assert_view_matches_the_database(page)
    assert sorted(downloaded_csv(page, tmp_path, "words")) == sorted(expected_words())

    # Without JavaScript there is no copy button to press in vain: the text is selectable.
    page.locator("#results").get_by_role("link", name="permalink and citation").first.click()
    expect(page.get_by_label("Citation, ready to paste")).to_be_visible()
    expect(page.get_by_role("button", name="Copy citation")).to_be_hidden()


def test_journalist_searches_either_word_stemmed_forms_and_leaves_one_out(live_server, page):
    published_words(
        ("A ban, a ban and a ban again: banning it is right.", datetime.date(2023, 3, 1)),
        ("They banned it from red boxes.", datetime.date(2023, 3, 20)),
        ("Strange bedfellows, these two.", datetime.date(2023, 3, 10)),
        ("Keep the app.", datetime.date(2023, 3, 5)),
    )
    page.goto(f"{live_server.url}/statements/")
    words = page.get_by_label("Words")
    count = page.locator("#results .result-count")

    words.fill("banning or bedfellows")
    expect(count).to_contain_text("3 statements match “banning or bedfellows”, best match first")
    # Saying it four times ranks above saying it once, although older. (How a rarer word weighs
    # against a commoner one is where the two databases' rankings differ.)
    listed = listed_words(page)
    assert listed.index("A ban, a ban and a ban again: banning it is right.") < listed.index(
        "They banned it from red boxes."
    )
    marks = page.locator("#results mark").all_inner_texts()
    assert sorted(mark.lower() for mark in marks) == sorted(
        ["ban", "ban", "ban", "banning", "banned", "bedfellows"]
    )
    save_screenshot(page, "statements_search_or_and_stems")

    words.fill("-ban")
    expect(count).to_contain_text("2 statements match “-ban”.")
    assert listed_words(page) == ["Strange bedfellows, these two.", "Keep the app."]

    words.fill("*")
    expect(page.locator("#search-note")).to_contain_text("Nothing to search for in “*”")
    expect(page.locator("#results blockquote")).to_have_count(0)
