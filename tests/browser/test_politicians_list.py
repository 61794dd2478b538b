"""A journalist filters politicians by party and position, checks the numbers, downloads them."""

import re

import pytest
from playwright.sync_api import expect

from politicians.models import Bench, Politician
from statements.models import Position, Stance
from tests.browser.conftest import LIVE_BROWSER, downloaded_csv, save_screenshot
from tests.factories import PartyFactory, PoliticianFactory, politician_with_statements

pytestmark = LIVE_BROWSER

SCALE = [
    Position.WANTS_EXTENDED,
    Position.SUPPORTS,
    Position.MIXED,
    Position.OPPOSES,
    None,
]
CHOSEN_POSITIONS = [Position.SUPPORTS, Position.OPPOSES]


@pytest.fixture
def chamber(db):
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    for n in range(16):
        politician_with_statements(
            SCALE[n % 5],
            statements=2,
            party=labour if n % 2 else conservative,
            bench=Bench.FRONT if n % 3 == 0 else Bench.BACK,
            has_tiktok_account=n % 4 == 0,
        )
    PoliticianFactory(party=labour, is_sitting=False)  # a former member who never spoke


def position_of():
    return dict(Stance.objects.values_list("politician", "position"))


def expected_rows():
    """Sitting Labour members who support or oppose the ban, by surname, from the database."""
    positions = position_of()
    return [
        p.name
        for p in Politician.objects.sitting().filter(party__slug="labour").order_by("sort_name")
        if positions.get(p.pk) in CHOSEN_POSITIONS
    ]


def expected_facets():
    """Each option's count with the other filter kept, worked out from the database."""
    positions = position_of()
    members = list(Politician.objects.sitting().select_related("party"))
    labour = [p for p in members if p.party.slug == "labour"]
    return {
        "position": {
            value or "none": sum(1 for p in labour if positions.get(p.pk) == value)
            for value in SCALE
        },
        "party": {
            slug: sum(
                1
                for p in members
                if p.party.slug == slug and positions.get(p.pk) in CHOSEN_POSITIONS
            )
            for slug in ("conservative", "labour")
        },
    }


def assert_view_matches_the_database(page):
    names = page.locator("#results tbody th a")
    expect(names).to_have_count(len(expected_rows()))
    assert names.all_inner_texts() == expected_rows()
    for facet, counts in expected_facets().items():
        for value, count in counts.items():
            expect(page.locator(f"#count-{facet}-{value}")).to_have_text(str(count))
    for value in ["labour", *CHOSEN_POSITIONS]:
        expect(page.locator(f"form.filters input[value='{value}']")).to_be_checked()
    expect(page.locator(".result-count")).to_contain_text(f"{len(expected_rows())} politicians")


def choose_filters(page):
    page.get_by_role("group", name="Party").get_by_label("Labour").check()
    positions = page.get_by_role("group", name="Position")
    positions.get_by_label("Supports the ban on government devices").check()
    positions.get_by_label("Opposes the ban").check()


def test_journalist_filters_by_party_and_position_with_htmx(live_server, chamber, page, tmp_path):
    page.goto(f"{live_server.url}/politicians/")
    expect(page.locator("h1")).to_contain_text("Where politicians stand")
    # A marker that a full page load would wipe: htmx must swap the results in place.
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("group", name="Party").get_by_label("Labour").check()
    expect(page).to_have_url(re.compile(r"party=labour"))
    positions = page.get_by_role("group", name="Position")
    positions.get_by_label("Supports the ban on government devices").check()
    expect(page).to_have_url(re.compile(r"position=supports"))
    positions.get_by_label("Opposes the ban").check()
    expect(page).to_have_url(re.compile(r"position=supports&position=opposes"))

    assert_view_matches_the_database(page)
    assert page.evaluate("window.stillTheSamePage") is True
    filtered_url = page.url
    save_screenshot(page, "politicians_list_filtered_with_htmx")

    # A pasted link reproduces the view.
    page.reload()
    assert page.url == filtered_url
    assert page.evaluate("window.stillTheSamePage") is None
    assert_view_matches_the_database(page)

    assert downloaded_csv(page, tmp_path, "name") == expected_rows()


def test_journalist_filters_by_party_and_position_without_javascript(
    live_server, chamber, page_without_javascript, tmp_path
):
    page = page_without_javascript
    page.goto(f"{live_server.url}/politicians/")

    choose_filters(page)
    page.get_by_role("button", name="Show politicians").click()

    expect(page).to_have_url(re.compile(r"party=labour"))
    assert "position=supports" in page.url and "position=opposes" in page.url
    assert_view_matches_the_database(page)
    page.goto(page.url)
    assert_view_matches_the_database(page)
    assert downloaded_csv(page, tmp_path, "name") == expected_rows()


def test_filtered_list_reads_at_phone_width(live_server, chamber, phone_page):
    phone_page.goto(f"{live_server.url}/politicians/?party=labour&position=supports")

    first_row = phone_page.locator("#results tbody tr").first
    expect(first_row).to_be_visible()
    # Nothing spills sideways at 360 px.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    box = first_row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    first_row.scroll_into_view_if_needed()
    save_screenshot(phone_page, "politicians_list_360px")
