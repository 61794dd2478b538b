"""From an article to published statements, with our archived copy, in real Chromium.

An editor pastes the address of an article served by a local test server, ticks three of the
candidates, corrects one speaker and makes drafts; a reviewer publishes them; the statement's
public page links our archived copy; once the test server answers 404 for the article, a link
check marks it dead and the pages say so.
"""

import re

from playwright.sync_api import expect

from sources.tasks import link_check_all
from statements.models import Source, Statement, StatementStatus
from tests.article_server import ARTICLE_HTML, ARTICLE_SPEAKERS, Answer
from tests.browser.conftest import LIVE_BROWSER, login, save_screenshot
from tests.factories import PoliticianFactory

pytestmark = LIVE_BROWSER


def _candidate(page, words):
    return page.locator("fieldset.intake-candidate", has_text=words)


def test_editor_makes_drafts_from_an_article_reviewer_publishes_and_a_dead_link_is_told(
    live_server, browser, page, article_server, editor, reviewer
):
    for spec in ARTICLE_SPEAKERS:
        PoliticianFactory(**spec)
    article_server.routes["/politics/tiktok-ban"] = Answer(body=ARTICLE_HTML.encode())
    article_url = article_server.url("/politics/tiktok-ban")

    # The editor starts from the Sources list and pastes the article's address.
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/statements/source/")
    page.get_by_role("link", name="New from an article").click()
    page.get_by_label("Article address").fill(article_url)
    page.get_by_role("button", name="Find the statements").click()
    expect(page.locator("h1")).to_have_text("Review the article's statements")
    expect(page.locator("fieldset.intake-candidate")).to_have_count(6)

    lowe = _candidate(page, "This ban should cover every phone a minister")
    ashdown = _candidate(page, "Banning an app is not a data protection policy")
    eastbrook = _candidate(page, "Nobody should have to choose")
    expect(lowe.locator("input[list=speakers]")).to_have_value("harriet-lowe")
    expect(eastbrook.locator("input[list=speakers]")).to_have_value("")  # “the member for…”

    # Ticks three candidates, one of them from the keyboard.
    lowe.get_by_label(re.compile("Make a draft of candidate")).check()
    ashdown.get_by_label(re.compile("Make a draft of candidate")).focus()
    page.keyboard.press("Space")
    eastbrook.get_by_label(re.compile("Make a draft of candidate")).check()
    # Corrects the speaker the article left as “the member for Eastbrook”, and the positions.
    eastbrook.get_by_label("Speaker").fill("owen-pritchard")
    eastbrook.get_by_label("Position").select_option("mixed")
    ashdown.get_by_label("Position").select_option("opposes")
    page.get_by_role("button", name="Make drafts of the ticked candidates").click()
    expect(page.locator(".messagelist")).to_contain_text("3 draft statements made")

    drafts = Statement.objects.order_by("pk")
    assert [(d.politician.slug, d.position, d.status) for d in drafts] == [
        ("harriet-lowe", "wants_extended", StatementStatus.DRAFT),
        ("gwen-ashdown", "opposes", StatementStatus.DRAFT),
        ("owen-pritchard", "mixed", StatementStatus.DRAFT),
    ]
    assert {(d.source_url, d.outlet) for d in drafts} == {(article_url, "The Westford Courier")}

    # The reviewer publishes them.
    page.context.clear_cookies()
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/statements/statement/?review=draft")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 3 statement")

    # The public statement page links our archived copy, which marks the quoted words.
    page.context.clear_cookies()
    lowe_statement = drafts[0]
    page.goto(f"{live_server.url}{lowe_statement.get_absolute_url()}")
    expect(page.locator(".dead-link")).to_have_count(0)
    page.get_by_role("link", name="The source as we captured it").click()
    expect(page.locator("h1")).to_have_text("Our archived copy of the source")
    expect(page.locator(".archived-article mark")).to_have_text(lowe_statement.words)
    expect(page.locator(".source-facts")).to_contain_text("The Westford Courier")
    expect(page.locator(".notice-dead-link")).to_have_count(0)

    # The article disappears; the scheduled link check finds it gone.
    article_server.routes["/politics/tiktok-ban"] = Answer(status=404, body=b"Not found")
    link_check_all()
    assert Source.objects.get(url=article_url).is_link_dead

    page.goto(f"{live_server.url}{lowe_statement.get_absolute_url()}")
    dead = page.locator(".dead-link")
    expect(dead).to_contain_text("Dead since")
    dead.get_by_role("link", name="our archived copy").click()
    expect(page.locator(".notice-dead-link h2")).to_have_text("The original link is dead")
    save_screenshot(page, "archived-copy-dead-link")
