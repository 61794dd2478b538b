"""A person's and a party's pages offer their Atom feed: to feed readers in the head, and to the
journalist as a link on the page."""

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from statements.models import Position, Statement
from tests.factories import PartyFactory, politician_with_statements
from tests.reading import ATOM

pytestmark = pytest.mark.django_db


@pytest.fixture
def ava(topic):
    labour = PartyFactory(name="Labour", slug="labour")
    politician_with_statements(Position.OPPOSES, party=labour, name="Bo Other", slug="bo-other")
    return politician_with_statements(
        Position.SUPPORTS, statements=2, party=labour, name="Ava North", slug="ava-north"
    )


def feeds_offered(soup):
    return {
        link["href"]: link["title"]
        for link in soup.head.select('link[rel=alternate][type="application/atom+xml"]')
    }


def entry_links(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    return {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}


def followed_feed(soup):
    """The feed link a reader sees on the page: its words, its address, and the title the
    page's head gives that address."""
    visible = soup.main.select_one(".feed-link a")
    return visible.get_text(), visible["href"], feeds_offered(soup)[visible["href"]]


@pytest.mark.parametrize(
    ("page", "feed", "whose", "statements_by", "count"),
    [
        pytest.param(
            "/politicians/ava-north/",
            "/feeds/politicians/ava-north/",
            "Ava North",
            {"politician__slug": "ava-north"},
            2,
            id="politician",
        ),
        # Everyone in the party: Ava's two statements and Bo's three.
        pytest.param(
            "/parties/labour/",
            "/feeds/parties/labour/",
            "Labour politicians",
            {"politician__party__slug": "labour"},
            5,
            id="party",
        ),
    ],
)
def test_a_page_links_its_feed(client, ava, page, feed, whose, statements_by, count):
    soup = BeautifulSoup(client.get(page).content, "lxml")

    assert followed_feed(soup) == (
        f"Follow new statements by {whose}",
        feed,
        f"New statements by {whose}",
    )
    entries = entry_links(client, feed)
    assert (len(entries), entries) == (
        count,
        {
            f"http://testserver{s.get_absolute_url()}"
            for s in Statement.objects.filter(**statements_by)
        },
    )
