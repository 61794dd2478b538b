"""The admin as editors and reviewers meet it, through the test client."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from statements.models import PositionChange, Statement, StatementStatus
from statements.services import stance_pin, statement_publish, statement_save_draft
from tests.admin_forms import statement_form_data
from tests.factories import PoliticianFactory, StanceFactory, StatementFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:statements_statement_changelist")
ADD = reverse("admin:statements_statement_add")


def action_names(response):
    soup = BeautifulSoup(response.content, "lxml")
    options = soup.select("select[name=action] option")
    return {option["value"] for option in options if option["value"]}


def test_editor_adds_a_statement_as_a_draft(client, editor, topic):
    client.force_login(editor)
    politician = PoliticianFactory()

    response = client.post(ADD, statement_form_data(politician, topic))

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.status, statement.entered_by) == (StatementStatus.DRAFT, editor)


def test_add_form_starts_on_the_default_topic_without_correction_or_review_fields(
    client, editor, topic
):
    client.force_login(editor)

    soup = BeautifulSoup(client.get(ADD).content, "lxml")

    selected = soup.select_one("select[name=topic] option[selected]")
    assert selected is not None and selected["value"] == str(topic.pk)
    assert soup.select_one("textarea[name=pending_correction_note]") is None
    assert "Reviewed by" not in soup.get_text()


def test_change_form_of_a_published_statement_asks_for_a_correction_note(client, editor, topic):
    client.force_login(editor)
    statement = StatementFactory(published=True)

    response = client.get(reverse("admin:statements_statement_change", args=[statement.pk]))

    soup = BeautifulSoup(response.content, "lxml")
    assert soup.select_one("textarea[name=pending_correction_note]") is not None


def test_form_shows_clear_errors_for_future_date_and_bad_link(client, editor, topic):
    client.force_login(editor)
    data = statement_form_data(
        PoliticianFactory(), topic, said_on="2999-01-01", source_url="javascript:alert(1)"
    )

    response = client.post(ADD, data)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    errors = " ".join(e.get_text(" ") for e in soup.select(".errorlist"))
    assert "The date said cannot be in the future." in errors
    assert "http:// or https://" in errors
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        ("day", datetime.date(2023, 3, 15)),
        ("month", datetime.date(2023, 3, 1)),
        ("year", datetime.date(2023, 1, 1)),
    ],
)
def test_a_date_known_to_the_month_or_year_is_kept_as_its_start(
    client, editor, topic, precision, stored
):
    client.force_login(editor)
    data = statement_form_data(
        PoliticianFactory(), topic, said_on="2023-03-15", said_on_precision=precision
    )

    response = client.post(ADD, data)

    assert response.status_code == 302
    assert Statement.objects.get().said_on == stored


def test_editor_is_not_offered_publish_and_cannot_force_it(client, editor, topic):
    statement = StatementFactory(entered_by=None)
    client.force_login(editor)

    assert "publish" not in action_names(client.get(CHANGELIST))

    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [statement.pk]}, follow=True
    )
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT
    assert response.status_code == 200


def test_reviewer_publishes_through_the_action(client, reviewer, editor, topic):
    statement = StatementFactory(entered_by=editor)
    client.force_login(reviewer)
    assert "publish" in action_names(client.get(CHANGELIST))

    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [statement.pk]}, follow=True
    )

    statement.refresh_from_db()
    assert (statement.status, statement.reviewed_by) == (StatementStatus.PUBLISHED, reviewer)
    assert "Published 1 statement" in response.content.decode()


def test_status_cannot_be_set_through_the_form(client, editor, topic):
    client.force_login(editor)

    client.post(ADD, statement_form_data(PoliticianFactory(), topic, status="published"))

    assert Statement.objects.get().status == StatementStatus.DRAFT


def test_nobody_can_delete_a_statement_in_the_admin(client, superuser, topic):
    statement = StatementFactory()
    client.force_login(superuser)

    response = client.post(
        reverse("admin:statements_statement_delete", args=[statement.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_politician_search_finds_by_name_and_constituency(client, editor):
    PoliticianFactory(name="Alicia Kearns", constituency="Rutland and Melton")
    PoliticianFactory(name="Ben Bradley", constituency="Mansfield")
    client.force_login(editor)
    url = reverse("admin:politicians_politician_changelist")

    by_seat = BeautifulSoup(client.get(url, {"q": "rutland"}).content, "lxml")
    names = [a.get_text() for a in by_seat.select("#result_list tbody th a")]

    assert names == ["Alicia Kearns"]


# The review queue


def test_changelist_counts_what_awaits_review(client, reviewer, editor, topic):
    StatementFactory.create_batch(3, entered_by=editor)
    StatementFactory(entered_by=reviewer)
    StatementFactory(published=True)
    client.force_login(reviewer)

    soup = BeautifulSoup(client.get(CHANGELIST).content, "lxml")

    summary = " ".join(soup.select_one(".review-summary").get_text(" ").split())
    assert "4 awaiting review (3 entered or changed by someone other than you" in summary
    assert "4 new drafts and 0 corrections to published statements" in summary
    assert "1 published" in summary
    assert soup.select_one(".review-summary a")["href"] == "?review=awaiting"
    # The review filter carries the same counts.
    awaiting = soup.find("a", string=lambda text: text and text.startswith("Awaiting review"))
    assert "(4)" in awaiting.get_text()
    awaiting_page = BeautifulSoup(client.get(CHANGELIST + "?review=awaiting").content, "lxml")
    assert len(awaiting_page.select("#result_list tbody tr")) == 4


def test_list_shows_who_reviewed_and_when(client, reviewer, editor, topic):
    statement = StatementFactory(entered_by=editor)
    statement_publish(statement=statement, reviewer=reviewer)
    client.force_login(editor)

    soup = BeautifulSoup(client.get(CHANGELIST).content, "lxml")

    row = soup.select_one("#result_list tbody tr")
    assert row.select_one(".field-reviewed_by").get_text() == reviewer.username
    assert row.select_one(".field-reviewed_at").get_text() != "-"


def test_statement_actions_are_only_publish_and_retract_for_a_reviewer(client, reviewer, topic):
    StatementFactory()
    client.force_login(reviewer)

    assert action_names(client.get(CHANGELIST)) == {"publish", "retract"}


# Pinned stances


def stance_change_url(stance):
    return reverse("admin:statements_stance_change", args=[stance.pk])


# The stance form as a reviewer pinning a position fills it in; tests change a field with `|`.
PINNED = {
    "position": "opposes",
    "summary": "",
    "is_pinned": "on",
    "pinned_reason": "Told our reporter the ban is overblown.",
}


def test_reviewer_pins_a_position_with_a_reason(client, reviewer, topic):
    stance = StanceFactory(position="supports")
    client.force_login(reviewer)

    response = client.post(stance_change_url(stance), PINNED)

    assert response.status_code == 302
    stance.refresh_from_db()
    assert (stance.position, stance.is_pinned, stance.pinned_by) == ("opposes", True, reviewer)
    change = PositionChange.objects.get(politician=stance.politician)
    assert change.set_by_editors is True
    assert stance.history.first().history_change_reason.startswith("Pinned: Told our reporter")


def test_pinning_without_a_reason_is_refused(client, reviewer, topic):
    stance = StanceFactory(position="supports")
    client.force_login(reviewer)

    response = client.post(stance_change_url(stance), PINNED | {"pinned_reason": "  "})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    assert (
        "Say why editors are setting this position."
        in soup.select_one(".field-pinned_reason .errorlist").get_text()
    )
    stance.refresh_from_db()
    assert (stance.position, stance.is_pinned) == ("supports", False)


def test_editor_cannot_pin(client, editor, topic):
    stance = StanceFactory(position="supports")
    client.force_login(editor)

    page = BeautifulSoup(client.get(stance_change_url(stance)).content, "lxml")
    response = client.post(stance_change_url(stance), PINNED)

    assert page.select("input[name=is_pinned]") == []  # read-only for editors
    assert response.status_code == 403
    stance.refresh_from_db()
    assert stance.is_pinned is False


def test_changing_the_position_without_pinning_is_refused(client, reviewer, topic):
    stance = StanceFactory(position="supports")
    client.force_login(reviewer)

    response = client.post(
        stance_change_url(stance), PINNED | {"is_pinned": "", "pinned_reason": ""}
    )

    assert response.status_code == 200
    stance.refresh_from_db()
    assert stance.position == "supports"


def test_unpinning_hands_the_position_back_to_the_newest_statement(client, reviewer, topic):
    statement = StatementFactory(published=True, position="wants_extended")
    stance = stance_pin(
        politician=statement.politician,
        topic=topic,
        position="opposes",
        reason="Editors' call.",
        actor=reviewer,
    )
    client.force_login(reviewer)

    client.post(
        stance_change_url(stance),
        PINNED | {"position": "opposes", "is_pinned": "", "pinned_reason": ""},
    )

    stance.refresh_from_db()
    assert (stance.is_pinned, stance.position, stance.based_on) == (
        False,
        "wants_extended",
        statement,
    )


def test_politician_page_says_a_pinned_position_was_set_by_editors(client, reviewer, topic):
    statement = StatementFactory(published=True, position="wants_extended")
    stance_pin(
        politician=statement.politician,
        topic=topic,
        position="opposes",
        reason="She told us her view changed.",
        actor=reviewer,
    )

    soup = BeautifulSoup(client.get(statement.politician.get_absolute_url()).content, "lxml")

    notes = [" ".join(n.get_text(" ").split()) for n in soup.select(".notice")]
    assert (
        "Set by our editors rather than by their newest statement: She told us her view changed."
        in notes
    )


def test_reviewer_sees_exactly_what_a_correction_changes_before_publishing(
    client, editor, reviewer, topic
):
    statement = statement_save_draft(
        statement=StatementFactory.build(
            politician=PoliticianFactory(),
            words="They should extend the ban.",
            outlet="PoliticsHome",
            position="wants_extended",
        ),
        actor=editor,
    )
    statement_publish(statement=statement, reviewer=reviewer)
    statement.refresh_from_db()
    statement.words = "They should extend the ban to private phones."
    statement.position = "supports"
    statement_save_draft(statement=statement, actor=editor, correction_note="Quote was cut short.")

    client.force_login(reviewer)
    response = client.get(reverse("admin:statements_statement_change", args=[statement.pk]))

    panel = BeautifulSoup(response.content, "lxml").select_one(".review-panel")
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in panel.select(".correction-diff tbody tr")
    ]
    assert rows == [
        [
            "Words",
            "They should extend the ban.",
            "They should extend the ban to private phones.",
        ],
        [
            "Position it expresses",
            "Wants the ban extended",
            "Supports the ban on government devices",
        ],
    ]
    assert "Quote was cut short." in panel.get_text()


def test_a_new_draft_has_no_correction_to_show(client, editor, reviewer, topic):
    statement = StatementFactory()

    client.force_login(reviewer)
    response = client.get(reverse("admin:statements_statement_change", args=[statement.pk]))

    assert BeautifulSoup(response.content, "lxml").select_one(".correction-diff") is None


# The speaker autocomplete on the statement form


def autocomplete(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "statements",
            "model_name": "statement",
            "field_name": "politician",
            "term": term,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    "term",
    ["Lindsay Hoyle", "Sir Lindsay Hoyle", "Lindsay Hoyle MP", "The Rt Hon Sir Lindsay Hoyle"],
)
def test_speaker_autocomplete_finds_a_titled_name(client, editor, term):
    PoliticianFactory(name="Lindsay Hoyle", constituency="Chorley")
    PoliticianFactory(name="Mark Hendrick", constituency="Preston")
    client.force_login(editor)

    assert autocomplete(client, term) == ["Lindsay Hoyle (Chorley)"]


def test_speaker_autocomplete_keeps_a_peers_title(client, editor):
    PoliticianFactory(name="Lord West of Spithead", constituency="")
    PoliticianFactory(name="Baroness West", constituency="")
    client.force_login(editor)

    assert autocomplete(client, "Lord West") == ["Lord West of Spithead"]


def test_a_reviewer_ticks_which_extra_filters_a_topic_offers(client, reviewer, topic):
    client.force_login(reviewer)
    url = reverse("admin:statements_topic_change", args=[topic.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser")
    box = form.select_one("input[name=politician_filters][value=tiktok]")
    assert box.has_attr("checked")  # the TikTok ban offers it

    data = {
        "title": topic.title,
        "slug": topic.slug,
        "question": topic.question,
        "summary": topic.summary,
        "opened_on": topic.opened_on.isoformat(),
    }
    if topic.is_default:
        data["is_default"] = "on"
    assert client.post(url, data).status_code == 302
    topic.refresh_from_db()
    assert topic.politician_filters == []
    assert b'id="facet-tiktok"' not in client.get("/politicians/").content

    bad = client.post(url, {**data, "politician_filters": ["horoscope"]})
    assert bad.status_code == 200
    assert b"Select a valid choice" in bad.content
    assert client.post(url, {**data, "politician_filters": ["tiktok"]}).status_code == 302
    topic.refresh_from_db()
    assert topic.politician_filters == ["tiktok"]
