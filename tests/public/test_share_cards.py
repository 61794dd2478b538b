"""Share cards: a 1200×630 PNG for every dashboard, politician and statement page, drawn from the
data the page shows, and drawn again when that data changes, never before."""

import datetime
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from core import cards
from outreach.models import Outcome
from statements.models import Position
from statements.services import statement_publish, statement_save_draft
from tests.factories import (
    OutreachFactory,
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    politician_with_statements,
)

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "share-cards"


@pytest.fixture
def draws(monkeypatch):
    """How many times a card was drawn (rather than served from the cache)."""
    count = {"n": 0}
    draw = cards.draw_png

    def counting(card):
        count["n"] += 1
        return draw(card)

    monkeypatch.setattr(cards, "draw_png", counting)
    return count


def head(client, url):
    soup = BeautifulSoup(client.get(url).content, "lxml")

    def meta(attribute, value):
        tag = soup.find("meta", attrs={attribute: value})
        return tag["content"] if tag else None

    return soup, {
        "image": meta("property", "og:image"),
        "alt": meta("property", "og:image:alt"),
        "twitter": meta("name", "twitter:card"),
        "twitter_alt": meta("name", "twitter:image:alt"),
    }


def fetch_png(client, url):
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}")
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    return Image.open(io.BytesIO(response.content))


@pytest.fixture
def kearns(topic):
    politician = politician_with_statements(
        Position.WANTS_EXTENDED,
        name="Alicia Kearns",
        slug="alicia-kearns",
        constituency="Rutland and Melton",
        party=PartyFactory(name="Conservative", slug="conservative"),
    )
    return politician


def test_a_politician_card_is_a_large_png_saying_what_the_page_says(client, kearns, draws):
    soup, meta = head(client, "/politicians/alicia-kearns/")

    card = fetch_png(client, meta["image"])

    assert (card.format, card.size) == ("PNG", (1200, 630))
    assert meta["twitter"] == "summary_large_image"
    assert meta["alt"] == meta["twitter_alt"]
    # The card's data, as its alt text gives it, against what the page shows.
    name = soup.h1.get_text(strip=True)
    stance = soup.select_one(".stance")
    shown_position = stance.select_one(".badge").get_text(" ", strip=True)
    as_of = stance.find("time").get_text(strip=True)
    newest_words = soup.select_one(".statement blockquote").get_text(strip=True)
    assert meta["alt"] == (
        f"{name}. Conservative · Rutland and Melton, House of Commons. "
        f"TikTok ban on government devices: {shown_position}. {newest_words}."
    )
    assert shown_position == "Wants the ban extended"
    assert as_of in BeautifulSoup(client.get("/politicians/alicia-kearns/").content, "lxml").text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    card.save(ARTIFACTS / "politician.png")


def test_a_card_is_drawn_again_after_the_position_changes_and_not_before(
    client, kearns, topic, editor, reviewer, draws
):
    _, before = head(client, "/politicians/alicia-kearns/")
    fetch_png(client, before["image"])
    fetch_png(client, before["image"])
    assert draws["n"] == 1

    # Someone else's new position changes nothing on her card.
    other = politician_with_statements(Position.OPPOSES)
    statement_publish(
        statement=statement_save_draft(
            statement=StatementFactory.build(politician=other, position=Position.SUPPORTS),
            actor=editor,
        ),
        reviewer=reviewer,
    )
    _, unchanged = head(client, "/politicians/alicia-kearns/")
    fetch_png(client, unchanged["image"])
    assert (unchanged["image"], draws["n"]) == (before["image"], 1)

    # Her own new statement moves her position: a new card, at a new address.
    statement_publish(
        statement=statement_save_draft(
            statement=StatementFactory.build(
                politician=kearns,
                position=Position.OPPOSES,
                words="I have changed my mind: leave the app alone.",
                said_on=datetime.date(2023, 3, 20),
            ),
            actor=editor,
        ),
        reviewer=reviewer,
    )
    _, after = head(client, "/politicians/alicia-kearns/")
    fetch_png(client, after["image"])

    assert after["image"] != before["image"]
    assert draws["n"] == 2
    assert "Opposes the ban" in after["alt"]
    assert "leave the app alone" in after["alt"]


def test_a_card_without_a_position_says_whether_we_asked(client, topic):
    quiet = PoliticianFactory(name="Quiet Member", slug="quiet-member")
    OutreachFactory(
        politician=quiet, outcome=Outcome.DECLINED, outcome_on=datetime.date(2023, 3, 15)
    )

    soup, meta = head(client, "/politicians/quiet-member/")

    said = soup.select_one("#coverage-tiktok-ban .coverage-state").get_text(strip=True)
    assert said == "Declined to say on 15 March 2023."
    assert meta["alt"].endswith(f"No known position. {said}")
    assert fetch_png(client, meta["image"]).size == (1200, 630)


def test_dashboard_and_statement_pages_have_large_cards_with_alt_text(client, kearns):
    statement = kearns.statements.first()
    for url in ["/", "/topics/tiktok-ban/", statement.get_absolute_url()]:
        soup, meta = head(client, url)

        assert meta["twitter"] == "summary_large_image", url
        assert meta["alt"], url
        card = fetch_png(client, meta["image"])
        assert card.size == (1200, 630), url
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        card.save(ARTIFACTS / ("statement.png" if "statements" in url else "dashboard.png"))
    _, dashboard = head(client, "/")
    assert dashboard["alt"].startswith("TikTok ban on government devices. The one MP wants")
    _, quote = head(client, statement.get_absolute_url())
    assert quote["alt"].startswith("Alicia Kearns (Conservative). “Statement number")
