"""Site-wide checks, as djangoproject.com does: every public page answers, and names itself.

Every public URL answers 200 with one <h1> and the head a link preview needs; a bad query string
answers 400 with a page naming the parameter; an unknown page 404; nothing answers 500. A second
topic made with a factory gets every page with its own data, without a line of code.
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from lxml import etree

from statements.models import CorrectionKind, Position, Statement
from tests.factories import (
    CorrectionFactory,
    PartyFactory,
    StatementFactory,
    TopicFactory,
    politician_with_statements,
    position_change,
    statement_with_archived_source,
)
from tests.reading import ATOM, M, O, S, W, csv_dicts

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(topic):
    """A small but complete site: parties, members in every position, a correction, a change."""
    labour = PartyFactory(name="Labour", slug="labour")
    conservative = PartyFactory(name="Conservative", slug="conservative")
    members = [
        politician_with_statements(
            position, party=labour if n % 2 else conservative, slug=f"member-{n}"
        )
        for n, position in enumerate([W, S, M, O, None, S])
    ]
    statement = StatementFactory(published=True, politician=members[0], position=W)
    CorrectionFactory(statement=statement, kind=CorrectionKind.CORRECTION)
    position_change(members[1], O, S, statement.said_on, statement=statement)
    archived = statement_with_archived_source(politician=members[2], position=M)
    return {
        "politician": members[0],
        "statement": statement,
        "party": labour,
        "archived": archived,
    }


def sample_kwargs(site) -> dict[str, dict]:
    """For each URL that names a row, a row of the site to name. A new such URL fails
    test_every_url_that_names_a_row_has_a_sample until it gets one here."""
    topic = {"slug": "tiktok-ban"}
    politician = {"slug": site["politician"].slug}
    party = {"slug": site["party"].slug}
    return {
        "statements:topic": topic,
        "statements:embed": topic,
        "statements:topic_feed": topic,
        "statements:detail": {"pk": site["statement"].pk},
        "statements:politician_feed": politician,
        "statements:party_feed": party,
        "politicians:detail": politician,
        "politicians:party_detail": party,
        "sources:statement_source": {"pk": site["archived"].pk},
        "politicians:card": politician,
        "politicians:party_compare": party,
        "statements:topic_card": topic,
        "statements:statement_card": {"pk": site["statement"].pk},
        "api:politician": politician,
        "api:statement": {"pk": site["statement"].pk},
        "api:topic": topic,
    }


# Not the public site: the editors' pages (the admin, and the staff's second factor) have
# their own walker and tests; the health check answers the load balancer, never a cache.
NOT_PUBLIC = ("admin/", "staff/", "healthz")


def resolver_patterns(patterns=None, prefix="", namespace=""):
    """(view name, path with its converters, whether it names a row) for every public URL the
    resolver knows."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(NOT_PUBLIC):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from resolver_patterns(pattern.url_patterns, route, inner)
            continue
        name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
        yield name, "/" + route, bool(pattern.pattern.converters)


def all_public_urls(site):
    """Every public URL, pages, downloads and feeds alike, straight from the URL resolver."""
    samples = sample_kwargs(site)
    return [
        reverse(name, kwargs=samples[name]) if names_a_row else route
        for name, route, names_a_row in resolver_patterns()
    ]


def public_urls(site, client=None):
    """Every public HTML page: the URLs the resolver knows that answer with a page."""
    client = client or Client()
    return [
        url
        for url in all_public_urls(site)
        if client.get(url)["Content-Type"].startswith("text/html")
    ]


def head_of(soup):
    """What a search engine or a link preview reads from the page's head."""

    def meta(**attrs):
        tag = soup.find("meta", attrs=attrs)
        return tag["content"].strip() if tag else None

    canonical = soup.find("link", rel="canonical")
    return {
        "title": soup.title.get_text(strip=True) if soup.title else None,
        "description": meta(name="description"),
        "og:title": meta(property="og:title"),
        "og:description": meta(property="og:description"),
        "og:url": meta(property="og:url"),
        "canonical": canonical["href"] if canonical else None,
    }


def assert_is_a_complete_page(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(response.content, "lxml")
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"{len(h1s)} <h1> elements"
    assert h1s[0].get_text(strip=True)
    head = head_of(soup)
    assert all(head.values()), head
    assert head["og:url"].startswith("http://testserver/")
    assert head["canonical"].startswith("http://testserver/")
    return soup


def test_every_url_that_names_a_row_has_a_sample(site):
    names_a_row = {name for name, _, names_row in resolver_patterns() if names_row}
    assert names_a_row <= set(sample_kwargs(site)), "give the new URL a sample in sample_kwargs"


def test_every_public_url_answers_with_one_h1_a_title_a_description_and_link_previews(client, site):
    assert len(public_urls(site, client)) >= 11
    for url in public_urls(site, client):
        soup = assert_is_a_complete_page(client.get(url))
        assert soup.find("html")["lang"] == "en-GB", url


def test_public_pages_downloads_and_feeds_may_be_shared_by_a_cdn_but_not_kept_by_browsers(
    client, site, admin_client
):
    for url in all_public_urls(site):
        directives = {part.strip() for part in client.get(url).get("Cache-Control", "").split(",")}
        # Pages, downloads and feeds may also be served stale while a CDN revalidates.
        assert directives - {"stale-while-revalidate=300"} == {
            "public",
            "max-age=0",
            "s-maxage=60",
        }, url
    # Errors and the editors' pages are never shared.
    assert "public" not in client.get("/politicians/no-such-person/").get("Cache-Control", "")
    assert "public" not in admin_client.get("/admin/").get("Cache-Control", "")


def test_every_page_names_an_icon_the_site_serves(client, site):
    soup = BeautifulSoup(client.get("/").content, "lxml")

    icon = soup.select_one("link[rel=icon]")["href"]

    response = client.get(icon)
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)


def test_the_canonical_address_leaves_tracking_off_a_permalink(client, site):
    url = site["statement"].get_absolute_url()

    soup = BeautifulSoup(client.get(f"{url}?utm_source=x").content, "lxml")

    assert head_of(soup)["canonical"] == f"http://testserver{url}"


def test_titles_say_which_page_it_is(client, site):
    titles = [
        head_of(BeautifulSoup(client.get(url).content, "lxml"))["title"]
        for url in public_urls(site)
        if url != "/topics/tiktok-ban/"  # the default topic's own address is the dashboard's
    ]

    assert len(set(titles)) == len(titles)
    assert all(title.endswith("Where They Stand") for title in titles)


LISTS_OF_POLITICIANS = ["/politicians/", "/politicians.csv", "/politicians.json"]
LISTS_OF_STATEMENTS = ["/statements/", "/statements.csv", "/statements.json"]
BAD_POLITICIAN_QUERIES = [
    ("position=sometimes", "position"),
    ("party=no-such-party", "party"),
    ("house=senate", "house"),
    # Other voices are not politicians: not a house the list can be filtered to.
    ("house=other", "house"),
    ("bench=middle", "bench"),
    ("tiktok=maybe", "tiktok"),
    ("sort=shoe-size", "sort"),
    ("topic=no-such-ban", "topic"),
    ("topic=%00", "topic"),
]
BAD_STATEMENT_QUERIES = [
    ("position=sometimes", "position"),
    # “No known position” is a politician's, never a statement's.
    ("position=none", "position"),
    ("party=no-such-party", "party"),
    ("house=senate", "house"),
    ("kind=rumour", "kind"),
    ("from=13/03/2023", "from"),
    ("from=2023-13-01", "from"),
    ("to=2023-02-30", "to"),
    ("to=yesterday", "to"),
    ("q=" + "x" * 201, "q"),
    ("topic=no-such-ban", "topic"),
    ("topic=%00", "topic"),
]


@pytest.mark.parametrize(
    ("url", "query", "parameter"),
    [
        (url, query, parameter)
        for url in LISTS_OF_POLITICIANS
        for query, parameter in BAD_POLITICIAN_QUERIES
    ]
    + [
        (url, query, parameter)
        for url in LISTS_OF_STATEMENTS
        for query, parameter in BAD_STATEMENT_QUERIES
    ]
    + [
        (url, "topic=no-such-ban", "topic")
        for url in ("/parties/", "/parties/labour/", "/methodology/")
    ],
)
def test_bad_query_answers_400_with_a_page_naming_the_parameter(
    client, site, url, query, parameter
):
    response = client.get(f"{url}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")  # downloads too: a reader's page
    soup = BeautifulSoup(response.content, "lxml")
    assert len(soup.find_all("h1")) == 1
    message = soup.select_one(".error-message").get_text(strip=True)
    assert message.split()[0].removesuffix(":") == parameter


@pytest.mark.parametrize(
    ("url", "query"),
    [
        # Each list takes only its own filters; another list's filter or a tracking tag on a
        # shared link is ignored rather than refused.
        ("/politicians/", "kind=debate&from=2023-01-01&utm_source=newsletter"),
        ("/politicians.csv", "kind=debate&utm_source=newsletter"),
        ("/statements/", "bench=front&tiktok=yes&utm_source=newsletter"),
        ("/statements.json", "sort=name&utm_source=newsletter"),
    ],
)
def test_a_parameter_a_list_does_not_take_is_ignored(client, site, url, query):
    assert client.get(f"{url}?{query}").status_code == 200


@pytest.mark.parametrize("url", ["/politicians/", "/statements/", "/corrections/"])
@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc"])
def test_a_page_past_the_end_or_not_a_number_is_404(client, site, url, page):
    assert client.get(f"{url}?page=1").status_code == 200

    response = client.get(f"{url}?page={page}")

    assert response.status_code == 404
    assert BeautifulSoup(response.content, "lxml").h1.get_text() == "Page not found"


def unknown_row_urls():
    """Each URL that names a row, naming one that does not exist."""
    unknown = {"slug": "no-such-thing", "pk": 999999}
    for name, route, names_a_row in resolver_patterns():
        if names_a_row:
            kwargs = {key: unknown[key] for key in re.findall(r"<\w+:(\w+)>", route)}
            yield reverse(name, kwargs=kwargs)


def test_unknown_slugs_and_ids_are_404(client, site):
    urls = [*unknown_row_urls(), "/statements/99999999999999999999999/", "/no-such-page/"]
    assert len(urls) >= 10
    for url in urls:
        response = client.get(url)

        assert response.status_code == 404, url
        if url.startswith("/api/"):
            # The API answers its clients in JSON, saying what was not found.
            assert response.json()["detail"], url
            continue
        soup = BeautifulSoup(response.content, "lxml")
        assert len(soup.find_all("h1")) == 1, url


ODD_QUERIES = [
    "q=%00",
    "q=%22",
    "q=-",
    "q=%22%22%22+or+-",
    "q=%26%7C%21%3A%2A%28",
    "q=%E2%80%8B",
    "party=%00",
    "party=&party=",
    "position=%00",
    "house=%00",
    "from=0000-01-01",
    "to=9999-12-31",
    "page=99999999999999999999",
    "page=last",
    "topic=",
    "topic=a%00b",
    "topic=%C3%A9",
]


@pytest.mark.parametrize("url", [*LISTS_OF_POLITICIANS, *LISTS_OF_STATEMENTS, "/parties/"])
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_query_strings_never_answer_500(client, site, url, query):
    client.raise_request_exception = False

    response = client.get(f"{url}?{query}")

    assert response.status_code in (200, 400, 404)


# A second topic


def quotes(soup, selector):
    return [" ".join(q.get_text().split()) for q in soup.select(selector)]


@pytest.fixture
def second_topic(topic):
    """A second topic made with a factory, beside the TikTok ban: one Labour MP who spoke on
    each, and a change of position on the new one."""
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    labour = PartyFactory(name="Labour", slug="labour")
    politician_with_statements(S, party=labour, name="Tik Tok", slug="tik-tok")
    seek = politician_with_statements(
        O, statements=2, topic=deepseek, party=labour, name="Dee Seek", slug="dee-seek"
    )
    position_change(seek, "", O, datetime.date(2025, 1, 1), topic=deepseek)
    on_deepseek = list(Statement.objects.filter(topic=deepseek).order_by("-said_on"))
    return {
        "statements": on_deepseek,
        "quotes": [f"“{statement.words}”" for statement in on_deepseek],
        "tiktok quotes": {f"“{w}”" for w in topic.statements.values_list("words", flat=True)},
    }


def test_a_second_topic_gets_its_own_dashboard_embed_and_methodology(client, second_topic):
    deepseek_quotes = second_topic["quotes"]

    dashboard = assert_is_a_complete_page(client.get("/topics/deepseek-ban/"))
    assert dashboard.h1.get_text(strip=True) == "DeepSeek ban"
    assert quotes(dashboard, ".statement blockquote") == deepseek_quotes
    tally = tally_of(dashboard)
    assert tally == {
        "Wants the ban extended": "0",
        "Supports the ban on government devices": "0",
        "Mixed or undecided": "0",
        "Opposes the ban": "1",
        "No known position": "1",
    }
    assert [li.a.get_text() for li in dashboard.select(".changes-list li")] == ["Dee Seek"]

    embed = assert_is_a_complete_page(client.get("/embed/deepseek-ban/"))
    assert tally_of(embed) == tally

    methodology = assert_is_a_complete_page(client.get("/methodology/?topic=deepseek-ban"))
    assert quotes(methodology, "#position-opposes blockquote") == deepseek_quotes[:1]
    assert quotes(methodology, "#position-supports blockquote") == []

    # Nothing said on the TikTok ban shows on any DeepSeek page.
    for soup in (dashboard, methodology):
        assert not second_topic["tiktok quotes"] & set(quotes(soup, "blockquote"))


def test_a_second_topic_lists_its_own_politicians_statements_and_parties(client, second_topic):
    politicians = assert_is_a_complete_page(client.get("/politicians/?topic=deepseek-ban"))
    assert {
        row.th.get_text(strip=True): row.select_one(".badge").get_text(strip=True)
        for row in politicians.select("#results tbody tr")
    } == {"Dee Seek": "Opposes the ban", "Tik Tok": "No known position"}

    statements = assert_is_a_complete_page(client.get("/statements/?topic=deepseek-ban"))
    assert quotes(statements, "#results blockquote") == second_topic["quotes"]
    # Nothing said on the TikTok ban shows on any DeepSeek page.
    assert not second_topic["tiktok quotes"] & set(quotes(statements, "blockquote"))

    party = assert_is_a_complete_page(client.get("/parties/labour/?topic=deepseek-ban"))
    assert {
        group.h3["id"]: [a.get_text() for a in group.select(".member-list a")]
        for group in party.select(".position-group")
    } == {"group-commons-opposes": ["Dee Seek"], "group-commons-none": ["Tik Tok"]}
    parties = assert_is_a_complete_page(client.get("/parties/?topic=deepseek-ban"))
    assert "DeepSeek ban" in parties.h1.get_text()
    assert parties.select_one("#party-labour a")["href"] == "/parties/labour/?topic=deepseek-ban"


def test_a_second_topic_gets_its_own_downloads_and_feed(client, second_topic):
    on_deepseek = second_topic["statements"]

    statement_rows = csv_dicts(client.get("/statements.csv?topic=deepseek-ban"))
    assert [f"“{row['words']}”" for row in statement_rows] == second_topic["quotes"]
    assert {row["topic"] for row in statement_rows} == {"deepseek-ban"}
    payload = json.loads(client.get("/statements.json?topic=deepseek-ban").getvalue())
    assert [row["id"] for row in payload["statements"]] == [s.pk for s in on_deepseek]
    people = csv_dicts(client.get("/politicians.csv?topic=deepseek-ban"))
    people_json = json.loads(client.get("/politicians.json?topic=deepseek-ban").getvalue())
    positions = {"Dee Seek": "opposes", "Tik Tok": "none"}
    assert {row["name"]: row["position"] for row in people} == positions
    assert {row["name"]: row["position"] for row in people_json["politicians"]} == positions

    feed = etree.fromstring(client.get("/feeds/topics/deepseek-ban/").content)
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")}
    assert links == {f"http://testserver{s.get_absolute_url()}" for s in on_deepseek}


def tally_of(soup):
    return {
        row.select_one(".tally-label").get_text(strip=True): row.strong.get_text()
        for row in soup.select(".tally-row")
    }


def test_sitemap_lists_public_pages_and_published_statements_only(client, site):
    draft = Statement.objects.create(
        politician=site["politician"],
        topic=site["statement"].topic,
        words="A draft nobody may see.",
        said_on=datetime.date(2023, 3, 1),
        outlet="Example",
        source_url="https://example.org/draft",
        source_kind="interview",
        position=Position.SUPPORTS,
    )

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        loc.text.removeprefix("http://testserver")
        for loc in etree.fromstring(response.content).iterfind("s:url/s:loc", namespace)
    }
    # The embed is for other sites' pages, and our archived copy of an article is someone
    # else's words: neither is a page of ours to offer search engines.
    archived_copy = reverse("sources:statement_source", args=[site["archived"].pk])
    not_offered = {"/embed/tiktok-ban/", archived_copy}
    assert set(public_urls(site)) - not_offered <= locations
    assert site["statement"].get_absolute_url() in locations
    assert draft.get_absolute_url() not in locations


def test_robots_keep_crawlers_out_of_the_admin_and_point_at_the_sitemap(client, site):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
