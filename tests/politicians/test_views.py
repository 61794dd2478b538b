"""The politicians list, the politician page and the party pages, as a journalist sees them."""

import datetime

import pytest
from django.conf import settings

from politicians.models import Bench, House
from public.views import NEWEST_STATEMENTS_SHOWN
from statements.models import (
    DatePrecision,
    PositionChange,
    Statement,
    StatementStatus,
)
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StanceFactory,
    StatementFactory,
    TopicFactory,
    politician_with_statements,
    position_change,
    published_statement,
)
from tests.reading import M, O, S, W, links_in, page_of, soup_of

pytestmark = pytest.mark.django_db


def listed_names(response):
    return [a.get_text(strip=True) for a in soup_of(response).select("#results tbody th a")]


def facet_counts(response, facet):
    """The number shown beside each option of a facet, keyed by the option's value."""
    soup = soup_of(response)
    return {
        box["value"]: int(
            soup.select_one(f"#count-{facet}-{box['value']}").get_text(strip=True).replace(",", "")
        )
        for box in soup.select(f"#facet-{facet} input")
        if box["value"]
    }


@pytest.fixture
def parties(db):
    return {
        "conservative": PartyFactory(name="Conservative", slug="conservative"),
        "labour": PartyFactory(name="Labour", slug="labour"),
    }


def make_members(parties, count, *, statements=3):
    """`count` members spread over both parties, every position, both benches."""
    scale = [W, S, M, O, None]
    return [
        politician_with_statements(
            scale[n % len(scale)],
            statements=statements,
            party=parties["conservative"] if n % 2 else parties["labour"],
            bench=Bench.FRONT if n % 3 == 0 else Bench.BACK,
            has_tiktok_account=n % 4 == 0,
            role="Minister for Examples" if n % 3 == 0 else "",
        )
        for n in range(count)
    ]


# The list


def test_list_shows_each_politicians_name_party_seat_role_position_and_date(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    kearns = politician_with_statements(
        W,
        name="Alicia Kearns",
        sort_name="Kearns, Alicia",
        slug="alicia-kearns",
        constituency="Rutland and Melton",
        role="Chair of the Foreign Affairs Committee",
    )
    politician_with_statements(None, name="Ava Quiet", sort_name="Quiet, Ava", party=labour)

    response = client.get("/politicians/")

    assert response.status_code == 200
    soup = soup_of(response)
    assert len(soup.find_all("h1")) == 1
    rows = soup.select("#results tbody tr")
    assert len(rows) == 2
    first = rows[0]
    link = first.select_one("th a")
    assert (link.get_text(), link["href"]) == ("Alicia Kearns", "/politicians/alicia-kearns/")
    assert "Chair of the Foreign Affairs Committee" in first.select_one("th").get_text()
    assert first.select_one(".cell-party").get_text(strip=True) == f"Party:{kearns.party.name}"
    assert "Rutland and Melton" in first.select_one(".cell-seat").get_text()
    assert "House of Commons" in first.select_one(".cell-seat").get_text()
    assert first.select_one(".badge").get_text(strip=True) == "Wants the ban extended"
    assert first.select_one("time")["datetime"] == "2023-03-03"
    second = rows[1]
    assert second.select_one(".badge").get_text(strip=True) == "No known position"
    assert second.select_one(".cell-party").get_text(strip=True) == "Party:Labour"


def test_facet_counts_and_rows_match_the_database(client, topic, parties):
    make_members(parties, 12)

    response = client.get("/politicians/?party=conservative&position=supports&position=opposes")

    names = listed_names(response)
    expected = [
        p.name
        for p in PoliticianFactory._meta.model.objects.filter(
            party__slug="conservative", stances__position__in=[S, O]
        ).order_by("sort_name")
    ]
    assert names == expected and len(names) == 3
    # Each option counted with the other filters kept: positions among Conservatives…
    assert facet_counts(response, "position") == {
        "wants_extended": 1,
        "supports": 2,
        "mixed": 1,
        "opposes": 1,
        "none": 1,
    }
    # …and parties among those who support or oppose.
    assert facet_counts(response, "party") == {"conservative": 3, "labour": 2}
    checked = [box["value"] for box in soup_of(response).select("input:checked") if box["value"]]
    assert sorted(checked) == ["conservative", "opposes", "supports"]
    assert "3 politicians match" in soup_of(response).select_one(".result-count").get_text()


def test_search_finds_name_or_constituency(client, topic):
    PoliticianFactory(name="Ava North", sort_name="North, Ava", constituency="Bath")
    PoliticianFactory(name="Ben South", sort_name="South, Ben", constituency="Northampton")
    PoliticianFactory(name="Cal West", sort_name="West, Cal", constituency="Bristol")

    assert listed_names(client.get("/politicians/?q=north")) == ["Ava North", "Ben South"]


def test_house_bench_and_tiktok_filters(client, topic):
    PoliticianFactory(name="Lord Front", sort_name="Front", house=House.LORDS, bench=Bench.FRONT)
    PoliticianFactory(name="Back Commoner", sort_name="Back", has_tiktok_account=True)
    PoliticianFactory(name="Front Commoner", sort_name="Commoner", bench=Bench.FRONT)

    assert listed_names(client.get("/politicians/?house=lords")) == ["Lord Front"]
    assert listed_names(client.get("/politicians/?bench=front&house=commons")) == ["Front Commoner"]
    assert listed_names(client.get("/politicians/?tiktok=yes")) == ["Back Commoner"]
    assert listed_names(client.get("/politicians/?tiktok=no&bench=back")) == []


def test_sort_by_name_descending(client, topic):
    for first, last in [("Ann", "Zed"), ("Bob", "Young"), ("Cat", "Xu")]:
        PoliticianFactory(name=f"{first} {last}", sort_name=f"{last}, {first}")

    by_surname = ["Cat Xu", "Bob Young", "Ann Zed"]
    assert listed_names(client.get("/politicians/?sort=name")) == by_surname
    assert listed_names(client.get("/politicians/")) == by_surname
    assert listed_names(client.get("/politicians/?sort=-name")) == by_surname[::-1]


def test_only_published_positions_show_and_former_members_who_never_spoke_are_left_out(
    client, topic
):
    spoke = PoliticianFactory(name="Former Speaker", is_sitting=False)
    StanceFactory(politician=spoke, position=O)
    PoliticianFactory(name="Former Quiet", is_sitting=False)
    drafter = PoliticianFactory(name="Draft Only")
    StatementFactory(politician=drafter, position=W)  # a draft makes no stance

    response = client.get("/politicians/")

    assert sorted(listed_names(response)) == ["Draft Only", "Former Speaker"]
    assert listed_names(client.get("/politicians/?position=wants_extended")) == []


def test_pages_split_the_rows_and_page_links_keep_the_filters(client, topic, parties, settings):
    settings.WTS_PAGE_SIZE = 5
    make_members(parties, 12)

    first = client.get("/politicians/?party=labour")
    second = client.get("/politicians/?party=labour&page=2")

    assert len(listed_names(first)) == 5 and len(listed_names(second)) == 1
    assert not set(listed_names(first)) & set(listed_names(second))
    next_link = soup_of(first).select_one(".pagination a[rel=next]")
    assert next_link["href"] == "?party=labour&page=2"
    assert next_link["data-hx-get"] == next_link["href"]


def test_download_links_carry_the_current_query(client, topic):
    PoliticianFactory(house=House.COMMONS)  # no stance: “none”
    response = client.get("/politicians/?position=none&party=&house=commons&page=1")

    links = links_in(soup_of(response), ".downloads a")

    assert links == {
        "CSV": "/politicians.csv?position=none&party=&house=commons",
        "JSON": "/politicians.json?position=none&party=&house=commons",
    }


def test_an_empty_result_offers_no_download(client, topic):
    PoliticianFactory(house=House.COMMONS)

    soup = soup_of(client.get("/politicians/?house=lords"))

    assert soup.select_one(".result-count strong").get_text(strip=True) == "0"
    assert soup.select(".downloads a") == []


def test_form_works_without_javascript_and_is_enhanced_by_htmx(client, topic):
    form = soup_of(client.get("/politicians/")).select_one("form.filters")

    assert (form["method"], form["action"]) == ("get", "/politicians/")
    assert (form["data-hx-get"], form["data-hx-target"], form["data-hx-push-url"]) == (
        "/politicians/",
        "#results",
        "true",
    )
    assert form.select_one("button[type=submit]")
    for fieldset in form.select("fieldset"):
        assert fieldset.legend.get_text(strip=True)
    for control in form.select("input:not([type=hidden]), select"):
        assert form.select_one(f"label[for={control['id']}]"), control


def test_htmx_request_gets_only_the_results_and_fresh_facet_counts(client, topic, parties):
    make_members(parties, 10)

    full = client.get("/politicians/?party=labour")
    partial = client.get("/politicians/?party=labour", headers={"HX-Request": "true"})

    assert "HX-Request" in full["Vary"] and "HX-Request" in partial["Vary"]
    soup = soup_of(partial)
    assert soup.find("h1") is None and soup.find("form") is None
    assert listed_names(partial) == listed_names(full)
    oob = {span["id"]: span.get_text(strip=True) for span in soup.select("[data-hx-swap-oob]")}
    assert oob["count-position-supports"] == str(facet_counts(full, "position")["supports"])
    assert oob["count-party-conservative"] == "5"


def test_htmx_history_restore_gets_the_whole_page(client, topic):
    response = client.get(
        "/politicians/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert soup_of(response).find("h1") is not None


def test_editor_text_is_escaped_in_the_list(client, topic):
    PoliticianFactory(name="<script>alert(1)</script>", role="<b>bold</b>")

    html = client.get("/politicians/").content.decode()

    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>bold" not in html


def test_list_query_count_does_not_grow_with_rows(
    client, topic, parties, django_assert_num_queries
):
    make_members(parties, 12)
    url = "/politicians/?position=supports&position=none&party=conservative&party=labour"

    # topic, party slugs, count for the pager, the page's rows, their stances, then one grouped
    # query per facet: position, coverage, house, bench, TikTok and the parties with their counts.
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    with django_assert_num_queries(13):
        first = client.get(url)
    make_members(parties, 15)
    with django_assert_num_queries(13):
        second = client.get(url)
    assert len(listed_names(second)) > len(listed_names(first))
    # Without a party chosen there are no slugs to check.
    with django_assert_num_queries(12):
        client.get("/politicians/")


def test_second_topic_shows_its_own_positions(client, topic, parties):
    ban = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    tiktok_only = politician_with_statements(S, name="Tik Tok", sort_name="Tok, Tik")
    deepseek_only = politician_with_statements(
        O, topic=ban, name="Deep Seek", sort_name="Seek, Deep"
    )

    tiktok = client.get("/politicians/?position=supports")
    deepseek = client.get("/politicians/?topic=deepseek-ban&position=opposes")

    assert listed_names(tiktok) == [tiktok_only.name]
    assert listed_names(deepseek) == [deepseek_only.name]
    assert "DeepSeek ban" in soup_of(deepseek).h1.get_text()
    assert facet_counts(deepseek, "position")["supports"] == 0
    # The topic rides along in the form and the downloads.
    soup = soup_of(deepseek)
    assert soup.select_one("form input[name=topic]")["value"] == "deepseek-ban"
    assert "topic=deepseek-ban" in soup.select_one(".downloads a")["href"]


# The politician page


@pytest.fixture
def kearns(topic):
    conservative = PartyFactory(name="Conservative", slug="conservative")
    politician = PoliticianFactory(
        name="Alicia Kearns",
        slug="alicia-kearns",
        party=conservative,
        constituency="Rutland and Melton",
        role="Chair of the Foreign Affairs Committee",
        member_id=4805,
    )
    early = published_statement(
        politician,
        S,
        "A ban on government phones is sensible.",
        datetime.date(2023, 2, 1),
        outlet="The Example Times",
        source_url="https://times.example/one",
        archive_url="https://web.archive.org/web/2023/https://times.example/one",
    )
    late = published_statement(
        politician,
        W,
        "No-one is not of interest.",
        datetime.date(2023, 3, 13),
        outlet="PoliticsHome",
        source_url="https://www.politicshome.com/news/article/x",
    )
    StatementFactory(politician=politician, words="An unreviewed draft.")
    retracted = StatementFactory(
        politician=politician,
        words="A retracted quote.",
        status=StatementStatus.RETRACTED,
        retraction_reason="Wrong speaker.",
    )
    StanceFactory(
        politician=politician,
        position=W,
        summary="Wants TikTok off any phone used for work.",
        as_of=late.said_on,
        based_on=late,
    )
    position_change(politician, "", S, early.said_on)
    position_change(politician, S, W, late.said_on)
    # Rested on a statement since retracted: the page must not show it.
    position_change(politician, W, O, datetime.date(2023, 3, 20), statement=retracted)
    return politician


def test_politician_page_shows_position_timeline_changes_and_profile_links(client, kearns):
    soup = page_of(client.get("/politicians/alicia-kearns/"))

    assert (soup.h1.get_text(strip=True), soup.title.get_text()[: len("Alicia Kearns")]) == (
        "Alicia Kearns",
        "Alicia Kearns",
    )
    lede = soup.select_one(".lede").get_text(" ", strip=True)
    assert "Conservative" in lede and "Rutland and Melton" in lede
    assert "Chair of the Foreign Affairs Committee" in lede
    stance = soup.select_one(".stance")
    assert (
        stance.select_one(".badge").get_text(strip=True),
        stance.select_one("time")["datetime"],
    ) == ("Wants the ban extended", "2023-03-13")
    assert "Wants TikTok off any phone used for work." in stance.get_text()
    quotes = [q.get_text(strip=True) for q in soup.select(".statement blockquote")]
    assert quotes == ["“No-one is not of interest.”", "“A ban on government phones is sensible.”"]
    oldest = soup.select(".statement")[1]
    links = links_in(oldest, ".statement-source a")
    assert (oldest.select_one("time")["datetime"], links["The Example Times"]) == (
        "2023-02-01",
        "https://times.example/one",
    )
    assert links["archived copy"].startswith("https://web.archive.org/")
    changes = [li.get_text(" ", strip=True) for li in soup.select(".changes li")]
    assert changes == [
        "1 February 2023 : No known position → Supports the ban on government devices",
        "13 March 2023 : Supports the ban on government devices → Wants the ban extended",
    ]
    profiles = links_in(soup, ".profile-links a")
    assert profiles == {
        "UK Parliament profile": "https://members.parliament.uk/member/4805",
        "TheyWorkForYou": "https://www.theyworkforyou.com/mp/alicia_kearns/rutland_and_melton",
    }
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert "wants the ban extended" in description


def test_a_position_taken_in_a_month_reads_as_that_month_not_its_first_day(client, topic):
    politician = PoliticianFactory(slug="in-march")
    in_march = StatementFactory(
        published=True,
        politician=politician,
        position=W,
        said_on=datetime.date(2023, 3, 1),
        said_on_precision=DatePrecision.MONTH,
    )
    StanceFactory(politician=politician, position=W, as_of=in_march.said_on, based_on=in_march)
    PositionChange.objects.create(
        politician=politician,
        topic=topic,
        from_position="",
        to_position=W,
        changed_on=in_march.said_on,
        statement=in_march,
    )

    soup = soup_of(client.get("/politicians/in-march/"))

    as_of = soup.select_one(".stance time")
    assert (as_of.get_text(), as_of["datetime"]) == ("March 2023", "2023-03")
    change = soup.select_one(".changes li time")
    assert (change.get_text(), change["datetime"]) == ("March 2023", "2023-03")
    said = soup.select_one(".statement time")
    assert (said.get_text(), said["datetime"]) == ("March 2023", "2023-03")
    assert "1 March" not in soup.get_text()
    listed = soup_of(client.get("/politicians/", {"q": politician.name}))
    cell = listed.select_one("#results tbody .cell-as-of time")
    assert (cell.get_text(), cell["datetime"]) == ("Mar 2023", "2023-03")
    dashboard = soup_of(client.get("/"))
    moved = dashboard.select_one(".changes-list time")
    assert (moved.get_text(), moved["datetime"]) == ("March 2023", "2023-03")


def test_politician_page_without_member_id_has_no_profile_links(client, topic):
    PoliticianFactory(slug="no-id", member_id=None)

    soup = soup_of(client.get("/politicians/no-id/"))

    assert soup.select(".profile-links a") == []
    assert "No known position" in soup.select_one("#position-heading").find_next("p").get_text()


def test_politician_page_query_count_does_not_grow_with_statements(
    client, kearns, django_assert_num_queries
):
    # The data version, the politician with their party, then their stances, every topic
    # with their coverage on it and the count of their statements (what the page says outside
    # its kept record); in the record, their changes and their newest statements; the topics
    # the navigation offers.
    with django_assert_num_queries(8):
        client.get("/politicians/alicia-kearns/")
    for _ in range(6):
        StatementFactory(published=True, politician=kearns, topic=TopicFactory())
    with django_assert_num_queries(8):
        response = client.get("/politicians/alicia-kearns/")
    assert len(soup_of(response).select(".statement")) == 8
    assert soup_of(response).select(".all-statements") == []


def test_politician_page_shows_the_newest_statements_and_links_to_all_of_them(
    client, kearns, topic, django_assert_num_queries
):
    for day in range(1, 31):
        StatementFactory(
            published=True,
            politician=kearns,
            said_on=datetime.date(2023, 4, day),
            words=f"Said on 2023-04-{day:02}.",
        )
    total = Statement.objects.published().filter(politician=kearns).count()

    # As above: the count is read whether or not there are more than the page shows.
    with django_assert_num_queries(8):
        response = client.get("/politicians/alicia-kearns/")

    soup = soup_of(response)
    shown = [q.get_text(strip=True).strip("“”") for q in soup.select(".statement blockquote")]
    assert len(shown) == NEWEST_STATEMENTS_SHOWN
    assert shown[:2] == ["Said on 2023-04-30.", "Said on 2023-04-29."]
    link = soup.select_one(".all-statements a")
    assert link.get_text(strip=True) == f"All {total} statements by Alicia Kearns"
    listed = soup_of(client.get(link["href"]))
    assert "Said by: Alicia Kearns" in listed.select_one(".chosen-filters").get_text()
    assert len(listed.select("blockquote")) == min(total, settings.WTS_PAGE_SIZE)
    assert f"{total} statement" in listed.get_text()


# Party pages


def tally_numbers(section):
    return {
        row.select_one(".tally-label").get_text(" ", strip=True): int(
            row.select_one(".tally-number strong").get_text(strip=True)
        )
        for row in section.select(".tally-row")
    }


def test_party_list_shows_how_each_partys_sitting_members_split(client, topic, parties):
    make_members(parties, 12)
    PoliticianFactory(party=parties["labour"], is_sitting=False)

    response = client.get("/parties/")

    soup = soup_of(response)
    assert response.status_code == 200 and len(soup.find_all("h1")) == 1
    sections = {s.h2.a.get_text(strip=True): s for s in soup.select(".party-summary")}
    assert list(sections) == ["Conservative", "Labour"]
    assert tally_numbers(sections["Labour"]) == {
        "Wants the ban extended": 2,
        "Supports the ban on government devices": 1,
        "Mixed or undecided": 1,
        "Opposes the ban": 1,
        "No known position": 1,
    }
    assert sections["Labour"].h2.a["href"] == "/parties/labour/"
    # Bars are decoration; the numbers are text.
    assert sections["Labour"].select_one(".tally-bar")["aria-hidden"] == "true"


def test_party_page_lists_members_grouped_by_position(client, topic, parties):
    members = make_members(parties, 12)
    conservatives = [m for m in members if m.party == parties["conservative"]]

    response = client.get("/parties/conservative/")

    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Conservative: where its members stand"
    assert tally_numbers(soup) == {
        "Wants the ban extended": 1,
        "Supports the ban on government devices": 2,
        "Mixed or undecided": 1,
        "Opposes the ban": 1,
        "No known position": 1,
    }
    groups = {
        group.h3.select_one(".badge").get_text(strip=True): sorted(
            a.get_text(strip=True) for a in group.select("li > a")
        )
        for group in soup.select(".position-group")
    }
    assert sum(len(names) for names in groups.values()) == len(conservatives)
    stance_of = {m.name: m.stances.first() for m in conservatives}
    assert groups["Supports the ban on government devices"] == sorted(
        name for name, stance in stance_of.items() if stance and stance.position == S
    )
    assert groups["No known position"] == sorted(
        name for name, stance in stance_of.items() if stance is None
    )
    # The silent majority folds away (closed until opened); members with a position do not.
    folded = soup.select(".position-group details")
    assert len(folded) == 1 and not folded[0].has_attr("open")
    assert (
        folded[0].summary.get_text(strip=True)
        == "Show the 1 Conservative MP with no known position"
    )


def test_party_pages_follow_the_topic_parameter(client, topic, parties):
    ban = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    politician_with_statements(S, party=parties["labour"])
    politician_with_statements(O, topic=ban, party=parties["labour"])

    default = soup_of(client.get("/parties/labour/"))
    deepseek = soup_of(client.get("/parties/labour/?topic=deepseek-ban"))

    assert tally_numbers(default)["Supports the ban on government devices"] == 1
    assert tally_numbers(default)["Opposes the ban"] == 0
    assert tally_numbers(deepseek)["Opposes the ban"] == 1
    assert tally_numbers(deepseek)["Supports the ban on government devices"] == 0
    listing = soup_of(client.get("/parties/?topic=deepseek-ban"))
    assert (
        listing.select_one(".party-summary h2 a")["href"] == "/parties/labour/?topic=deepseek-ban"
    )
    assert client.get("/parties/?topic=no-such-ban").status_code == 400


def test_party_query_counts_do_not_grow_with_members(
    client, topic, parties, django_assert_num_queries
):
    make_members(parties, 12)

    # The topic, then one grouped query of (party, position) counts.
    with django_assert_num_queries(4):
        client.get("/parties/")
    # The party, the topic, its sitting members with positions, and their stances.
    with django_assert_num_queries(6):
        client.get("/parties/labour/")
    make_members(parties, 15)
    with django_assert_num_queries(4):
        client.get("/parties/")
    with django_assert_num_queries(6):
        response = client.get("/parties/labour/")
    assert len(soup_of(response).select(".member-list li")) == 14


def test_results_say_in_words_which_filters_are_in_force(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    PoliticianFactory(party=labour, name="Ann <b>Bold</b>")

    response = client.get("/politicians/?party=labour&position=none&house=commons&q=<b>Bold")

    chosen = soup_of(response).select_one("#results .chosen-filters")
    assert [span.get_text() for span in chosen.select(".chosen-filter")] == [
        "Position: No known position",
        "Party: Labour",
        "House: House of Commons",
        "Name or constituency: “<b>Bold”",
    ]
    assert chosen.find("b") is None  # the search text is shown, never run as markup


def test_unfiltered_list_names_no_filters(client, topic):
    PoliticianFactory()

    assert soup_of(client.get("/politicians/")).select_one(".chosen-filters") is None
