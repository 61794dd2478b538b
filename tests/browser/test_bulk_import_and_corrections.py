"""An editor bulk-imports quotes, a reviewer publishes, a retraction reaches the public log."""

import re
from pathlib import Path

from lxml import etree
from playwright.sync_api import expect

from statements.models import Statement, StatementStatus
from tests.browser.conftest import LIVE_BROWSER, login, save_screenshot
from tests.factories import PartyFactory, PoliticianFactory

pytestmark = LIVE_BROWSER

SAMPLES = Path(__file__).resolve().parents[1] / "statements" / "samples"


def test_editor_imports_fixes_a_bad_row_reviewer_publishes_then_retracts(
    live_server, browser, page, editor, reviewer
):
    conservative = PartyFactory(name="Conservative", slug="conservative")
    PartyFactory(name="Scottish National Party", slug="scottish-national-party")
    PoliticianFactory(
        name="Alicia Kearns", slug="alicia-kearns", member_id=4805, party=conservative
    )

    # The editor uploads a file with one bad row: nothing is imported, the row is named.
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/statements/statement/")
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("File to import").set_input_files(str(SAMPLES / "statements_one_bad_row.csv"))
    page.get_by_role("button", name="Submit").click()
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("url")
    expect(errors.first).to_contain_text("row 3: “ftp://files.example/tiktok-ban”")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    save_screenshot(page, "bulk_import_bad_row")
    assert Statement.objects.count() == 0

    # They fix the file (the corrected copy), preview it and confirm.
    page.get_by_label("File to import").set_input_files(str(SAMPLES / "statements_good.csv"))
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("table.import-preview tr.new")).to_have_count(3)
    save_screenshot(page, "bulk_import_preview")
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("3 new")
    assert set(Statement.objects.values_list("status", flat=True)) == {StatementStatus.DRAFT}
    page.context.clear_cookies()

    # The reviewer sees three awaiting review and publishes them.
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/statements/statement/")
    expect(page.locator(".review-summary")).to_contain_text("3 awaiting review")
    page.locator(".review-summary").get_by_role("link", name=re.compile("awaiting review")).click()
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 3 statement")

    # Then retracts one from its own page, with a reason.
    kearns_quote = Statement.objects.get(politician__name="Alicia Kearns")
    page.goto(f"{live_server.url}/admin/statements/statement/{kearns_quote.pk}/change/")
    page.get_by_role("button", name="Retract this statement…").click()
    page.get_by_label("Reason").fill("The interview was with a different Alicia.")
    page.get_by_role("button", name="Retract").click()
    expect(page.locator(".messagelist")).to_contain_text("Retracted 1 statement")
    page.context.clear_cookies()

    # The public corrections page and its feed both carry the retraction.
    page.goto(f"{live_server.url}/corrections/")
    entry = page.locator("li.correction").first
    expect(entry).to_contain_text("Retraction")
    expect(entry).to_contain_text("The interview was with a different Alicia.")
    expect(entry.get_by_role("link", name="Alicia Kearns")).to_be_visible()
    save_screenshot(page, "corrections_page")
    entry.get_by_role("link", name=re.compile("the statement")).click()
    expect(page.locator(".notice-retracted")).to_contain_text("retracted")

    feed = page.request.get(f"{live_server.url}/feeds/corrections/")
    assert feed.ok
    atom = etree.fromstring(feed.body())
    summaries = [e.text for e in atom.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any("The interview was with a different Alicia." in s for s in summaries)
