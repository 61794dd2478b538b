"""The embeddable chart on a phone: nothing clipped from 300 px up, accessible at 320 px.

Newsrooms put the chart in articles read mostly on phones. The page is loaded on its own and
inside the iframe code the dashboard offers, on the full House of Commons, so that the widest
numbers (“644 (over 99%)”) and the longest label are there.
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from playwright.sync_api import expect

from politicians.models import Politician
from statements.models import Position
from statements.views.embed import EMBED_HEIGHT
from tests.browser.conftest import LIVE_BROWSER, axe_violations, save_screenshot
from tests.browser.test_accessibility import SPILLS, readable
from tests.factories import StanceFactory, StatementFactory

pytestmark = LIVE_BROWSER

MEMBERS = Path(__file__).resolve().parents[2] / "politicians" / "data" / "uk-commons-2019-mps.csv"

# Every element of the chart whose content must fit its own box: a label cut short, or a row
# wider than the chart, shows as scrollWidth > clientWidth.
CLIPPED = """() => {
    const out = [];
    const boxes = [document.documentElement, document.body,
                   ...document.querySelectorAll('.embed-chart, .embed-chart *')];
    for (const el of boxes) {
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') {
            out.push(`${el.tagName.toLowerCase()}.${el.className}: ` +
                     `${el.scrollWidth}px of content in ${el.clientWidth}px`);
        }
    }
    return out;
}"""


@pytest.fixture
def house(db):
    call_command("import_members", str(MEMBERS))
    mps = list(Politician.objects.order_by("pk")[:6])
    for politician, position in zip(
        mps,
        [Position.WANTS_EXTENDED] * 2
        + [Position.SUPPORTS, Position.MIXED]
        + [Position.OPPOSES] * 2,
        strict=True,
    ):
        statement = StatementFactory(published=True, politician=politician, position=position)
        StanceFactory(politician=politician, position=position, based_on=statement)
    return mps


def phone(browser, width, **options):
    # A short viewport, so that the page's scroll height is the chart's own height.
    context = browser.new_context(viewport={"width": width, "height": 300}, **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.mark.parametrize("width", [300, 320, 360])
def test_embed_fits_a_phone_with_nothing_clipped(live_server, house, browser, width):
    context, page = phone(browser, width)
    try:
        page.goto(f"{live_server.url}/embed/tiktok-ban/")
        expect(page.get_by_text("No known position")).to_be_visible()
        expect(page.locator(".embed-source")).to_be_visible()
        expect(page.locator(".tally-row").last).to_contain_text("644")
        save_screenshot(page, f"embed_{width}px")

        assert page.evaluate(CLIPPED) == []
        assert page.evaluate(SPILLS, width) == []
        # Every row, the as-of date and the credit are inside the viewport's width.
        for selector in (".tally-row", ".embed-as-of", ".embed-source", ".embed-title"):
            for box in [el.bounding_box() for el in page.locator(selector).all()]:
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
        # The iframe code's height holds the whole chart at phone width.
        assert page.evaluate("document.documentElement.scrollHeight") <= EMBED_HEIGHT
    finally:
        context.close()


def test_embed_passes_axe_at_320px(live_server, house, browser):
    context, page = phone(browser, 320, bypass_csp=True)
    try:
        page.goto(f"{live_server.url}/embed/tiktok-ban/")
        expect(page.locator(".tally-row")).to_have_count(5)
        save_screenshot(page, "embed_320px_axe")

        violations = axe_violations(page)

        assert violations == [], readable(violations)
    finally:
        context.close()


def test_the_dashboards_iframe_code_shows_the_whole_chart_in_a_phone_column(
    live_server, house, browser, client
):
    soup = BeautifulSoup(client.get("/").content, "lxml")
    code = soup.select_one("textarea#embed-code").get_text()
    code = code.replace("http://testserver", live_server.url)
    context, page = phone(browser, 320)
    try:
        # The host stands for a newsroom's page: it carries no policy of ours (our own pages
        # allow no frames at all: default-src 'none'). It is answered by the browser itself at
        # the test server's address, because Chromium keeps a public site from framing localhost.
        host = f"{live_server.url}/a-newsroom-story"
        page.route(
            host,
            lambda route: route.fulfill(
                content_type="text/html",
                body="<!doctype html><html lang=en><title>Story</title><body></body></html>",
            ),
        )
        page.goto(host)
        page.evaluate(
            "(code) => { document.body.innerHTML = code; document.body.style.margin = 0; }", code
        )
        frame_element = page.locator("iframe")
        frame = frame_element.content_frame
        expect(frame.locator(".embed-source")).to_be_visible()
        save_screenshot(page, "embed_in_iframe_320px")

        frame_box = frame_element.bounding_box()
        assert frame_box["width"] == 320
        inner = frame.locator("html").evaluate(
            "html => ({scroll: html.scrollHeight, client: html.clientHeight, "
            "scrollWidth: html.scrollWidth, clientWidth: html.clientWidth})"
        )
        assert inner["scroll"] <= inner["client"], inner  # nothing cut off at the bottom
        assert inner["scrollWidth"] <= inner["clientWidth"], inner
        assert frame.locator(".embed-chart").evaluate(CLIPPED) == []
    finally:
        context.close()
