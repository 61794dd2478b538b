import datetime
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from politicians.models import House, Politician
from statements.models import NO_POSITION, POSITION_LABELS, Position, Stance
from statements.services import statement_publish, statement_retract, statement_save_draft
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StanceFactory,
    StatementFactory,
    TopicFactory,
    politician_with_statements,
    position_change,
)
from tests.reading import M, O, S, W

pytestmark = pytest.mark.django_db


def tally_rows(response):
    soup = BeautifulSoup(response.content, "lxml")
    rows = {}
    for row in soup.select(".tally-row"):
        label = row.select_one(".tally-label").get_text(" ", strip=True)
        rows[label] = row.select_one(".tally-number strong").get_text(strip=True)
    return rows


def tally(**counts):
    """A tally's five rows as the page labels them, from counts by position: tally(opposes=2)."""
    return {label: str(counts.get(position, 0)) for position, label in POSITION_LABELS.items()}


def test_home_counts_positions_over_every_sitting_member(client, topic):
    members = PoliticianFactory.create_batch(10)
    PoliticianFactory(is_sitting=False)  # a former member is not in the denominator
    StanceFactory(politician=members[0], position=Position.WANTS_EXTENDED)
    StanceFactory(politician=members[1], position=Position.OPPOSES)
    StanceFactory(politician=members[2], position=Position.OPPOSES)

    response = client.get("/")

    assert response.status_code == 200
    assert tally_rows(response) == tally(wants_extended=1, opposes=2, none=7)
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text(strip=True) == "TikTok ban on government devices"
    assert soup.select_one("#tally-heading").get_text(strip=True) == "Where the 10 MPs stand"


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


# The party breakdown


def party_rows(response):
    """Each party row: its name, the member total it states, and the number beside each label."""
    soup = BeautifulSoup(response.content, "lxml")
    rows = []
    for row in soup.select(".party-row"):
        name_cell = row.select_one(".party-name")
        link = name_cell.find("a")
        total = name_cell.select_one(".muted").get_text(strip=True)
        split = {
            item.select_one(".badge").get_text(strip=True): item.find("strong").get_text(strip=True)
            for item in row.select(".party-split li")
        }
        rows.append(
            {
                "name": (link or name_cell).get_text(" ", strip=True).removesuffix(total).strip(),
                "href": link["href"] if link else None,
                "total": total,
                "split": split,
            }
        )
    return rows


def split_in_database(party, topic):
    """What the database says a party's sitting members hold: {label: count}, zeros left out."""
    members = Politician.objects.sitting().filter(party=party)
    counts = Counter(
        Stance.objects.filter(topic=topic, politician__in=members).values_list(
            "position", flat=True
        )
    )
    counts[NO_POSITION] = members.count() - sum(counts.values())
    return {POSITION_LABELS[position]: str(count) for position, count in counts.items() if count}


def test_party_breakdown_matches_the_database_with_the_party_less_row_last(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    reform = PartyFactory(name="Reform UK", slug="reform-uk")
    positions = [W, S, S, M, O, O, O, None]
    for n, position in enumerate(positions):
        politician_with_statements(position, statements=2, party=labour)
        if n % 2:
            politician_with_statements(position, statements=2, party=reform)
    politician_with_statements(O, statements=1, party=None, name="The Speaker")
    PoliticianFactory(party=None)
    politician_with_statements(W, party=labour, is_sitting=False)  # a former member: not counted

    rows = party_rows(client.get("/"))

    assert [row["name"] for row in rows] == ["Labour", "Reform UK", "No party"]
    assert [row["total"] for row in rows] == ["8 MPs", "4 MPs", "2 MPs"]
    assert rows[0]["split"] == split_in_database(labour, topic)
    assert rows[0]["split"] == tally(wants_extended=1, supports=2, mixed=1, opposes=3, none=1)
    assert rows[1]["split"] == split_in_database(reform, topic)
    assert rows[2]["split"] == {"Opposes the ban": "1", "No known position": "1"}
    # Party rows lead to the party's page; the party-less row is not a party and has no page.
    assert [row["href"] for row in rows] == ["/parties/labour/", "/parties/reform-uk/", None]


def test_party_less_row_stays_last_even_when_it_is_the_biggest(client, topic):
    small = PartyFactory(name="Alba", slug="alba")
    PoliticianFactory(party=small)
    PoliticianFactory.create_batch(3, party=None)

    rows = party_rows(client.get("/"))

    assert [(row["name"], row["total"]) for row in rows] == [
        ("Alba", "1 MP"),
        ("No party", "3 MPs"),
    ]


# Latest changes of position


def change_lines(response):
    soup = BeautifulSoup(response.content, "lxml")
    return [
        " ".join(item.get_text(" ", strip=True).split()) for item in soup.select(".changes-list li")
    ]


def test_latest_changes_say_who_moved_from_where_to_where_and_when(client, topic):
    party = PartyFactory(name="Conservative", short_name="Con", slug="conservative")
    kearns = PoliticianFactory(name="Alicia Kearns", party=party)
    davis = PoliticianFactory(name="David Davis", party=party)
    position_change(kearns, "", S, datetime.date(2023, 3, 1))
    position_change(kearns, S, W, datetime.date(2023, 3, 16))
    position_change(davis, O, "", datetime.date(2023, 4, 2), set_by_editors=True)
    position_change(davis, "", O, datetime.date(2023, 5, 1), topic=TopicFactory())

    response = client.get("/")

    assert change_lines(response) == [
        "David Davis (Con) moved from Opposes the ban to No known position on 2 April 2023 "
        "(set by our editors)",
        "Alicia Kearns (Con) moved from Supports the ban on government devices to "
        "Wants the ban extended on 16 March 2023",
        "Alicia Kearns (Con) moved from No known position to "
        "Supports the ban on government devices on 1 March 2023",
    ]
    soup = BeautifulSoup(response.content, "lxml")
    first = soup.select_one(".changes-list li")
    assert first.find("a")["href"] == davis.get_absolute_url()
    assert first.find("time")["datetime"] == "2023-04-02"


def test_change_resting_on_a_retracted_statement_is_not_shown(client, topic, editor, reviewer):
    politician = PoliticianFactory(name="Alicia Kearns", party=None)

    def publish(position, said_on):
        draft = statement_save_draft(
            statement=StatementFactory.build(
                politician=politician, position=position, said_on=said_on
            ),
            actor=editor,
        )
        return statement_publish(statement=draft, reviewer=reviewer)

    publish(S, datetime.date(2023, 3, 1))
    later = publish(O, datetime.date(2023, 4, 1))
    before = change_lines(client.get("/"))

    statement_retract(statement=later, actor=reviewer, reason="The quote was someone else's.")
    after = change_lines(client.get("/"))

    moved_to_opposes = (
        "Alicia Kearns moved from Supports the ban on government devices to Opposes the ban "
        "on 1 April 2023"
    )
    assert moved_to_opposes in before
    # Only the change that still rests on a published statement: the retraction is our
    # correction, not a move back to supports.
    assert after == [
        "Alicia Kearns moved from No known position to Supports the ban on government devices "
        "on 1 March 2023"
    ]


def test_other_voices_are_not_among_the_changes_of_position(client, topic):
    spokesperson = PoliticianFactory(name="TikTok spokesperson", house=House.OTHER, party=None)
    kearns = PoliticianFactory(name="Alicia Kearns", party=None)
    for politician in (spokesperson, kearns):
        position_change(politician, "", O, datetime.date(2023, 3, 13))

    assert change_lines(client.get("/")) == [
        "Alicia Kearns moved from No known position to Opposes the ban on 13 March 2023"
    ]


def test_no_changes_yet_says_so(client, topic):
    soup = BeautifulSoup(client.get("/").content, "lxml")

    section = soup.select_one("[aria-labelledby=changes-heading]")
    assert section.select(".changes-list li") == []
    assert "No one has changed position yet." in section.get_text()


# A second topic


def test_topic_page_shows_the_second_topics_own_numbers(client, topic):
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    party = PartyFactory(name="Labour", slug="labour")
    members = PoliticianFactory.create_batch(6, party=party)
    for member in members[:4]:
        StanceFactory(politician=member, topic=topic, position=S)
    StanceFactory(politician=members[0], topic=deepseek, position=O)
    StatementFactory(published=True, politician=members[0], topic=deepseek, words="On DeepSeek.")
    StatementFactory(published=True, politician=members[1], topic=topic, words="On TikTok.")

    tiktok_page = client.get("/")
    deepseek_page = client.get("/topics/deepseek-ban/")

    assert tally_rows(tiktok_page)["Supports the ban on government devices"] == "4"
    assert tally_rows(deepseek_page) == tally(opposes=1, none=5)
    soup = BeautifulSoup(deepseek_page.content, "lxml")
    assert soup.h1.get_text(strip=True) == "DeepSeek ban"
    assert party_rows(deepseek_page)[0]["split"] == {
        "Opposes the ban": "1",
        "No known position": "5",
    }
    quotes = [q.get_text(strip=True) for q in soup.select(".statement blockquote")]
    assert quotes == ["“On DeepSeek.”"]


# Links that must stay on the topic: every list, party page, export and the methodology.
TOPIC_SCOPED = re.compile(
    r"^/(politicians/(\?|$)|politicians\.|statements/(\?|$)|statements\.|parties/|methodology/)"
)


def topic_scoped_links(response):
    main = BeautifulSoup(response.content, "lxml").find("main")
    return [a["href"] for a in main.find_all("a", href=True) if TOPIC_SCOPED.match(a["href"])]


def test_links_carry_the_topic_only_for_a_topic_other_than_the_default(client, topic):
    TopicFactory(slug="deepseek-ban")
    politician_with_statements(S, party=PartyFactory(slug="labour"))

    default_links = topic_scoped_links(client.get("/"))
    second_links = topic_scoped_links(client.get("/topics/deepseek-ban/"))

    # tally rows (5), party row, methodology (member data, positions), browser, 4 exports
    assert len(default_links) == len(second_links) == 13
    assert not [href for href in default_links if "topic=" in href]
    assert [parse_qs(urlsplit(href).query)["topic"] for href in second_links] == [
        ["deepseek-ban"]
    ] * 13
    assert "/parties/labour/?topic=deepseek-ban" in second_links
    assert "/politicians/?topic=deepseek-ban&position=opposes&house=commons" in second_links
    soup = BeautifulSoup(client.get("/topics/deepseek-ban/").content, "lxml")
    take_away = [a["href"] for a in soup.select(".take-away a")]
    assert "/feeds/topics/deepseek-ban/" in take_away
    assert "/embed/deepseek-ban/" in take_away


# Queries


def make_house(count, *, statements):
    parties = [PartyFactory(name=name) for name in ("Red", "Blue", "Gold")]
    scale = [W, S, M, O, None]
    members = [
        politician_with_statements(
            scale[n % len(scale)], statements=statements, party=parties[n % 3]
        )
        for n in range(count)
    ]
    for member in members[: count // 2]:
        position_change(member, "", S, datetime.date(2023, 3, 1))
    return members


@pytest.mark.parametrize("url", ["/", "/topics/tiktok-ban/"])
def test_dashboard_query_count_does_not_grow_with_politicians_or_statements(
    client, topic, django_assert_num_queries, url
):
    make_house(12, statements=3)
    # topic, the tallies of every House (grouped by house), the MPs' survey (one aggregate),
    # the MPs' party tally, newest statements, latest changes, other topics
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    with django_assert_num_queries(9):
        first = client.get(url)
    make_house(15, statements=5)
    with django_assert_num_queries(9):
        second = client.get(url)
    sitting = BeautifulSoup(second.content, "lxml").select_one("#tally-heading").get_text()
    assert sitting == "Where the 27 MPs stand"
    assert len(party_rows(first)) == len(party_rows(second)) == 3


def test_each_dashboard_links_the_other_topics_we_track(client, topic):
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")

    def other_topics(url):
        soup = BeautifulSoup(client.get(url).content, "lxml")
        return [(a.get_text(), a["href"]) for a in soup.select(".topic-switch a")]

    assert other_topics("/") == [("DeepSeek ban", deepseek.get_absolute_url())]
    assert other_topics("/topics/deepseek-ban/") == [(topic.title, "/")]


def test_a_single_topic_needs_no_topic_links(client, topic):
    soup = BeautifulSoup(client.get("/").content, "lxml")

    assert soup.select_one(".topic-switch") is None


def test_dashboard_gives_code_that_embeds_the_chart(client, topic):
    TopicFactory(title='The "DeepSeek" ban & more', slug="deepseek-ban")

    soup = BeautifulSoup(client.get("/topics/deepseek-ban/").content, "lxml")

    # What a journalist pastes into their article is itself HTML: read it as such.
    code = soup.select_one("textarea#embed-code").get_text()
    iframe = BeautifulSoup(code, "lxml").find("iframe")
    assert iframe["src"] == "http://testserver/embed/deepseek-ban/"
    assert iframe["title"] == 'The "DeepSeek" ban & more: where UK politicians stand'
    assert client.get("/embed/deepseek-ban/").status_code == 200
