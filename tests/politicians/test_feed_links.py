"""A person's and a party's pages offer their Atom feed: to feed readers in the head, and to the
journalist as a link on the page."""

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from statements.models import Position
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


def test_a_politicians_page_links_their_feed(client, ava):
    soup = BeautifulSoup(client.get("/politicians/ava-north/").content, "lxml")

    assert feeds_offered(soup)["/feeds/politicians/ava-north/"] == "New statements by Ava North"
    visible = soup.main.select_one(".feed-link a")
    assert visible.get_text() == "Follow new statements by Ava North"
    assert visible["href"] == "/feeds/politicians/ava-north/"
    assert entry_links(client, visible["href"]) == {
        f"http://testserver{statement.get_absolute_url()}" for statement in ava.statements.all()
    }


def test_a_partys_page_links_its_feed(client, ava):
    soup = BeautifulSoup(client.get("/parties/labour/").content, "lxml")

    assert feeds_offered(soup)["/feeds/parties/labour/"] == "New statements by Labour politicians"
    visible = soup.main.select_one(".feed-link a")
    assert visible.get_text() == "Follow new statements by Labour politicians"
    assert visible["href"] == "/feeds/parties/labour/"
    # Everyone in the party: Ava's two statements and Bo's three.
    assert len(entry_links(client, visible["href"])) == 5
