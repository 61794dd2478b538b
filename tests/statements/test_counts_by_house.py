"""Honest counts: each House on its own, other voices never counted, and only public people.

What a journalist prints from a page must be true: “650 MPs” must not become 651 because a peer
was imported, a company's spokesperson is not a politician, and a name an editor typed is not on
the public record until a reviewer publishes something they said.
"""

import csv
import io
import json

import pytest
from django.core.management import call_command
from lxml import etree

from politicians.models import House, Politician
from statements.models import POSITION_LABELS
from statements.services import statement_publish, statement_save_draft
from tests.factories import (
    OTHER_VOICE,
    SHIPPED_MEMBERS_CSV,
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    politician_with_statements,
)
from tests.reading import O, S, W, page_of

pytestmark = pytest.mark.django_db


def tally_in(section):
    """{label: count} of the tally rows inside a section of a page."""
    return {
        row.select_one(".tally-label").get_text(strip=True): int(
            row.select_one(".tally-number strong").get_text(strip=True).replace(",", "")
        )
        for row in section.select(".tally-row")
    }


def house_section(soup, house):
    heading = soup.find(id=f"house-{house}-heading")
    return heading.find_parent("section") if heading else None


def description(soup):
    return soup.find("meta", attrs={"name": "description"})["content"]


def listed_names(response):
    return [a.get_text(strip=True) for a in page_of(response).select("#results tbody th a")]


def read_csv_names(response):
    text = response.getvalue().decode("utf-8").removeprefix("\ufeff")
    return [row["name"] for row in csv.DictReader(io.StringIO(text))]


# The example: after one peer and one MSP are imported, the MPs are still 650.


def headline(soup):
    """The dashboard's headline and how many people its tally counts."""
    tally = tally_in(soup.select_one("[aria-labelledby=tally-heading]"))
    return soup.select_one("#tally-heading").get_text(strip=True), sum(tally.values())


def import_a_peer_and_an_msp(folder):
    frontbench = folder / "frontbench-2023-03-16.csv"
    frontbench.write_text(
        "name,mnis_id,house,party,role,side,source\n"
        "Baroness Smith of Basildon,4170,Lords,Labour,Shadow Leader of the House of Lords,"
        "opposition,https://www.wikimili.com/en/Shadow_Leader_of_the_House_of_Lords\n"
    )
    call_command("import_frontbench", str(frontbench))
    devolved = folder / "devolved.csv"
    devolved.write_text(
        "name,legislature,party,constituency_or_region,source\n"
        "Anas Sarwar,scottish-parliament,Labour,Glasgow,github:gordonmaloney/msp-ceasefire\n"
    )
    call_command("import_devolved", str(devolved))


def party_row_count(soup, party):
    """What the dashboard's row for a party says it counts ("197 MPs")."""
    (row,) = [row for row in soup.select(".party-row") if row.h3.a and row.h3.a.text == party]
    return row.h3.select_one(".muted").get_text(strip=True)


def test_headline_counts_the_650_mps_and_stays_650_when_a_peer_and_an_msp_are_imported(
    client, topic, tmp_path
):
    call_command("import_members", str(SHIPPED_MEMBERS_CSV))
    assert headline(page_of(client.get("/"))) == ("Where the 650 MPs stand", 650)

    import_a_peer_and_an_msp(tmp_path)

    after = page_of(client.get("/"))
    lords = house_section(after, "lords")
    scotland = house_section(after, "scottish-parliament")
    # The peer and the MSP are counted in their own House, each with a note of what we hold.
    assert {
        "headline": headline(after),
        "description": description(after),
        "labour": party_row_count(after, "Labour"),
        "lords": lords.h2.get_text(" ", strip=True),
        "peers with no position": tally_in(lords)[POSITION_LABELS["none"]],
        "MSPs with no position": tally_in(scotland)[POSITION_LABELS["none"]],
        "senedd": house_section(after, "senedd"),
    } == {
        "headline": ("Where the 650 MPs stand", 650),
        "description": "All 650 MPs have no known position.",
        "labour": "197 MPs",
        "lords": "House of Lords: where the one peer we hold stands",
        "peers with no position": 1,
        "MSPs with no position": 1,
        "senedd": None,
    }
    assert "No complete list of the House of Lords" in lords.select_one(".house-coverage").text
    assert "We hold 1 member for its 129 seats" in scotland.select_one(".house-coverage").text
    not_held = after.select_one(".houses-not-held").get_text(" ", strip=True)
    assert "Northern Ireland Assembly : no list of its 90 members" in not_held
    assert "Senedd : we hold none of its members yet" in not_held

    embed = page_of(client.get("/embed/tiktok-ban/"))
    assert embed.h1.get_text(strip=True).endswith("where the 650 MPs stand")
    assert sum(tally_in(embed).values()) == 650

    party = page_of(client.get("/parties/labour/"))
    assert [h2.get_text(" ", strip=True) for h2 in party.select("main section > h2")] == [
        "House of Commons: 197 Labour MPs",
        "House of Lords: 1 Labour peer",
        "Scottish Parliament: 1 Labour MSP",
    ]
    assert "197 MPs, 1 peer and 1 MSP" in party.select_one(".lede").get_text()
    parties = page_of(client.get("/parties/"))
    assert parties.select_one("#party-labour .muted").get_text(strip=True) == (
        "197 MPs, 1 peer, 1 MSP"
    )
    # No count anywhere adds the peer or the MSP to the 197 MPs.
    assert "198" not in " ".join(parties.stripped_strings)


def test_each_house_has_its_own_tally_from_one_query(client, topic, django_assert_num_queries):
    labour = PartyFactory(name="Labour", slug="labour")
    for position in (W, S, O, None):
        politician_with_statements(position, party=labour)
    for position in (O, None, None):
        politician_with_statements(position, party=labour, house=House.LORDS, constituency="")
    for _ in range(12):
        politician_with_statements(None, party=labour, house=House.SENEDD)

    # topic, every House's tally (one grouped query), the MPs' survey, MPs by party, newest
    # statements, latest changes, other topics
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    with django_assert_num_queries(9):
        soup = page_of(client.get("/"))

    assert tally_in(soup.select_one("[aria-labelledby=tally-heading]")) == {
        POSITION_LABELS[W]: 1,
        POSITION_LABELS[S]: 1,
        POSITION_LABELS["mixed"]: 0,
        POSITION_LABELS[O]: 1,
        POSITION_LABELS["none"]: 1,
    }
    assert tally_in(house_section(soup, "lords"))[POSITION_LABELS[O]] == 1
    assert sum(tally_in(house_section(soup, "lords")).values()) == 3
    assert sum(tally_in(house_section(soup, "senedd")).values()) == 12
    # The Lords tally's position links list that House's peers, not every politician.
    link = house_section(soup, "lords").select_one(".tally-link")["href"]
    assert link == "/politicians/?position=wants_extended&house=lords"
    assert listed_names(client.get(link)) == []
    opposes = house_section(soup, "lords").select(".tally-link")[3]["href"]
    assert len(listed_names(client.get(opposes))) == 1


# Other voices


@pytest.fixture
def other_voice(topic):
    """A company's spokesperson with a published statement, as the demo data has."""
    return politician_with_statements(
        O,
        statements=1,
        name="TikTok spokesperson",
        sort_name="TikTok spokesperson",
        slug="tiktok-spokesperson",
        **OTHER_VOICE,
    )


def test_other_voices_are_never_listed_or_counted_anywhere(client, topic, other_voice):
    labour = PartyFactory(name="Labour", slug="labour")
    members = sorted(politician_with_statements(p, party=labour).name for p in (W, None))
    # Even an other voice with a party (a party's press office) is not one of its members.
    party_voice = politician_with_statements(
        S, name="Labour press office", **(OTHER_VOICE | {"party": labour})
    )

    dashboard = page_of(client.get("/"))
    assert {
        "counted": headline(dashboard)[1],
        "opposing": tally_in(dashboard.select_one("[aria-labelledby=tally-heading]"))[
            POSITION_LABELS[O]
        ],
        "other voices' House": dashboard.find(id="house-other-heading"),
        "parties": [row.h3.a.text for row in dashboard.select(".party-row")],
    } == {"counted": 2, "opposing": 0, "other voices' House": None, "parties": ["Labour"]}

    party = page_of(client.get("/parties/labour/"))
    assert (
        sorted(a.text for a in party.select(".member-list a")),
        sum(tally_in(party).values()),
        "press office" in party.get_text(),
    ) == (members, 2, False)

    names = listed_names(client.get("/politicians/"))
    assert sorted(names) == members
    assert {party_voice.name, other_voice.name}.isdisjoint(names)
    facets = page_of(client.get("/politicians/"))
    assert [box["value"] for box in facets.select("#facet-house input") if box["value"]] == [
        "commons",
        "lords",
        "scottish-parliament",
        "senedd",
        "ni-assembly",
    ]
    assert (
        facets.select_one("#count-house-any").get_text(strip=True),
        facets.select_one("#count-position-opposes").get_text(strip=True),
    ) == ("2", "0")
    assert client.get("/politicians/?house=other").status_code == 400
    assert read_csv_names(client.get("/politicians.csv")) == names
    payload = json.loads(client.get("/politicians.json").getvalue())
    assert [row["name"] for row in payload["politicians"]] == names


def test_other_voices_statements_stay_public_and_their_page_says_what_they_are(
    client, topic, other_voice
):
    words = other_voice.statements.get().words

    statements = page_of(client.get("/statements/"))
    assert [q.get_text(strip=True) for q in statements.select("#results blockquote")] == [
        f"“{words}”"
    ]
    assert page_of(client.get("/statements/?house=other")).select("#results blockquote")
    statement_rows = client.get("/statements.csv").getvalue().decode()
    assert words in statement_rows and "TikTok spokesperson" in statement_rows

    profile = page_of(client.get("/politicians/tiktok-spokesperson/"))
    lede = profile.select_one(".lede").get_text(" ", strip=True)
    assert lede.startswith("Other voice, not a politician")
    assert "Bench" not in lede
    assert "(other voice, not a politician)" in description(profile)


# Who is public


def test_a_person_added_by_hand_is_public_only_once_a_statement_is_published(
    client, topic, editor, reviewer
):
    labour = PartyFactory(name="Labour", slug="labour")
    PoliticianFactory(party=labour, name="Sitting Member")
    peer = PoliticianFactory(
        name="Lord Newcomer",
        slug="lord-newcomer",
        house=House.LORDS,
        party=labour,
        constituency="",
        on_roll=False,
    )
    draft = statement_save_draft(
        statement=StatementFactory.build(politician=peer, position=W), actor=editor
    )

    def everywhere():
        sitemap = etree.fromstring(client.get("/sitemap.xml").content)
        return {
            "profile": client.get("/politicians/lord-newcomer/").status_code,
            "feed": client.get("/feeds/politicians/lord-newcomer/").status_code,
            "list": "Lord Newcomer" in listed_names(client.get("/politicians/")),
            "csv": "Lord Newcomer" in read_csv_names(client.get("/politicians.csv")),
            "lords tally": house_section(page_of(client.get("/")), "lords") is not None,
            "party page": "Lord Newcomer" in page_of(client.get("/parties/labour/")).get_text(),
            "sitemap": any("lord-newcomer" in (loc.text or "") for loc in sitemap.iter()),
        }

    assert everywhere() == {
        "profile": 404,
        "feed": 404,
        "list": False,
        "csv": False,
        "lords tally": False,
        "party page": False,
        "sitemap": False,
    }
    assert not Politician.objects.public().filter(pk=peer.pk).exists()

    statement_publish(statement=draft, reviewer=reviewer)

    assert everywhere() == {
        "profile": 200,
        "feed": 200,
        "list": True,
        "csv": True,
        "lords tally": True,
        "party page": True,
        "sitemap": True,
    }
    lords = house_section(page_of(client.get("/")), "lords")
    assert tally_in(lords)[POSITION_LABELS[W]] == 1


def test_public_is_the_roll_or_a_published_statement():
    on_roll = PoliticianFactory()
    published = PoliticianFactory(on_roll=False)
    StatementFactory(politician=published, published=True)
    draft_only = PoliticianFactory(on_roll=False)
    StatementFactory(politician=draft_only)
    PoliticianFactory(on_roll=False)

    assert set(Politician.objects.public()) == {on_roll, published}


# Page descriptions


def test_dashboard_embed_and_party_pages_describe_the_tally_in_a_sentence(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    for position in (W, W, S, O, O, O):
        politician_with_statements(position, party=conservative)
    for _ in range(4):
        PoliticianFactory(party=labour)
    politician_with_statements(S, party=labour, house=House.LORDS, constituency="")

    sentence = (
        "Of the 10 MPs, 2 want the ban extended, 1 supports the ban on government devices, "
        "3 oppose the ban and 4 have no known position."
    )
    dashboard = page_of(client.get("/"))
    assert description(dashboard) == sentence
    assert dashboard.find("meta", property="og:description")["content"] == sentence
    assert dashboard.select_one(".tally-sentence").get_text() == sentence
    embed = page_of(client.get("/embed/tiktok-ban/"))
    assert description(embed) == f"{sentence} A chart to embed in articles."
    assert embed.find("meta", property="og:description")["content"] == sentence
    assert description(page_of(client.get("/parties/labour/"))) == (
        "All 4 Labour MPs have no known position. "
        "The one Labour peer we hold supports the ban on government devices."
    )
    assert description(page_of(client.get("/parties/conservative/"))) == (
        "Of the 6 Conservative MPs, 2 want the ban extended, 1 supports the ban on government "
        "devices and 3 oppose the ban."
    )
    assert description(page_of(client.get("/parties/"))).endswith(
        "Of the 6 Conservative MPs, 2 want the ban extended, 1 supports the ban on government "
        "devices and 3 oppose the ban. All 4 Labour MPs have no known position."
    )


def test_party_pages_count_each_house_in_the_same_queries(client, topic, django_assert_num_queries):
    labour = PartyFactory(name="Labour", slug="labour")
    for n in range(12):
        house = [House.COMMONS, House.LORDS, House.SCOTTISH_PARLIAMENT][n % 3]
        politician_with_statements([W, S, O, None][n % 4], party=labour, house=house)

    # The topic, then one query grouped by party, House and position.
    with django_assert_num_queries(4):
        parties = page_of(client.get("/parties/"))
    # The party, the topic, its members with their position, their stances.
    with django_assert_num_queries(6):
        party = page_of(client.get("/parties/labour/"))

    assert parties.select_one("#party-labour .muted").get_text(strip=True) == (
        "4 MPs, 4 peers, 4 MSPs"
    )
    assert [h2.get_text(" ", strip=True) for h2 in party.select("main section > h2")] == [
        "House of Commons: 4 Labour MPs",
        "House of Lords: 4 Labour peers",
        "Scottish Parliament: 4 Labour MSPs",
    ]
    assert len(party.select(".member-list li")) == 12
