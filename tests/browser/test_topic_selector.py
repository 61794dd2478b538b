"""A reader switches topic from the keyboard, without JavaScript, and on a phone."""

import pytest
from playwright.sync_api import expect

from statements.models import Position, Topic
from tests.browser.conftest import axe_violations, save_screenshot
from tests.factories import TopicFactory, politician_with_statements

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def two_topics(db):
    default = Topic.objects.get(slug="tiktok-ban")
    next_ban = TopicFactory(slug="next-ban", title="The next ban")
    politician_with_statements(Position.SUPPORTS, name="Ann Default", topic=default)
    politician_with_statements(Position.OPPOSES, name="Ben Next", topic=next_ban)


def test_switching_topic_on_the_statements_list_from_the_keyboard_without_javascript(
    live_server, two_topics, page_without_javascript
):
    page = page_without_javascript
    page.goto(f"{live_server.url}/statements/")
    results = page.locator("#results")
    expect(results).to_contain_text("Ann Default")
    expect(results).not_to_contain_text("Ben Next")

    selector = page.locator("main form.topic-selector")
    selector.get_by_label("Topic").focus()
    selector.get_by_label("Topic").select_option("next-ban")
    page.keyboard.press("Tab")
    expect(selector.get_by_role("button", name="Show this topic")).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url("**/statements/?topic=next-ban")
    expect(page.locator("h1")).to_contain_text("The next ban")
    expect(page.locator("#results")).to_contain_text("Ben Next")
    expect(page.locator("#results")).not_to_contain_text("Ann Default")
    save_screenshot(page, "topic-selector-statements")


def test_the_navigations_selector_opens_the_chosen_dashboard(live_server, two_topics, page):
    page.goto(f"{live_server.url}/parties/")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_label("Topic").select_option("next-ban")
    nav.get_by_role("button", name="See its dashboard").click()

    page.wait_for_url("**/?topic=next-ban")
    expect(page.locator("h1")).to_contain_text("The next ban")


def test_the_selectors_read_at_phone_width_and_pass_axe(
    live_server, two_topics, phone_page, axe_page
):
    phone_page.goto(f"{live_server.url}/politicians/?topic=next-ban")
    expect(phone_page.locator("main form.topic-selector select")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    save_screenshot(phone_page, "topic-selector-phone")

    axe_page.goto(f"{live_server.url}/politicians/?topic=next-ban")
    assert axe_violations(axe_page) == []
