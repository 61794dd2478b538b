"""Whatever an editor types, every public rendering shows it as text and nothing more.

Script tags, event handlers, javascript: links, spreadsheet formulas and control characters go
into every field an editor types (the way a compromised account or a pasted page might put
them there), and then every rendering is read as its consumer reads it: HTML and the embed by
an HTML parser, Atom by an XML parser, JSON by a JSON parser, CSV by a spreadsheet's rules.
"""

import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from lxml import etree
from PIL import Image

from statements.models import Correction, CorrectionKind, Position, Stance
from tests.factories import PartyFactory, PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'
# No NUL: PostgreSQL cannot store one in text at all (and the admin refuses every control).
CONTROL = "bell\x07 escape\x1b[31m start\x01 and vertical\x0btab"
RTL = "\u202egnp.exe"


def hostile(label: str) -> str:
    """Every attack in one string, named so the test can find where it lands."""
    return f"{label} {SCRIPT} {CONTROL} {RTL}"


@pytest.fixture
def hostile_site(topic):
    party = PartyFactory(name=f"=Party {SCRIPT}", slug="hostile-party", short_name="+cmd|")
    politician = PoliticianFactory(
        name=f"@Name {SCRIPT}{CONTROL}",
        sort_name=f"-Sort {SCRIPT}",
        slug="hostile-person",
        party=party,
        role=hostile("role"),
        constituency=hostile("constituency"),
    )
    statement = StatementFactory(
        published=True,
        politician=politician,
        words=f"{FORMULA} {hostile('words')}",
        outlet=f"\tOutlet {SCRIPT}",
        context=hostile("context"),
        source_url="https://news.example/story?x=<script>alert(1)</script>",
        archive_url="https://archive.example/javascript:alert(1)",
        position=Position.OPPOSES,
    )
    Stance.objects.create(
        politician=politician, topic=topic, position=Position.OPPOSES, as_of=statement.said_on,
        based_on=statement, summary=hostile("summary"),
    )  # fmt: skip
    Correction.objects.create(
        statement=statement, kind=CorrectionKind.CORRECTION, note=hostile("note")
    )
    topic.summary = hostile("topic summary")
    topic.save()
    return {"politician": politician, "statement": statement, "party": party, "topic": topic}


HTML_PAGES = [
    "/",
    "/politicians/",
    "/politicians/hostile-person/",
    "/statements/",
    "/statements/?q=words",
    "/parties/",
    "/parties/hostile-party/",
    "/corrections/",
    "/methodology/",
    "/embed/tiktok-ban/",
]
FEEDS = [
    "/feeds/statements/",
    "/feeds/politicians/hostile-person/",
    "/feeds/parties/hostile-party/",
    "/feeds/topics/tiktok-ban/",
    "/feeds/corrections/",
]
C0_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_html_pages_and_the_embed_show_hostile_text_as_text(client, hostile_site):
    statement = hostile_site["statement"]
    for url in [*HTML_PAGES, statement.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(body(response), "lxml")

        scripts = [tag.get("src", "") for tag in soup.find_all("script")]
        assert all(src.startswith("/static/") for src in scripts), (url, scripts)
        assert not soup.find("img", src="x"), url
        handlers = [
            (tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs
            if attr.lower().startswith("on")
        ]  # fmt: skip
        assert handlers == [], url
        links = [
            tag.get("href", "") + tag.get("src", "")
            for tag in soup.find_all(["a", "iframe", "img"])
        ]
        assert not [
            link for link in links if link.strip().lower().startswith(("javascript:", "data:text"))
        ], url
    page = BeautifulSoup(body(client.get(statement.get_absolute_url())), "lxml")
    assert '<script>alert("x")</script>' in page.main.get_text()


def test_atom_feeds_parse_and_carry_hostile_text_as_text(client, hostile_site):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url

        assert not C0_CONTROLS.search(body(response).decode()), url
        feed = etree.fromstring(body(response))  # must be well-formed XML 1.0

        assert feed.tag == "{http://www.w3.org/2005/Atom}feed", url
        text = " ".join(feed.itertext())
        assert "<script>" not in etree.tostring(feed).decode().replace("&lt;script&gt;", ""), url
        if url != "/feeds/corrections/":
            assert '<script>alert("x")</script>' in text, url


def test_json_downloads_give_back_exactly_the_words_held(client, hostile_site):
    statement = hostile_site["statement"]
    rows = json.loads(body(client.get("/statements.json")))
    rows = rows["statements"] if isinstance(rows, dict) else rows
    (row,) = [
        r
        for r in rows
        if r.get("id") == statement.pk or r.get("url", "").endswith(f"/{statement.pk}/")
    ]

    assert row["words"] == statement.words  # JSON carries any text exactly, escaped
    people = json.loads(body(client.get("/politicians.json")))
    assert "hostile-person" in json.dumps(people)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def test_csv_downloads_never_start_a_cell_with_a_formula(client, hostile_site):
    for url in ["/statements.csv", "/politicians.csv"]:
        text = body(client.get(url)).decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]

        assert cells, url
        assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == [], url
        assert any("HYPERLINK" in cell for cell in cells) or url == "/politicians.csv"


def test_a_javascript_link_cannot_be_saved_as_a_source(hostile_site):
    statement = hostile_site["statement"]
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "ftp://x.example/",
    ]:
        statement.source_url = url
        with pytest.raises(ValidationError):
            statement.full_clean()


@pytest.mark.parametrize(
    ("url", "field"),
    [("/admin/politicians/party/add/", "name"), ("/admin/statements/topic/add/", "title")],
)
def test_the_admin_refuses_control_characters_in_what_staff_type(client, reviewer, url, field):
    from tests.admin_forms import form_values

    client.force_login(reviewer)
    form = BeautifulSoup(client.get(url).content, "lxml").select_one("#content-main form")
    data = {**form_values(form), field: "Pasted\x07 from a PDF"}

    response = client.post(url, data)

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "lxml").select(".errorlist li")
    assert any("invisible control character (U+0007)" in e.get_text() for e in errors)


def test_the_api_gives_back_exactly_the_text_held_as_json(client, hostile_site):
    politician, statement = hostile_site["politician"], hostile_site["statement"]
    for url in ["/api/v1/politicians/hostile-person/", "/api/v1/statements/", "/api/v1/parties/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json"), url
        json.loads(response.content)  # well-formed whatever the text held

    person = client.get("/api/v1/politicians/hostile-person/").json()
    assert person["name"] == politician.name  # the words as typed, for the reader to escape
    listed = json.dumps(client.get("/api/v1/statements/").json())
    assert json.dumps(statement.words)[1:-1] in listed


def test_share_cards_draw_hostile_text_as_pixels(client, hostile_site):
    statement = hostile_site["statement"]
    for url in [
        "/cards/politicians/hostile-person.png",
        f"/cards/statements/{statement.pk}.png",
        "/cards/topics/tiktok-ban.png",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png", url
        assert Image.open(io.BytesIO(body(response))).size == (1200, 630), url
