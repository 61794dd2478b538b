"""The statements browser's date filters say what a reader actually sees and types.

A date box shows the browser's own format (dd/mm/yyyy for en-GB) while links carry YYYY-MM-DD;
the hint says both, and a British reader typing a day as the box shows gets that day.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LIVE_BROWSER, save_screenshot
from tests.factories import StatementFactory

# Debian ships Chromium's languages other than en-US in chromium-l10n.
CHROMIUM_LOCALES = "/usr/lib/chromium/locales"

pytestmark = LIVE_BROWSER


@pytest.fixture
def february_and_march(db):
    for day in (datetime.date(2023, 2, 27), datetime.date(2023, 3, 2), datetime.date(2023, 3, 9)):
        StatementFactory(published=True, said_on=day, words=f"Said on {day:%-d %B}.")


@pytest.fixture
def british_page(browser):
    """Chromium set up in British English, with JavaScript off: the form must work alone.

    A date box takes its format from the browser's own language, not from the page or the
    Accept-Language header, so this is a Chromium started in en-GB.
    """
    if not Path(CHROMIUM_LOCALES, "en-GB.pak").exists():
        pytest.fail("Chromium has no British English: apt-get install chromium-l10n")
    british = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, "--lang=en-GB"],
        env={**os.environ, "LANG": "en_GB.UTF-8", "LANGUAGE": "en_GB"},
    )
    context = british.new_context(
        locale="en-GB", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    british.close()


def test_a_british_reader_types_a_day_as_the_box_shows_it(
    live_server, february_and_march, british_page
):
    page = british_page
    page.goto(f"{live_server.url}/statements/")
    date_from = page.get_by_label("Said on or after")
    expect(date_from).to_have_attribute("type", "date")
    hint = page.locator("#date-help")
    expect(hint).to_have_text(re.compile(r"^Pick a date, or type it in the order the box shows\."))
    expect(hint).to_contain_text("type YYYY-MM-DD, such as 2023-03-16, as links carry it")
    save_screenshot(page, "statements_date_filters_en_gb")

    # Day, month, year: the order an en-GB date box shows (dd/mm/yyyy).
    date_from.click()
    page.keyboard.type("01032023")
    expect(date_from).to_have_value("2023-03-01")
    page.get_by_role("button", name="Show statements").click()

    page.wait_for_url(re.compile(r"from=2023-03-01"))
    expect(page.locator(".chosen-filters")).to_have_text("Said on or after: 1 March 2023")
    quotes = page.locator("#results blockquote p").all_inner_texts()
    assert [quote.strip("“”") for quote in quotes] == ["Said on 9 March.", "Said on 2 March."]
    save_screenshot(page, "statements_date_filtered_en_gb")
