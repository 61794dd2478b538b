"""An editor enters a quote in the admin, a reviewer publishes it, the public sees it."""

import re

from playwright.sync_api import expect

from statements.models import Statement, StatementStatus
from tests.browser.conftest import LIVE_BROWSER, login
from tests.factories import PartyFactory, PoliticianFactory

pytestmark = LIVE_BROWSER


def test_editor_enters_a_statement_reviewer_publishes_public_page_shows_it(
    live_server, browser, page, editor, reviewer
):
    conservative = PartyFactory(name="Conservative", slug="conservative")
    PoliticianFactory(
        name="Alicia Kearns",
        slug="alicia-kearns",
        constituency="Rutland and Melton",
        party=conservative,
    )

    # The editor adds the quote through the admin, speaker chosen by autocomplete.
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/statements/statement/add/")
    page.locator(".field-politician .select2-selection").click()
    page.locator(".select2-search__field").fill("Rutland")
    page.get_by_role("option", name=re.compile("Alicia Kearns")).click()
    page.get_by_label("Topic").select_option(label="TikTok ban on government devices")
    page.get_by_label("Words").fill(
        "Colleagues will need to reflect that no-one is 'not of interest.'"
    )
    page.get_by_label("Date said").fill("2023-03-13")
    page.get_by_label("Source outlet").fill("PoliticsHome")
    page.get_by_label("Source URL").fill(
        "https://www.politicshome.com/news/article/uk-set-to-ban-tiktok-government-devices"
    )
    page.get_by_label("Source kind").select_option("interview")
    page.get_by_label("Position it expresses").select_option("wants_extended")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Saved as a draft")
    expect(page.locator("select[name=action] option[value=publish]")).to_have_count(0)

    # Not yet public.
    page.goto(f"{live_server.url}/")
    expect(page.locator(".statement")).to_have_count(0)
    page.context.clear_cookies()

    # The reviewer publishes it.
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/statements/statement/?status__exact=draft")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 statement")
    statement = Statement.objects.get()
    assert statement.status == StatementStatus.PUBLISHED

    # The public page shows the quote, its speaker and its source, and counts the position.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    quote = page.locator(".statement").first
    expect(quote).to_contain_text("no-one is 'not of interest.'")
    expect(quote.get_by_role("link", name="Alicia Kearns")).to_be_visible()
    expect(quote.get_by_role("link", name="PoliticsHome")).to_have_attribute(
        "href", "https://www.politicshome.com/news/article/uk-set-to-ban-tiktok-government-devices"
    )
    wants_row = page.locator(".tally-row", has_text="Wants the ban extended")
    expect(wants_row.locator(".tally-number strong")).to_have_text("1")
