"""Every public page passes axe-core's WCAG 2.x A/AA rules and reads at 360 px wide.

The data is what a real page would hold: parties with brand colours, members in every position,
long roles and seats, a quote with a pasted address in it, paraphrases, changes of position, a
correction and a retraction. Screenshots of every page at 1280 and 360 px are kept as artifacts
(artifacts/screenshots/a11y_*.png).
"""

import csv
import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from politicians.models import Bench, House
from statements.models import (
    CorrectionKind,
    Position,
    PositionChange,
    SourceKind,
    StatementStatus,
    Topic,
)
from tests.browser.conftest import LIVE_BROWSER, axe_violations, save_screenshot
from tests.factories import (
    CorrectionFactory,
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
    position_change,
    stance_following,
)
from tests.reading import M, O

pytestmark = LIVE_BROWSER

PHONE_WIDTH = 360
SEARCH_WORD = "children"

# (party name, slug, short name, brand colour): the colours are the parties' own, some of them
# too light to carry text, which is why no page may lean on them.
PARTIES = [
    ("Conservative", "conservative", "Con", "#0087dc"),
    ("Labour", "labour", "Lab", "#e4003b"),
    ("Liberal Democrats", "liberal-democrats", "LD", "#faa61a"),
    ("Scottish National Party", "scottish-national-party", "SNP", "#fdf38e"),
    ("Green Party", "green-party", "Green", "#02a95b"),
]

# Fictional members, so that no real person is quoted: name, party slug, seat, role, and
# position ("none" for no known position), as a member list would give them.
CHAMBER_CSV = Path(__file__).parent / "samples" / "chamber.csv"


def chamber_members():
    with CHAMBER_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [
        (name, party, seat, role, None if position == "none" else Position(position))
        for name, party, seat, role, position in rows
    ]


WORDS = {
    Position.WANTS_EXTENDED: (
        "Government devices are only the beginning: the counterintelligence implications of "
        "data harvesting by apps like this reach every phone our children carry. See "
        "https://www.gov.uk/government/news/tiktok-banned-on-uk-government-devices-as-part-of-"
        "wider-app-review for the announcement."
    ),
    Position.SUPPORTS: (
        "Banning the app on ministerial phones is a proportionate, sensible precaution, and "
        "I support it wholeheartedly."
    ),
    Position.MIXED: (
        "I understand the security worries, but I also hear from young constituents and their "
        "children's teachers who use it every day; I have not made up my mind."
    ),
    Position.OPPOSES: (
        "This is performative securitisation: an internationalisation of a culture war that "
        "will do nothing for our children's safety online."
    ),
}


def build_chamber():
    """Thirteen members across all five positions, with the record a live site would hold."""
    topic = Topic.objects.get(slug="tiktok-ban")
    parties = {
        slug: PartyFactory(name=name, slug=slug, short_name=short, colour=colour)
        for name, slug, short, colour in PARTIES
    }
    now = timezone.now()
    politicians, statements = {}, []
    for n, (name, party, seat, role, position) in enumerate(chamber_members()):
        politician = PoliticianFactory(
            name=name,
            sort_name=f"{name.split()[-1]}, {' '.join(name.split()[:-1])}",
            slug=slugify(name),
            party=parties[party],
            constituency=seat,
            role=role,
            bench=Bench.FRONT if role else Bench.BACK,
            house=House.COMMONS,
            has_tiktok_account=n % 3 == 0,
        )
        politicians[name] = politician
        if position is None:
            continue
        said = []
        for k in range(2):
            said.append(
                StatementFactory(
                    published=True,
                    politician=politician,
                    topic=topic,
                    position=position,
                    words=WORDS[position],
                    is_paraphrase=k == 1,
                    said_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=n * 3 + k),
                    outlet="BBC Radio 4 Today programme" if k == 0 else "The Guardian",
                    source_kind=SourceKind.INTERVIEW if k == 0 else SourceKind.NEWS_ARTICLE,
                    archive_url=f"https://web.archive.org/web/2023/https://news.example/{n}-{k}",
                    context="Asked about the Cabinet Office announcement of 16 March 2023.",
                )
            )
        statements.extend(said)
        stance_following(said[-1])
        PositionChange.objects.create(
            politician=politician,
            topic=topic,
            from_position="",
            to_position=position,
            changed_on=said[0].said_on,
            statement=said[0],
        )

    # Someone who moved: an earlier position, then their current one.
    mover = politicians["Priya Ramaswamy"]
    position_change(mover, O, M, datetime.date(2023, 4, 2))
    position_change(mover, M, O, datetime.date(2023, 5, 9), set_by_editors=True)

    # A correction to a published statement, and a retraction of another.
    corrected = statements[0]
    CorrectionFactory(
        statement=corrected,
        kind=CorrectionKind.CORRECTION,
        note="We first gave the date as 16 March 2023; the interview was broadcast on 1 March.",
    )
    retracted = StatementFactory(
        politician=politicians["Tom Ashdown"],
        topic=topic,
        position=Position.OPPOSES,
        words="I would never stop anyone using the app, wherever they work.",
        status=StatementStatus.RETRACTED,
        published_at=now,
        first_published_at=now,
        retracted_at=now,
        retraction_reason="The quote was from a different Tom Ashdown, a local councillor.",
        said_on=datetime.date(2023, 3, 20),
    )
    CorrectionFactory(
        statement=retracted,
        kind=CorrectionKind.RETRACTION,
        note="Retracted: the quote was from a different person of the same name.",
    )
    return {
        "politician": mover.slug,
        "party": "labour",
        "statement": corrected.pk,
        "retracted": retracted.pk,
        "word": SEARCH_WORD,
    }


@pytest.fixture
def chamber(db):
    return build_chamber()


PAGES = {
    "dashboard": "/",
    "politicians": "/politicians/",
    "politicians-filtered": "/politicians/?party={party}&position=supports",
    "statements": "/statements/",
    "statements-search": "/statements/?q={word}",
    "politician": "/politicians/{politician}/",
    "statement": "/statements/{statement}/",
    "statement-retracted": "/statements/{retracted}/",
    "parties": "/parties/",
    "party": "/parties/{party}/",
    "methodology": "/methodology/",
    "corrections": "/corrections/",
    "embed": "/embed/tiktok-ban/",
}


def readable(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {target}" for target in violation["nodes"])
    return "\n".join(lines)


def open_page(page, live_server, chamber, name):
    response = page.goto(live_server.url + PAGES[name].format(**chamber))
    assert response.status == 200, f"{PAGES[name]} answered {response.status}"


def assert_page_has_content(page, name):
    """Guard against a page that passes axe because it is empty: the data must be on it."""
    if name == "statements-search":
        expect(page.locator(".statement mark").first).to_have_text(SEARCH_WORD)
    elif name == "politicians-filtered":
        expect(page.locator("#results tbody tr")).to_have_count(1)
        expect(page.locator("#results tbody th a")).to_have_text("Gareth Llewellyn")
    elif name == "corrections":
        expect(page.locator(".correction")).to_have_count(2)
    elif name == "statement-retracted":
        expect(page.locator(".notice-retracted")).to_contain_text("was retracted")
    elif name == "dashboard":
        expect(page.locator(".changes-list li").first).to_be_visible()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(live_server, chamber, axe_page, name):
    open_page(axe_page, live_server, chamber, name)
    assert_page_has_content(axe_page, name)
    save_screenshot(axe_page, f"a11y_1280px_{name}")

    violations = axe_violations(axe_page)

    assert violations == [], f"axe found on {PAGES[name]}:\n{readable(violations)}"


def test_axe_reports_a_control_that_lost_its_label(live_server, chamber, axe_page):
    # The check above can fail: take the label off the search box and axe must say so.
    open_page(axe_page, live_server, chamber, "politicians")
    assert axe_violations(axe_page) == []

    axe_page.locator("label[for=q]").evaluate("label => label.remove()")

    violations = axe_violations(axe_page)
    assert [v["id"] for v in violations] == ["label"]
    assert violations[0]["nodes"] == ["#q"]


# Lists what a reader at 360 px would have to scroll sideways to see: any visible element, or
# run of text (a long word or pasted address overflows its box without widening it), whose right
# edge passes the viewport. Visually hidden text (1 px, clipped) is left out.
SPILLS = """(width) => {
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const shown = (el) => {
        const style = getComputedStyle(el);
        return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1 || !shown(el)) continue;
        if (box.right > width + 0.5) {
            out.push(`${describe(el)} right edge at ${Math.round(box.right)}px: ` +
                     (el.innerText || '').slice(0, 60).replace(/\\s+/g, ' '));
        }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
        const text = walker.currentNode;
        const parent = text.parentElement;
        // Text clipped to a 1 px box is for screen readers only.
        if (!text.textContent.trim() || !shown(parent)) continue;
        if (parent.getBoundingClientRect().width <= 1) continue;
        range.selectNodeContents(text);
        const box = range.getBoundingClientRect();
        if (box.width > 1 && box.height > 1 && box.right > width + 0.5) {
            out.push(`text in ${describe(parent)} runs to ` +
                     `${Math.round(box.right)}px: ${text.textContent.trim().slice(0, 60)}`);
        }
    }
    return out.slice(0, 12);
}"""


@pytest.mark.parametrize("name", list(PAGES))
def test_page_reads_at_phone_width(live_server, chamber, phone_page, name):
    open_page(phone_page, live_server, chamber, name)
    assert_page_has_content(phone_page, name)
    save_screenshot(phone_page, f"a11y_360px_{name}")

    heading = phone_page.locator("h1")
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    spills = phone_page.evaluate(SPILLS, PHONE_WIDTH)
    assert spills == [], f"{PAGES[name]} spills past {PHONE_WIDTH}px:\n" + "\n".join(spills)
    scroll_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE_WIDTH, f"{PAGES[name]} scrolls sideways: {scroll_width}px"


@pytest.mark.parametrize("name", ["dashboard", "politicians", "statement"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, chamber, page, name):
    open_page(page, live_server, chamber, name)
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    # Shown when focused, so a sighted keyboard user knows where they are.
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab goes on from the content, not back to the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    save_screenshot(page, f"a11y_keyboard_{name}")
