"""A statement's permalink, the methodology page and the embeddable chart."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from politicians.models import House
from statements.models import POSITION_DESCRIPTIONS, Position, StatementStatus
from statements.services import statement_publish, statement_retract, statement_save_draft
from tests.factories import (
    CorrectionFactory,
    PartyFactory,
    PoliticianFactory,
    StanceFactory,
    StatementFactory,
    TopicFactory,
    published_statement,
)
from tests.reading import M, O, S, W, soup_of, text_of

pytestmark = pytest.mark.django_db


# The permalink


@pytest.fixture
def kearns(topic):
    return PoliticianFactory(
        name="Alicia Kearns",
        party=PartyFactory(name="Conservative", slug="conservative"),
        role="Chair of the Foreign Affairs Committee",
    )


def test_permalink_has_a_citation_ready_to_paste(client, kearns):
    statement = StatementFactory(
        published=True,
        politician=kearns,
        words="It should be banned on every work phone.",
        outlet="BBC Radio 4",
        said_on=datetime.date(2023, 3, 13),
        source_url="https://bbc.example/today/2023-03-13",
    )
    url = f"/statements/{statement.pk}/"

    soup = soup_of(client.get(url))

    assert soup.h1.get_text(strip=True) == "Alicia Kearns on TikTok ban on government devices"
    assert soup.select_one("#citation").get_text() == (
        "Alicia Kearns, “It should be banned on every work phone.”, BBC Radio 4, 13 March 2023. "
        f"https://bbc.example/today/2023-03-13 — via Where They Stand, http://testserver{url}"
    )
    source = soup.select_one(".facts a[href^='https://bbc']")
    assert (source.get_text(), source["href"]) == (
        "BBC Radio 4",
        "https://bbc.example/today/2023-03-13",
    )
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver{url}"
    assert soup.select_one(".notice-retracted") is None


def test_citation_cites_the_permalink_not_the_address_it_was_reached_by(client, kearns):
    statement = StatementFactory(published=True, politician=kearns)
    url = f"/statements/{statement.pk}/"

    citation = soup_of(client.get(f"{url}?utm_source=newsletter")).select_one("#citation")

    assert citation.get_text().endswith(f"via Where They Stand, http://testserver{url}")


def test_paraphrase_is_cited_as_one(client, kearns):
    statement = StatementFactory(
        published=True,
        politician=kearns,
        words="She wants it gone.",
        is_paraphrase=True,
        outlet="ITV News",
        said_on=datetime.date(2023, 3, 13),
    )

    soup = soup_of(client.get(f"/statements/{statement.pk}/"))

    citation = soup.select_one("#citation").get_text()
    assert citation.startswith(
        "Alicia Kearns, paraphrased: She wants it gone., ITV News, 13 March 2023. "
    )
    # Wherever the words leave the page, a paraphrase is never in quotation marks.
    description = soup.find("meta", attrs={"name": "description"})["content"]
    preview = soup.find("meta", property="og:description")["content"]
    for text in (citation, description, preview):
        assert "paraphrased" in text
        assert "“" not in text and "”" not in text
    assert (
        description == "Alicia Kearns, paraphrased: She wants it gone. — ITV News, 13 March 2023."
    )
    assert text_of(soup.select_one(".statement-full blockquote")) == "Paraphrase She wants it gone."
    assert "without quotation marks" in soup.select_one(".cite-paraphrase").get_text()


def test_retracted_statement_says_it_was_retracted_when_and_why(client, kearns, editor, reviewer):
    draft = statement_save_draft(
        statement=StatementFactory.build(
            politician=kearns, words="Ban it.", outlet="BBC", said_on=datetime.date(2023, 3, 13)
        ),
        actor=editor,
    )
    statement = statement_publish(statement=draft, reviewer=reviewer)
    url = statement.get_absolute_url()
    before = soup_of(client.get(url))

    statement = statement_retract(
        statement=statement, actor=reviewer, reason="The interview was with someone else."
    )
    after = soup_of(client.get(url))

    assert before.select_one(".notice-retracted") is None
    assert before.select_one("#citation").get_text().startswith("Alicia Kearns, “Ban it.”")
    notice = after.select_one(".notice-retracted")
    retracted_at = timezone.localtime(statement.retracted_at)
    on = f"{retracted_at:%-d %B %Y}"
    assert notice.h2.get_text() == "This statement was retracted"
    assert notice.time["datetime"] == retracted_at.isoformat(timespec="seconds")
    assert " ".join(notice.p.get_text().split()) == (
        f"Retracted on {on}: The interview was with someone else."
    )
    retracted_notice = f"Retracted on {on}: The interview was with someone else."
    assert after.find("meta", attrs={"name": "description"})["content"] == (
        f"{retracted_notice} Alicia Kearns, “Ban it.” — BBC, 13 March 2023."
    )
    assert after.find("meta", property="og:description")["content"].startswith(retracted_notice)
    # The citation (and so the copy button, which copies it) says it was retracted, when, why.
    assert after.select_one("#cite-heading").get_text() == "Cite this retracted statement"
    assert after.select_one("#citation").get_text() == (
        f"{retracted_notice} As published before its retraction by Where They Stand: "
        f"Alicia Kearns, “Ban it.”, BBC, 13 March 2023. {statement.source_url} — via Where "
        f"They Stand, http://testserver{url}"
    )
    copy = after.select_one("button[data-copy-target]")
    assert copy["data-copy-target"] == "citation"
    retraction = after.select_one(".correction-retraction")
    assert "The interview was with someone else." in text_of(retraction)


def test_correction_is_shown_on_the_permalink(client, kearns):
    correction = CorrectionFactory(
        statement__politician=kearns, note="We had the date wrong: it was the 14th."
    )

    soup = soup_of(client.get(correction.statement.get_absolute_url()))

    (item,) = soup.select(".corrections .correction")
    assert text_of(item).endswith("We had the date wrong: it was the 14th.")
    assert item.select_one(".tag").get_text() == "Correction"


def test_draft_and_never_published_retraction_are_404(client, kearns, editor, reviewer):
    draft = StatementFactory(politician=kearns)
    never_public = statement_save_draft(
        statement=StatementFactory.build(politician=kearns), actor=editor
    )
    statement_retract(statement=never_public, actor=reviewer, reason="Entered by mistake.")
    # Published, then corrected: the correction waits, the published words stay live.
    being_corrected = statement_publish(
        statement=statement_save_draft(
            statement=StatementFactory.build(politician=kearns), actor=editor
        ),
        reviewer=reviewer,
    )
    being_corrected.words = "Changed words."
    statement_save_draft(statement=being_corrected, actor=editor, correction_note="Misquoted.")

    assert client.get(f"/statements/{draft.pk}/").status_code == 404
    assert client.get(f"/statements/{never_public.pk}/").status_code == 404
    live = client.get(f"/statements/{being_corrected.pk}/")
    assert live.status_code == 200
    assert "Changed words." not in live.content.decode()
    assert client.get("/statements/999999/").status_code == 404


def test_permalink_escapes_editor_text(client, kearns):
    statement = StatementFactory(
        published=True, politician=kearns, words="<script>alert(1)</script>", context="<b>x</b>"
    )

    html = client.get(f"/statements/{statement.pk}/").content.decode()

    assert "<script>alert(1)" not in html
    assert "<b>x</b>" not in html
    soup = BeautifulSoup(html, "lxml")
    assert "<script>alert(1)</script>" in soup.select_one("#citation").get_text()


def test_permalink_query_count_does_not_grow_with_corrections(
    client, kearns, django_assert_num_queries
):
    statement = StatementFactory(published=True, politician=kearns)
    StatementFactory.create_batch(10, published=True, politician=kearns)
    CorrectionFactory(statement=statement)
    # the statement with speaker, party and topic; its corrections
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    with django_assert_num_queries(4):
        client.get(statement.get_absolute_url())
    CorrectionFactory.create_batch(5, statement=statement)
    with django_assert_num_queries(4):
        response = client.get(statement.get_absolute_url())
    assert len(soup_of(response).select(".corrections .correction")) == 6


# The methodology page


def methodology_entries(response):
    """Each position's label, its meaning, and its example quote and speaker, if any."""
    entries = {}
    for entry in soup_of(response).select(".position-entry"):
        quote = entry.select_one(".example blockquote")
        caption = entry.select_one(".example figcaption")
        entries[entry["id"].removeprefix("position-")] = {
            "label": entry.select_one("dt .badge").get_text(strip=True),
            "meaning": entry.select_one("dd > p").get_text(strip=True),
            "quote": text_of(quote) if quote else None,
            "speaker": caption.find("a").get_text() if caption else None,
            "link": caption.find_all("a")[-1]["href"] if caption else None,
        }
    return entries


def test_methodology_gives_each_position_its_meaning_and_a_published_example(client, topic):
    kearns = PoliticianFactory(name="Alicia Kearns")
    davis = PoliticianFactory(name="David Davis")
    direct = published_statement(
        kearns, S, "Right call on government phones.", datetime.date(2023, 3, 1)
    )
    # A newer paraphrase loses to an older direct quote: an example should be the words said.
    published_statement(
        davis, S, "He said it was sensible.", datetime.date(2023, 3, 20), is_paraphrase=True
    )
    opposes = published_statement(davis, O, "It is a personal choice.", datetime.date(2023, 3, 2))
    # A newer quote from a company spokesperson loses to a member's: the page is about members.
    spokesperson = PoliticianFactory(name="TikTok spokesperson", house=House.OTHER, party=None)
    published_statement(
        spokesperson, O, "This is categorically untrue.", datetime.date(2023, 3, 25)
    )
    StatementFactory(position=O, words="Draft words.", said_on=datetime.date(2023, 3, 30))
    StatementFactory(
        position=W,
        words="Retracted words.",
        status=StatementStatus.RETRACTED,
        retraction_reason="Misattributed.",
    )
    StatementFactory(published=True, position=M, topic=TopicFactory(), words="Another topic.")

    response = client.get("/methodology/")

    assert response.status_code == 200
    entries = methodology_entries(response)
    assert list(entries) == ["wants_extended", "supports", "mixed", "opposes", "none"]
    assert {value: entry["meaning"] for value, entry in entries.items()} == {
        str(value): description for value, description in POSITION_DESCRIPTIONS.items()
    }
    assert entries["supports"]["label"] == "Supports the ban on government devices"
    assert entries["supports"]["quote"] == "“Right call on government phones.”"
    assert entries["supports"]["speaker"] == "Alicia Kearns"
    assert entries["supports"]["link"] == direct.get_absolute_url()
    assert entries["opposes"]["quote"] == "“It is a personal choice.”"
    assert entries["opposes"]["link"] == opposes.get_absolute_url()
    # Neither a retraction nor another topic's quote stands in for a missing example.
    assert entries["wants_extended"]["quote"] is None
    assert entries["mixed"]["quote"] is None
    soup = soup_of(response)
    assert "No published statement holds this position yet." in text_of(
        soup.select_one("#position-mixed")
    )
    assert entries["none"]["label"] == "No known position"
    assert "absence of evidence" in text_of(soup.select_one("#position-none"))


def test_methodology_follows_the_topic_parameter(client, topic):
    deepseek = TopicFactory(slug="deepseek-ban", title="DeepSeek ban")
    StatementFactory(published=True, position=O, words="About TikTok.")
    StatementFactory(published=True, position=O, topic=deepseek, words="About DeepSeek.")

    entries = methodology_entries(client.get("/methodology/?topic=deepseek-ban"))

    assert entries["opposes"]["quote"] == "“About DeepSeek.”"
    holders = soup_of(client.get("/methodology/?topic=deepseek-ban")).select_one(
        "#position-opposes a[href^='/politicians/?']"
    )
    assert holders["href"] == "/politicians/?topic=deepseek-ban&position=opposes"


def test_methodology_query_count_does_not_grow_with_statements(
    client, topic, django_assert_num_queries
):
    for position in Position.values:
        StatementFactory.create_batch(
            3, published=True, position=position, politician=PoliticianFactory()
        )
    # the topic; one ranked query for every position's example
    with django_assert_num_queries(4):
        client.get("/methodology/")
    for position in Position.values:
        StatementFactory.create_batch(10, published=True, position=position)
    with django_assert_num_queries(4):
        response = client.get("/methodology/")
    assert all(entry["quote"] for entry in list(methodology_entries(response).values())[:4])


# The embeddable chart


def frame_ancestors(response):
    directives = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    return directives["frame-ancestors"]


def test_embed_may_be_framed_by_other_sites_while_the_rest_of_the_site_may_not(client, topic):
    embed = client.get("/embed/tiktok-ban/")
    home = client.get("/")

    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed.headers
    assert frame_ancestors(embed) == "*"
    assert home["X-Frame-Options"] == "DENY"
    assert frame_ancestors(home) == "'none'"
    for url in ("/statements/", "/methodology/", "/politicians/"):
        assert client.get(url)["X-Frame-Options"] == "DENY"


def test_embed_shows_the_topics_tally_and_links_back(client, topic):
    deepseek = TopicFactory(slug="deepseek-ban", title="DeepSeek ban")
    members = PoliticianFactory.create_batch(5)
    StanceFactory(politician=members[0], position=O)
    StanceFactory(politician=members[1], position=O, topic=deepseek)
    StanceFactory(politician=members[2], position=W, topic=deepseek)

    soup = soup_of(client.get("/embed/deepseek-ban/"))

    assert soup.h1.get_text(" ", strip=True) == "DeepSeek ban: where the 5 MPs stand"
    rows = {
        row.select_one(".tally-label").get_text(strip=True): row.find("strong").get_text()
        for row in soup.select(".tally-row")
    }
    assert rows == {
        "Wants the ban extended": "1",
        "Supports the ban on government devices": "0",
        "Mixed or undecided": "0",
        "Opposes the ban": "1",
        "No known position": "3",
    }
    back = soup.select_one(".embed-source a")
    assert back["href"] == "http://testserver/topics/deepseek-ban/"
    # A chart inside someone else's article has no site navigation.
    assert soup.select("nav") == []
