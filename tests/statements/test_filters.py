"""A bad filter value answers 400 with a page that tells the reader what the parameter takes.

Every list and both of its downloads share one FilterSet, so each message is checked on all
three, as a reader pasting a hand-edited link would see it.
"""

import pytest
from bs4 import BeautifulSoup

from tests.factories import PartyFactory, TopicFactory

pytestmark = pytest.mark.django_db

POLITICIANS = ["/politicians/", "/politicians.csv", "/politicians.json"]
STATEMENTS = ["/statements/", "/statements.csv", "/statements.json"]

STATEMENT_POSITIONS = (
    "wants_extended (Wants the ban extended), supports (Supports the ban on government devices), "
    "mixed (Mixed or undecided) or opposes (Opposes the ban)"
)
POLITICIAN_POSITIONS = (
    "wants_extended (Wants the ban extended), supports (Supports the ban on government devices), "
    "mixed (Mixed or undecided), opposes (Opposes the ban) or none (No known position)"
)
LEGISLATURES = (
    "commons (House of Commons), lords (House of Lords), scottish-parliament (Scottish "
    "Parliament), senedd (Senedd) or ni-assembly (Northern Ireland Assembly)"
)
# Statements by other voices are public and searchable, so their “house” is a filter there.
HOUSES = (
    "commons (House of Commons), lords (House of Lords), scottish-parliament (Scottish "
    "Parliament), senedd (Senedd), ni-assembly (Northern Ireland Assembly) or other "
    "(Other voices)"
)
NO_SUCH_PARTY = "party: there is no party “no-such-party”. See the parties we list at /parties/."

FOR_EITHER_LIST = [
    ("party=no-such-party", NO_SUCH_PARTY),
    (
        "topic=deepseek",
        "topic must be one of: deepseek-ban (DeepSeek ban) or tiktok-ban (TikTok ban on "
        "government devices). The link says “deepseek”.",
    ),
    (
        # What the reader typed is quoted back, but never an invisible character.
        "topic=%00",
        "topic must be one of: deepseek-ban (DeepSeek ban) or tiktok-ban (TikTok ban on "
        "government devices). The link says “\N{REPLACEMENT CHARACTER}”.",
    ),
]
FOR_POLITICIANS = [
    ("house=senate", f"house must be one of: {LEGISLATURES}. The link says “senate”."),
    (
        "position=supports&position=sometimes",
        f"position must be one of: {POLITICIAN_POSITIONS}. The link says “sometimes”.",
    ),
    (
        "bench=middle",
        "bench must be one of: front (Frontbench), back (Backbench) or unknown (Not known). "
        "The link says “middle”.",
    ),
    (
        "tiktok=maybe",
        "tiktok must be one of: yes (Runs a TikTok account) or no (No TikTok account). "
        "The link says “maybe”.",
    ),
    (
        "sort=shoe-size",
        "sort must be one of: name (Name, A to Z), -name (Name, Z to A), party (Party), "
        "-party (Party, Z to A), position (Position, hardest line first), -position (Position, "
        "softest first), constituency (Constituency, A to Z) or -constituency (Constituency, "
        "Z to A). The link says “shoe-size”.",
    ),
    ("q=" + "x" * 201, "q can be at most 200 characters long; this one has 201."),
]
FOR_STATEMENTS = [
    ("house=senate", f"house must be one of: {HOUSES}. The link says “senate”."),
    (
        "position=sometimes",
        f"position must be one of: {STATEMENT_POSITIONS}. The link says “sometimes”.",
    ),
    (
        "kind=rumour",
        "kind must be one of: interview (Interview), news_article (News article), debate "
        "(Parliamentary debate), social_media (Social media post), press_release (Press "
        "release), letter (Letter) or video (Video). The link says “rumour”.",
    ),
    (
        "from=13/03/2023",
        "from must be a date written YYYY-MM-DD, such as 2023-03-16. The link says “13/03/2023”.",
    ),
    (
        "to=2023-02-30",
        "to must be a date written YYYY-MM-DD, such as 2023-03-16. The link says “2023-02-30”, "
        "which is not a day in the calendar.",
    ),
    ("q=" + "x" * 201, "q can be at most 200 characters long; this one has 201."),
]


@pytest.fixture
def topics(topic):
    PartyFactory(name="Labour", slug="labour")
    TopicFactory(title="DeepSeek ban", slug="deepseek-ban")


def problems_on(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text() == "That address has a value we cannot use"
    return soup, [p.get_text() for p in soup.select(".error-message p")]


@pytest.mark.parametrize(
    ("url", "query", "message"),
    [(url, q, m) for url in POLITICIANS for q, m in FOR_EITHER_LIST + FOR_POLITICIANS]
    + [(url, q, m) for url in STATEMENTS for q, m in FOR_EITHER_LIST + FOR_STATEMENTS],
)
def test_a_bad_value_is_explained_in_the_readers_words(client, topics, url, query, message):
    assert client.get(url).status_code == 200

    soup, problems = problems_on(client.get(f"{url}?{query}"))

    assert problems == [message]
    assert "valid choice" not in soup.get_text()


@pytest.mark.parametrize("url", [*POLITICIANS, *STATEMENTS])
def test_an_unknown_party_links_to_the_parties_we_list(client, topics, url):
    soup, problems = problems_on(client.get(f"{url}?party=labour&party=no-such-party"))

    assert problems == [NO_SUCH_PARTY]
    assert [(a.get_text(), a["href"]) for a in soup.select(".error-links a")] == [
        ("The parties we list", "/parties/")
    ]


def test_every_bad_parameter_is_explained_at_once(client, topics):
    _, problems = problems_on(
        client.get("/statements/?party=no-such-party&kind=debate&from=yesterday&to=2023-12-31")
    )

    assert problems == [
        NO_SUCH_PARTY,
        "from must be a date written YYYY-MM-DD, such as 2023-03-16. The link says “yesterday”.",
    ]


@pytest.mark.parametrize("url", ["/parties/", "/parties/labour/", "/methodology/"])
def test_pages_that_take_only_a_topic_list_the_topics(client, topics, url):
    _, problems = problems_on(client.get(f"{url}?topic=no-such-ban"))

    assert problems == [
        "topic must be one of: deepseek-ban (DeepSeek ban) or tiktok-ban (TikTok ban on "
        "government devices). The link says “no-such-ban”."
    ]


def test_a_long_value_is_quoted_back_shortened(client, topics):
    _, problems = problems_on(client.get("/politicians/?house=" + "a" * 300))

    assert problems == [f"house must be one of: {LEGISLATURES}. The link says “{'a' * 40}…”."]
