"""statements/templatetags/topic_links.py: the topic selector in the navigation and on the lists."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from statements.models import Position
from tests.factories import TopicFactory, politician_with_statements


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def next_ban(topic):
    return TopicFactory(slug="next-ban", title="The next ban")


def test_the_navigation_offers_every_topic_in_a_plain_labelled_form(client, next_ban):
    soup = soup_of(client.get("/parties/"))

    form = soup.select_one("nav[aria-label=Main] form.topic-selector")
    assert form["method"] == "get" and form["action"] == "/"
    select = form.select_one("select#nav-topic")
    assert select["name"] == "topic"
    assert form.select_one("label[for=nav-topic]").get_text(strip=True) == "Topic"
    assert form.select_one("button[type=submit]").get_text(strip=True) == "See its dashboard"
    options = {option["value"]: option.get_text() for option in select.select("option")}
    assert options == {"tiktok-ban": "TikTok ban on government devices", "next-ban": "The next ban"}
    # Away from a topic's pages the default topic is the one chosen.
    assert select.select_one("option[selected]")["value"] == "tiktok-ban"


def test_the_navigation_form_leads_to_the_chosen_topics_dashboard(client, next_ban):
    soup = soup_of(client.get("/?topic=next-ban"))

    assert "The next ban" in soup.h1.get_text()
    assert soup.select_one("#nav-topic option[selected]")["value"] == "next-ban"


@pytest.mark.parametrize(
    ("url", "action"), [("/politicians/", "/politicians/"), ("/statements/", "/statements/")]
)
def test_each_list_has_a_selector_that_stays_on_the_list(client, next_ban, url, action):
    soup = soup_of(client.get(f"{url}?topic=next-ban"))

    form = soup.select_one("main form.topic-selector")
    assert form["method"] == "get" and form["action"] == action
    assert form.select_one("label[for=list-topic]")
    assert form.select_one("#list-topic option[selected]")["value"] == "next-ban"


def test_switching_topic_on_the_statements_list_changes_the_rows(client, topic, next_ban):
    politician_with_statements(Position.SUPPORTS, name="Ann Default", topic=topic)
    politician_with_statements(Position.OPPOSES, name="Ben Next", topic=next_ban)

    on_default = client.get("/statements/").content.decode()
    on_next = client.get("/statements/?topic=next-ban").content.decode()

    assert "Ann Default" in on_default and "Ben Next" not in on_default
    assert "Ben Next" in on_next and "Ann Default" not in on_next


def test_with_one_topic_there_is_nothing_to_choose(client, topic):
    soup = soup_of(client.get("/politicians/"))

    assert soup.select("form.topic-selector") == []


def test_the_topics_are_read_once_per_page_and_kept_per_data_version(next_ban, settings):
    settings.WTS_FRAGMENT_CACHE_SECONDS = 3600
    template = Template(
        "{% load topic_links %}{% topic_selector '/' 'a' %}{% topic_selector '/list/' 'b' %}"
    )

    with CaptureQueriesContext(connection) as first:
        html = template.render(Context({}))
    with CaptureQueriesContext(connection) as second:
        template.render(Context({}))

    assert html.count('<option value="next-ban"') == 2
    topic_reads = [q for q in first.captured_queries if "statements_topic" in q["sql"]]
    assert len(topic_reads) == 1
    assert not [q for q in second.captured_queries if "statements_topic" in q["sql"]]
