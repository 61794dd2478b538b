import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from politicians.models import House
from statements.models import Position, SourceKind, Statement, StatementStatus
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    TopicFactory,
    politician_with_statements,
    published_statement,
)
from tests.reading import O, soup_of

pytestmark = pytest.mark.django_db


def quotes(response):
    # get_text() without a separator: a <mark> inside a word must not split it.
    return [" ".join(q.get_text().split()) for q in soup_of(response).select("#results blockquote")]


def result_count(response):
    return soup_of(response).select_one(".result-count strong").get_text(strip=True)


def test_browser_lists_only_published_statements(client, topic):
    StatementFactory(published=True, words="Published words.")
    StatementFactory(words="Draft words.")
    StatementFactory(
        words="Retracted words.",
        status=StatementStatus.RETRACTED,
        retraction_reason="Wrong speaker.",
    )

    response = client.get("/statements/")

    assert response.status_code == 200
    assert quotes(response) == ["“Published words.”"]
    assert result_count(response) == "1"


def test_filters_by_position_party_house_kind_and_dates_together(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    greens = PartyFactory(name="Green", slug="green")
    lord = PoliticianFactory(party=labour, house=House.LORDS)
    mp = PoliticianFactory(party=labour)
    green = PoliticianFactory(party=greens)
    debate = {"source_kind": SourceKind.DEBATE}
    wanted = published_statement(mp, O, "Wanted.", datetime.date(2023, 3, 20), **debate)
    StatementFactory(published=True, politician=lord, position=Position.OPPOSES, words="Lord.")
    StatementFactory(published=True, politician=green, position=Position.OPPOSES, words="Green.")
    StatementFactory(
        published=True, politician=mp, position=Position.SUPPORTS, words="Other position."
    )
    published_statement(mp, O, "Too early.", datetime.date(2023, 2, 1), **debate)

    before = client.get("/statements/")
    after = client.get(
        "/statements/?position=opposes&position=mixed&party=labour&house=commons"
        "&kind=debate&from=2023-03-01&to=2023-03-31"
    )

    assert result_count(before) == "5"
    assert quotes(after) == [f"“{wanted.words}”"]
    soup = soup_of(after)
    # The form shows the state the URL holds.
    assert soup.select_one("#position-opposes").has_attr("checked")
    assert soup.select_one("#party-labour").has_attr("checked")
    assert soup.select_one("#kind option[selected]")["value"] == "debate"
    assert soup.select_one("#from")["value"] == "2023-03-01"


def test_several_parties_give_statements_of_either(client, topic):
    one = politician_with_statements(Position.SUPPORTS, statements=1, party=PartyFactory())
    two = politician_with_statements(Position.SUPPORTS, statements=1, party=PartyFactory())
    politician_with_statements(Position.SUPPORTS, statements=1, party=PartyFactory())

    response = client.get(f"/statements/?party={one.party.slug}&party={two.party.slug}")

    assert result_count(response) == "2"


def test_search_finds_words_and_highlights_them(client, topic):
    StatementFactory(published=True, words="The app is a security risk to the state.")
    StatementFactory(published=True, words="Nothing to see here.")

    response = client.get("/statements/?q=security")

    assert quotes(response) == ["“The app is a security risk to the state.”"]
    marks = [mark.get_text() for mark in soup_of(response).select("#results mark")]
    assert marks == ["security"]


def test_search_is_stemmed_and_ranked(client, topic):
    StatementFactory(
        published=True, words="Banning it would be wise.", said_on=datetime.date(2023, 3, 1)
    )
    StatementFactory(
        published=True,
        words="A ban, a ban, a ban on every device.",
        said_on=datetime.date(2023, 2, 1),
    )

    response = client.get("/statements/?q=ban")

    # The statement that says it three times ranks first although it is older.
    assert quotes(response) == [
        "“A ban, a ban, a ban on every device.”",
        "“Banning it would be wise.”",
    ]
    # Every word that shares the stem is marked, and only whole words: “a” is not “ban”.
    marks = [mark.get_text() for mark in soup_of(response).select("#results mark")]
    assert marks == ["ban", "ban", "ban", "Banning"]


def test_highlighting_escapes_the_editors_words(client, topic):
    StatementFactory(published=True, words="<script>alert('ban')</script> & the ban")

    html = client.get("/statements/?q=ban").content.decode()

    assert "<script>alert" not in html
    soup = BeautifulSoup(html, "lxml")
    quote = soup.select_one("#results blockquote")
    assert quote.find("script") is None
    assert "<script>alert('ban')</script> & the ban" in quote.get_text()
    assert [mark.get_text() for mark in quote.select("mark")] == ["ban", "ban"]


def test_search_for_amp_does_not_split_an_escaped_ampersand(client, topic):
    StatementFactory(published=True, words="Tom & Jerry amp up the row.")

    soup = soup_of(client.get("/statements/?q=amp"))

    quote = soup.select_one("#results blockquote")
    assert " ".join(quote.get_text().split()) == "“Tom & Jerry amp up the row.”"
    assert [mark.get_text() for mark in quote.select("mark")] == ["amp"]


def test_search_for_x27_does_not_split_an_escaped_apostrophe(client, topic):
    StatementFactory(published=True, words="The government's x27 ruling.")

    quote = soup_of(client.get("/statements/?q=x27")).select_one("#results blockquote")

    assert " ".join(quote.get_text().split()) == "“The government's x27 ruling.”"
    assert [mark.get_text() for mark in quote.select("mark")] == ["x27"]


def test_a_minus_word_leaves_statements_out(client, topic):
    StatementFactory(published=True, words="Ban it on every phone.")
    StatementFactory(published=True, words="Ban it on government phones only.")

    response = client.get("/statements/?q=phone -government")

    assert quotes(response) == ["“Ban it on every phone.”"]


def test_htmx_request_gets_only_the_results_and_varies_on_it(client, topic):
    StatementFactory(published=True, words="Published words.")

    full = client.get("/statements/")
    partial = client.get("/statements/", headers={"HX-Request": "true"})

    assert "HX-Request" in full["Vary"]
    assert soup_of(full).find("h1") is not None
    assert soup_of(partial).find("h1") is None
    assert soup_of(partial).select_one("#results") is not None
    assert "Published words." in partial.content.decode()


def test_pages_keep_the_filters_in_their_links(client, topic, settings):
    settings.WTS_PAGE_SIZE = 2
    StatementFactory.create_batch(5, published=True, position=Position.OPPOSES)

    response = client.get("/statements/?position=opposes")

    next_link = soup_of(response).select_one("a[rel=next]")["href"]
    assert next_link == "?position=opposes&page=2"
    assert client.get("/statements/?position=opposes&page=3").status_code == 200
    assert client.get("/statements/?position=opposes&page=4").status_code == 404


def test_browser_shows_the_topic_asked_for(client, topic):
    other = TopicFactory(slug="deepseek-ban", title="DeepSeek ban")
    StatementFactory(published=True, words="About TikTok.")
    StatementFactory(published=True, topic=other, words="About DeepSeek.")

    response = client.get("/statements/?topic=deepseek-ban")

    assert quotes(response) == ["“About DeepSeek.”"]
    assert soup_of(response).select_one("input[name=topic]")["value"] == "deepseek-ban"


def make_statements(politicians, per_politician):
    parties = [PartyFactory(name=name) for name in ("Red", "Blue", "Gold")]
    for n in range(politicians):
        politician_with_statements(
            Position.values[n % 4], statements=per_politician, party=parties[n % 3]
        )


def test_query_count_does_not_grow_with_rows(client, topic, django_assert_num_queries):
    make_statements(12, 3)
    url = "/statements/?position=supports&position=opposes&party=red&q=app"
    # the data version, topic, the chosen party checked, the parties offered, the position and
    # party counts (whose sum is the count), the page's keys in ranked order, their rows, and
    # what the search matched on the page (on PostgreSQL the words sharing its stems, on SQLite
    # FTS5's highlight()).
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    expected = 10
    with django_assert_num_queries(expected):
        first = client.get(url)
    make_statements(12, 5)
    with django_assert_num_queries(expected):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    # unfiltered: data version, topic, parties offered, position and party counts, page
    with django_assert_num_queries(7):
        client.get("/statements/")


def test_result_count_says_best_match_first_where_matches_are_ranked(client, topic):
    StatementFactory(published=True, words="Ban it on every phone.")
    StatementFactory(published=True, words="Keep it.")

    def count_line(query):
        return soup_of(client.get(f"/statements/?q={query}")).select_one(".result-count").get_text()

    # Both databases rank full-text matches; leaving a word out finds nothing to rank by.
    assert "best match first" in count_line("phone")
    assert "best match first" not in count_line("-phone")
    assert "best match first" not in count_line("")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgres_search_can_use_the_full_text_index(topic):
    from statements.search import search_statements

    searched = search_statements(Statement.objects.all(), "ban phones")
    with connection.cursor() as cursor:
        # On a handful of test rows a sequential scan is cheaper; forbid it to see the choice.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = searched.explain()

    # The stored vector's index (migration 0012), not a vector parsed again per row.
    assert "statement_search_vector" in plan
    assert "to_tsvector" not in plan


def test_results_say_in_words_which_filters_are_in_force(client, topic):
    PartyFactory(name="Green", slug="green")
    StatementFactory(published=True)

    url = (
        "/statements/?position=opposes&position=supports&party=green&house=lords"
        "&kind=letter&from=2023-03-01&to=2023-03-31"
    )
    chosen = soup_of(client.get(url)).select_one("#results .chosen-filters")

    assert [span.get_text() for span in chosen.select(".chosen-filter")] == [
        "Position: Supports the ban on government devices, Opposes the ban",
        "Party: Green",
        "House: House of Lords",
        "Kind of source: Letter",
        "Said on or after: 1 March 2023",
        "Said on or before: 31 March 2023",
    ]


def counts_in(soup, facet):
    return {
        span["id"].removeprefix(f"count-{facet}-"): int(span.get_text())
        for span in soup.select(f"form.filters [id^=count-{facet}-]")
    }


def test_each_option_counts_the_statements_it_would_give_with_the_other_filters_kept(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    greens = PartyFactory(name="Green", slug="green")
    for party, position, count in [
        (labour, Position.SUPPORTS, 3),
        (labour, Position.OPPOSES, 2),
        (greens, Position.OPPOSES, 4),
    ]:
        StatementFactory.create_batch(
            count, published=True, politician=PoliticianFactory(party=party), position=position
        )
    StatementFactory(politician=PoliticianFactory(party=greens), position=Position.SUPPORTS)

    soup = soup_of(client.get("/statements/?party=labour&position=opposes"))

    # Positions are counted within Labour, parties within “opposes”; drafts count for nothing.
    assert counts_in(soup, "position") == {
        "wants_extended": 0,
        "supports": 3,
        "mixed": 0,
        "opposes": 2,
    }
    assert counts_in(soup, "party") == {"green": 4, "labour": 2}
    assert result_count(client.get("/statements/?party=labour&position=opposes")) == "2"


def test_htmx_swap_brings_the_new_counts_out_of_band(client, topic):
    labour = PartyFactory(name="Labour", slug="labour")
    StatementFactory.create_batch(2, published=True, politician=PoliticianFactory(party=labour))

    partial = soup_of(client.get("/statements/?position=opposes", headers={"HX-Request": "true"}))

    swapped = {span["id"]: span.get_text() for span in partial.select("[data-hx-swap-oob=true]")}
    assert swapped["count-party-labour"] == "0"
    assert swapped["count-position-supports"] == "2"


def test_the_date_hint_says_what_the_box_shows_and_what_a_link_carries(client, topic):
    soup = soup_of(client.get("/statements/?from=2023-03-01"))

    date_from, date_to = soup.select_one("#from"), soup.select_one("#to")
    assert (date_from["type"], date_from["value"], date_to["type"]) == (
        "date",
        "2023-03-01",
        "date",
    )
    hint = soup.select_one(f"#{date_from['aria-describedby']}")
    assert date_to["aria-describedby"] == hint["id"]
    assert hint.get_text() == (
        "Pick a date, or type it in the order the box shows. Where there is no calendar, "
        "type YYYY-MM-DD, such as 2023-03-16, as links carry it."
    )


def test_the_count_a_filtered_search_shows_is_the_rows_it_lists(client, topic, settings):
    """The count comes from the position facet, not a count of its own: it must still agree."""
    settings.WTS_PAGE_SIZE = 200
    make_statements(12, 3)
    url = "/statements/?position=supports&position=opposes&party=red&q=app"

    soup = soup_of(client.get(url))

    listed = len(soup.select("#results blockquote"))
    assert listed > 0
    assert soup.select_one(".result-count").get_text(" ", strip=True).startswith(f"{listed} ")


def test_a_politician_we_do_not_show_is_a_bad_filter(client, topic):
    assert client.get("/statements/?politician=nobody-we-hold").status_code == 400
    added_by_hand = PoliticianFactory(slug="added-by-hand", on_roll=False)
    StatementFactory(politician=added_by_hand)  # a draft: they have no public page yet
    assert client.get("/statements/?politician=added-by-hand").status_code == 400
