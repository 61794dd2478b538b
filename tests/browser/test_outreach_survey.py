"""A newsroom's survey, end to end: staff record outreach to five MPs in one batch from the
politicians list; one declines, one replies with a statement a reviewer publishes. The
dashboard's survey line, the politicians list's coverage facet and each person's page say so.
"""

import re

from playwright.sync_api import expect

from outreach.models import Outreach
from statements.models import Position
from statements.services import statement_save_draft
from tests.browser.conftest import LIVE_BROWSER, login, save_screenshot
from tests.factories import (
    PartyFactory,
    PoliticianFactory,
    StatementFactory,
)

pytestmark = LIVE_BROWSER

ASKED = ["Ada Archer", "Ben Brook", "Cat Cole", "Dan Dale", "Eve East"]


def test_staff_record_a_survey_and_every_public_page_says_who_replied_declined_or_was_silent(
    live_server, browser, page, editor, reviewer
):
    party = PartyFactory(name="Labour", slug="labour")
    people = {
        name: PoliticianFactory(
            name=name,
            sort_name=f"{name.split()[1]}, {name.split()[0]}",
            party=party,
            slug=name.lower().replace(" ", "-"),
        )
        for name in [*ASKED, "Fay Field"]
    }

    # Five MPs in one batch, from the politicians list.
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/politicians/politician/")
    for name in ASKED:
        page.locator("#result_list tr", has_text=name).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("record_outreach")
    page.get_by_title("Run the selected action").click()
    expect(page.locator("#record_outreach_form")).to_be_visible()
    page.get_by_label("Date asked").fill("2023-03-14")
    page.get_by_label("How").select_option("email")
    page.get_by_role("button", name="Record outreach").click()
    expect(page.locator(".messagelist")).to_contain_text("Recorded outreach to 5 politician(s)")
    assert Outreach.objects.filter(asked_by=editor).count() == 5

    # Ben Brook declines.
    declined = Outreach.objects.get(politician=people["Ben Brook"])
    page.goto(f"{live_server.url}/admin/outreach/outreach/{declined.pk}/change/")
    page.get_by_label("Outcome").select_option("declined")
    page.get_by_label("Date of the answer").fill("2023-03-15")
    page.get_by_label("Their words").fill("We do not comment on apps.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # Cat Cole replies: her words are entered as a draft, the outreach points at them.
    reply = statement_save_draft(
        statement=StatementFactory.build(
            politician=people["Cat Cole"],
            words="Government phones should never carry the app.",
            position=Position.SUPPORTS,
        ),
        actor=editor,
    )
    replied = Outreach.objects.get(politician=people["Cat Cole"])
    page.goto(f"{live_server.url}/admin/outreach/outreach/{replied.pk}/change/")
    page.get_by_label("Outcome").select_option("replied")
    page.get_by_label("Date of the answer").fill("2023-03-16")
    page.locator("#id_statement").fill(str(reply.pk))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.context.clear_cookies()

    # Until a reviewer publishes the reply, she counts as asked, with no reply.
    page.goto(f"{live_server.url}/")
    expect(page.locator("#survey")).to_have_text(
        "We asked 5 of 6 MPs; 0 replied, 1 declined, 4 have not replied."
    )

    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/statements/statement/{reply.pk}/change/")
    page.get_by_role("button", name="Publish this statement").click()
    expect(page.locator(".messagelist")).to_contain_text("Published. The public can now see it.")
    page.context.clear_cookies()

    page.goto(f"{live_server.url}/")
    expect(page.locator("#survey")).to_have_text(
        "We asked 5 of 6 MPs; 1 replied, 1 declined, 3 have not replied."
    )
    save_screenshot(page, "outreach_survey_dashboard")

    page.goto(f"{live_server.url}/politicians/")
    for value, count in {"not_asked": 1, "no_reply": 3, "declined": 1, "replied": 1}.items():
        expect(page.locator(f"#count-coverage-{value}")).to_have_text(str(count))
    page.locator("#coverage-declined").check()
    page.get_by_role("button", name="Show politicians").click()
    expect(page).to_have_url(re.compile(r"coverage=declined"))
    expect(page.locator("#results tbody th a")).to_have_text(["Ben Brook"])
    save_screenshot(page, "outreach_survey_list_declined")

    expected = {
        "Ada Archer": "Asked on 14 March 2023, no reply.",
        "Ben Brook": "Declined to say on 15 March 2023.",
        "Dan Dale": "Asked on 14 March 2023, no reply.",
        "Eve East": "Asked on 14 March 2023, no reply.",
        "Fay Field": "Not yet asked.",
    }
    for name, sentence in expected.items():
        page.goto(f"{live_server.url}{people[name].get_absolute_url()}")
        expect(page.locator("#coverage-tiktok-ban .coverage-state")).to_have_text(sentence)
        expect(page.locator("main")).not_to_contain_text("eddie")
        expect(page.locator("main")).not_to_contain_text("We do not comment on apps.")
    page.goto(f"{live_server.url}{people['Cat Cole'].get_absolute_url()}")
    expect(page.locator(".stance")).to_contain_text("Supports the ban on government devices")
    expect(page.locator("#coverage-tiktok-ban")).to_have_count(0)
    save_screenshot(page, "outreach_survey_reply_published")
