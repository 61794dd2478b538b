"""Editors keep members up to date; a correction never takes the published record offline.

An editor adds a peer (public only once a reviewer publishes a quote of theirs); a reviewer
changes an MP's role, which only reviewers do, and publishes a quote; an editor corrects it.
Until a reviewer publishes the correction, the public permalink, the speaker's position and the
counts stay as published; then they all change at once and the corrections page lists it.
"""

import re

from playwright.sync_api import expect

from politicians.models import House, Politician
from statements.models import Position, Statement, StatementStatus
from statements.services import statement_save_draft
from tests.browser.conftest import LIVE_BROWSER, login, save_screenshot
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
)

pytestmark = LIVE_BROWSER

PUBLISHED_WORDS = "The ban on government phones is the right call."
CORRECTED_WORDS = "The ban should cover every phone a minister carries."


def tally(page, label):
    return page.locator(".tally-row", has_text=label).locator(".tally-number strong")


def test_editor_updates_members_and_a_correction_waits_for_review_while_the_record_stays_live(
    live_server, browser, page, editor, reviewer
):
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    kearns = PoliticianFactory(
        name="Alicia Kearns",
        slug="alicia-kearns",
        constituency="Rutland and Melton",
        party=conservative,
        role="",
    )
    draft = statement_save_draft(
        statement=StatementFactory.build(
            politician=kearns, words=PUBLISHED_WORDS, position=Position.SUPPORTS
        ),
        actor=editor,
    )

    # The editor adds a peer.
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/politicians/politician/add/")
    page.get_by_label("Name:", exact=True).fill("Lord West of Spithead")
    page.get_by_label("Sort name").fill("West of Spithead, Lord")
    page.get_by_label("Slug").fill("lord-west-of-spithead")
    page.get_by_label("Party").select_option(label="Labour")
    page.get_by_label("House").select_option("lords")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    peer = Politician.objects.get(slug="lord-west-of-spithead")
    assert (peer.house, peer.party) == (House.LORDS, labour)

    # The editor may not change what the public sees about an MP: her details are read-only.
    page.goto(f"{live_server.url}/admin/politicians/politician/{kearns.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("only a reviewer changes their details")
    expect(page.get_by_label("Current role")).to_have_count(0)

    # A person added by hand has no public page until a statement of theirs is published, so
    # the peer is checked in the admin's list of the Lords.
    page.goto(f"{live_server.url}/admin/politicians/politician/?house__exact=lords")
    expect(page.locator("#result_list tbody th a")).to_have_text(["Lord West of Spithead"])
    page.context.clear_cookies()

    # A reviewer gives the MP her new role, then publishes the editor's quote from its page.
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/politicians/politician/{kearns.pk}/change/")
    page.get_by_label("Current role").fill("Chair of the Foreign Affairs Committee")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    public_page = page.context.new_page()
    public_page.goto(f"{live_server.url}/politicians/alicia-kearns/")
    expect(public_page.locator("main")).to_contain_text("Chair of the Foreign Affairs Committee")
    public_page.close()
    page.goto(f"{live_server.url}/admin/statements/statement/{draft.pk}/change/")
    page.get_by_role("button", name="Publish this statement").click()
    expect(page.locator(".messagelist")).to_contain_text("Published. The public can now see it.")
    page.context.clear_cookies()

    permalink = f"{live_server.url}{draft.get_absolute_url()}"
    page.goto(permalink)
    expect(page.locator(".statement-full blockquote")).to_have_text(f"“{PUBLISHED_WORDS}”")
    page.goto(f"{live_server.url}/")
    expect(tally(page, "Supports the ban on government devices")).to_have_text("1")
    expect(tally(page, "Wants the ban extended")).to_have_text("0")

    # The editor corrects the quote and its position.
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/statements/statement/{draft.pk}/change/")
    page.get_by_label("Words").fill(CORRECTED_WORDS)
    page.get_by_label("Position it expresses").select_option("wants_extended")
    page.get_by_label("Correction note").fill("We had cut the quote short: she said every phone.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("The public still sees the published")
    expect(page.locator(".pending-correction-notice")).to_contain_text(
        "The public still sees the published version"
    )
    expect(page.get_by_label("Words")).to_have_value(CORRECTED_WORDS)
    page.context.clear_cookies()

    # Meanwhile the public record is exactly as published.
    response = page.goto(permalink)
    assert response.status == 200
    expect(page.locator(".statement-full blockquote")).to_have_text(f"“{PUBLISHED_WORDS}”")
    page.goto(f"{live_server.url}/politicians/alicia-kearns/")
    expect(page.locator(".stance .badge")).to_have_text("Supports the ban on government devices")
    page.goto(f"{live_server.url}/")
    expect(tally(page, "Supports the ban on government devices")).to_have_text("1")
    expect(tally(page, "Wants the ban extended")).to_have_text("0")
    page.goto(f"{live_server.url}/corrections/")
    expect(page.locator("li.correction")).to_have_count(0)
    save_screenshot(page, "correction_waiting_public_unchanged")

    # The reviewer checks what the correction changes, then publishes it.
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/statements/statement/?review=correction")
    page.get_by_role("link", name=re.compile("Alicia Kearns")).click()
    diff = page.locator(".correction-diff tbody tr")
    expect(diff).to_have_count(2)
    expect(diff.first).to_contain_text(PUBLISHED_WORDS)
    expect(diff.first).to_contain_text(CORRECTED_WORDS)
    save_screenshot(page, "correction_review")
    page.get_by_role("button", name="Publish this correction").click()
    expect(page.locator(".messagelist")).to_contain_text("Correction published")
    page.context.clear_cookies()

    # Now the new words, the new position and the new counts show, and the log lists it.
    page.goto(permalink)
    expect(page.locator(".statement-full blockquote")).to_have_text(f"“{CORRECTED_WORDS}”")
    expect(page.locator(".corrections")).to_contain_text("We had cut the quote short")
    page.goto(f"{live_server.url}/")
    expect(tally(page, "Supports the ban on government devices")).to_have_text("0")
    expect(tally(page, "Wants the ban extended")).to_have_text("1")
    page.goto(f"{live_server.url}/corrections/")
    entry = page.locator("li.correction")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("We had cut the quote short: she said every phone.")
    statement = Statement.objects.get(pk=draft.pk)
    assert (statement.status, statement.words, statement.pending_content) == (
        StatementStatus.PUBLISHED,
        CORRECTED_WORDS,
        None,
    )
