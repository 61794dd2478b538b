import pytest
from bs4 import BeautifulSoup

from statements.models import Position
from tests.factories import PoliticianFactory, StanceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def tally_rows(response):
    soup = BeautifulSoup(response.content, "lxml")
    rows = {}
    for row in soup.select(".tally-row"):
        label = row.select_one(".tally-label").get_text(" ", strip=True)
        rows[label] = row.select_one(".tally-number strong").get_text(strip=True)
    return rows


def test_home_counts_positions_over_every_sitting_member(client, topic):
    members = PoliticianFactory.create_batch(10)
    PoliticianFactory(is_sitting=False)  # a former member is not in the denominator
    StanceFactory(politician=members[0], position=Position.WANTS_EXTENDED)
    StanceFactory(politician=members[1], position=Position.OPPOSES)
    StanceFactory(politician=members[2], position=Position.OPPOSES)

    response = client.get("/")

    assert response.status_code == 200
    assert tally_rows(response) == {
        "Wants the ban extended": "1",
        "Supports the ban on government devices": "0",
        "Mixed or undecided": "0",
        "Opposes the ban": "2",
        "No known position": "7",
    }
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text(strip=True) == "TikTok ban on government devices"
    assert "10 sitting members" in soup.select_one("#tally-heading").get_text()


def test_home_lists_only_published_statements_with_sources(client, topic):
    published = StatementFactory(published=True, words="Published words.", outlet="PoliticsHome")
    StatementFactory(words="Draft words.")
    StatementFactory(
        words="Retracted words.", status="retracted", retraction_reason="Wrong person."
    )

    soup = BeautifulSoup(client.get("/").content, "lxml")

    quotes = [q.get_text(strip=True) for q in soup.select(".statement blockquote")]
    assert quotes == ["“Published words.”"]
    source = soup.select_one(".statement-source a")
    assert (source.get_text(), source["href"]) == ("PoliticsHome", published.source_url)


def test_editor_text_is_escaped(client, topic):
    StatementFactory(published=True, words="<script>alert('x')</script>")

    html = client.get("/").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_unknown_topic_is_404(client, topic):
    assert client.get("/topics/no-such-ban/").status_code == 404
