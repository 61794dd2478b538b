"""A correction to a published statement waits beside it: the record never goes offline.

Until a reviewer publishes the correction, the permalink, the speaker's position, every count
and the corrections log stay exactly as published; then they all change at once, and the
correction is logged once.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from statements.models import (
    Correction,
    Position,
    PositionChange,
    Stance,
    Statement,
    StatementStatus,
    awaiting_review_q,
)
from statements.services import (
    StatementWorkflowError,
    statement_discard_correction,
    statement_publish,
    statement_restore,
    statement_retract,
    statement_save_draft,
)
from tests.admin_forms import form_values, statement_form_data
from tests.factories import EditorFactory, PoliticianFactory, ReviewerFactory, StatementFactory

pytestmark = pytest.mark.django_db

PUBLISHED_WORDS = "Ban it on government phones."
CORRECTED_WORDS = "Ban it on every phone a minister carries."


@pytest.fixture
def published(editor, reviewer, kearns, topic):
    statement = statement_save_draft(
        statement=StatementFactory.build(
            politician=kearns, words=PUBLISHED_WORDS, position=Position.SUPPORTS
        ),
        actor=editor,
    )
    return statement_publish(statement=statement, reviewer=reviewer)


def correct(statement, actor, note="She said every phone, not government phones.", **content):
    """An editor changes a published statement, as the admin form would hand it over."""
    edited = Statement.objects.get(pk=statement.pk)
    edited.apply_content(edited.editorial_content())
    for name, value in {"words": CORRECTED_WORDS, **content}.items():
        setattr(edited, name, value)
    return statement_save_draft(statement=edited, actor=actor, correction_note=note)


def page(client, url):
    response = client.get(url)
    return response, BeautifulSoup(response.content, "lxml")


def tally(client):
    _, soup = page(client, "/")
    return {
        row.select_one(".tally-label").get_text(" ", strip=True): row.select_one(
            ".tally-number strong"
        ).get_text(strip=True)
        for row in soup.select(".tally-row")
    }


def quoted_words(client, statement):
    response, soup = page(client, statement.get_absolute_url())
    assert response.status_code == 200
    return soup.select_one("blockquote").get_text(" ", strip=True)


def position_on_page(client, politician):
    _, soup = page(client, politician.get_absolute_url())
    return soup.select_one(".stance .badge").get_text(strip=True)


def corrections_listed(client):
    _, soup = page(client, reverse("statements:corrections"))
    return [
        entry.select_one(".correction-note").get_text(strip=True)
        for entry in soup.select("li.correction")
    ]


# The public record while a correction waits, and after it is published


def test_public_record_stays_as_published_until_the_correction_is_published(
    client, published, kearns, editor, topic
):
    reviewer = ReviewerFactory(username="second-reviewer")
    before = tally(client)
    assert quoted_words(client, published) == f"“{PUBLISHED_WORDS}”"
    assert position_on_page(client, kearns) == "Supports the ban on government devices"

    correct(published, editor, position=Position.WANTS_EXTENDED)

    # Waiting: the permalink, the position, the counts and the corrections log are unchanged.
    assert quoted_words(client, published) == f"“{PUBLISHED_WORDS}”"
    assert position_on_page(client, kearns) == "Supports the ban on government devices"
    assert tally(client) == before
    assert corrections_listed(client) == []

    statement_publish(statement=published, reviewer=reviewer)

    assert quoted_words(client, published) == f"“{CORRECTED_WORDS}”"
    assert position_on_page(client, kearns) == "Wants the ban extended"
    after = tally(client)
    assert after["Wants the ban extended"] == str(int(before["Wants the ban extended"]) + 1)
    assert after["Supports the ban on government devices"] == str(
        int(before["Supports the ban on government devices"]) - 1
    )
    assert corrections_listed(client) == ["She said every phone, not government phones."]
    assert Correction.objects.filter(statement=published).count() == 1


def test_a_correction_that_keeps_the_position_leaves_the_counts_alone(
    client, published, editor, reviewer, superuser
):
    before = tally(client)
    correct(published, editor, outlet="The Other Paper", note="Wrong outlet.")

    statement_publish(statement=published, reviewer=superuser)

    assert tally(client) == before
    _, soup = page(client, published.get_absolute_url())
    assert "The Other Paper" in soup.select_one(".facts").get_text()
    assert corrections_listed(client) == ["Wrong outlet."]


# The service rules


def test_saving_a_correction_leaves_status_live_fields_and_stance_untouched(
    published, editor, kearns, topic
):
    published_at = Statement.objects.get(pk=published.pk).published_at

    saved = correct(published, editor, position=Position.OPPOSES)

    held = Statement.objects.get(pk=published.pk)
    assert (held.status, held.words, held.position) == (
        StatementStatus.PUBLISHED,
        PUBLISHED_WORDS,
        Position.SUPPORTS,
    )
    assert held.published_at == published_at
    assert held.pending_content["words"] == CORRECTED_WORDS
    assert held.pending_content["position"] == Position.OPPOSES
    assert (held.pending_started_by, held.last_edited_by) == (editor, editor)
    assert saved.has_pending_correction
    assert Stance.objects.get(politician=kearns, topic=topic).position == Position.SUPPORTS
    assert Statement.objects.get(awaiting_review_q()) == held
    assert Statement.objects.corrections_awaiting_review().get() == held


def test_every_edit_of_a_correction_is_kept_in_the_history(published, editor):
    other_editor = EditorFactory()
    correct(published, editor, words="First try.")
    correct(published, other_editor, words="Second try.")

    held = Statement.objects.get(pk=published.pk)
    assert held.pending_content["words"] == "Second try."
    assert held.pending_started_by == editor
    assert held.last_edited_by == other_editor
    kept = [
        (version.history_user, version.pending_content["words"])
        for version in held.history.filter(pending_content__isnull=False).order_by("history_id")
    ]
    assert kept == [(editor, "First try."), (other_editor, "Second try.")]


def test_saving_the_correction_unchanged_writes_nothing(published, editor):
    correct(published, editor)
    versions = published.history.count()

    correct(published, editor)

    assert published.history.count() == versions


def test_editing_back_to_the_published_version_withdraws_the_correction(published, editor):
    correct(published, editor)

    correct(published, editor, words=PUBLISHED_WORDS)

    held = Statement.objects.get(pk=published.pk)
    assert not held.has_pending_correction
    assert held.pending_correction_note == ""
    assert not Statement.objects.filter(awaiting_review_q()).exists()
    newest = held.history.order_by("-history_id").first()
    assert newest.history_change_reason.startswith("Correction withdrawn")


def test_a_correction_that_could_not_be_published_is_refused(published, editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        correct(published, editor, said_on=tomorrow)

    assert "said_on" in error.value.message_dict
    assert not Statement.objects.get(pk=published.pk).has_pending_correction


def test_whoever_made_the_correction_cannot_publish_it(published, kearns):
    reviewer_author = ReviewerFactory(username="reviewer-who-corrected")
    editor = EditorFactory(username="editor-who-tidied")
    correct(published, reviewer_author)
    correct(published, editor, words="Tidied by another editor.")

    with pytest.raises(StatementWorkflowError, match="other than the correction's author"):
        statement_publish(statement=published, reviewer=reviewer_author)

    assert Statement.objects.get(pk=published.pk).words == PUBLISHED_WORDS


def test_the_reviewer_who_published_the_statement_may_publish_someone_elses_correction(
    published, editor, reviewer
):
    correct(published, editor)

    statement_publish(statement=published, reviewer=reviewer)

    held = Statement.objects.get(pk=published.pk)
    assert (held.words, held.reviewed_by, held.has_pending_correction) == (
        CORRECTED_WORDS,
        reviewer,
        False,
    )
    assert held.history.order_by("-history_id").first().history_change_reason == (
        "Correction published"
    )


def test_an_editor_cannot_publish_a_correction(published, editor):
    correct(published, EditorFactory())

    with pytest.raises(PermissionDenied):
        statement_publish(statement=published, reviewer=editor)


def test_publishing_a_published_statement_without_a_correction_is_refused(published, superuser):
    with pytest.raises(StatementWorkflowError, match="draft or a correction"):
        statement_publish(statement=published, reviewer=superuser)


def test_correcting_the_speaker_moves_the_quote_and_both_positions(
    published, kearns, editor, superuser, topic
):
    bradley = PoliticianFactory(name="Ben Bradley")
    correct(published, editor, politician_id=bradley.pk, note="Said by Ben Bradley.")
    assert Stance.objects.get(politician=kearns).position == Position.SUPPORTS

    statement_publish(statement=published, reviewer=superuser)

    assert not Stance.objects.filter(politician=kearns).exists()
    assert Stance.objects.get(politician=bradley).position == Position.SUPPORTS
    assert not PositionChange.objects.filter(politician=kearns, statement=published).exists()
    assert PositionChange.objects.get(politician=bradley).statement == published


def test_retracting_drops_the_waiting_correction_but_keeps_it_in_history(
    published, editor, reviewer
):
    correct(published, editor)

    statement_retract(statement=published, actor=reviewer, reason="The interview was a parody.")

    held = Statement.objects.get(pk=published.pk)
    assert (held.status, held.words, held.pending_content) == (
        StatementStatus.RETRACTED,
        PUBLISHED_WORDS,
        None,
    )
    assert held.history.filter(pending_content__words=CORRECTED_WORDS).exists()
    assert list(Correction.objects.values_list("kind", flat=True)) == ["retraction"]


def test_discarding_a_correction_is_for_reviewers_and_keeps_it_in_history(
    published, editor, reviewer
):
    correct(published, editor)

    with pytest.raises(PermissionDenied):
        statement_discard_correction(statement=published, actor=editor)
    statement_discard_correction(statement=published, actor=reviewer)

    held = Statement.objects.get(pk=published.pk)
    assert (held.words, held.pending_content, held.status) == (
        PUBLISHED_WORDS,
        None,
        StatementStatus.PUBLISHED,
    )
    assert held.history.order_by("-history_id").first().history_change_reason == (
        "Correction discarded"
    )
    with pytest.raises(StatementWorkflowError):
        statement_discard_correction(statement=published, actor=reviewer)


def test_restoring_a_version_of_a_published_statement_makes_it_the_correction(
    published, editor, reviewer, superuser
):
    first_published = published.history.get(history_change_reason="Published")
    correct(published, editor)
    statement_publish(statement=published, reviewer=reviewer)
    assert Statement.objects.get(pk=published.pk).words == CORRECTED_WORDS

    statement_restore(statement=published, version=first_published, actor=editor)

    held = Statement.objects.get(pk=published.pk)
    assert (held.status, held.words) == (StatementStatus.PUBLISHED, CORRECTED_WORDS)
    assert held.pending_content["words"] == PUBLISHED_WORDS
    assert held.pending_correction_note.startswith("Restored version of ")

    statement_publish(statement=published, reviewer=superuser)

    assert Statement.objects.get(pk=published.pk).words == PUBLISHED_WORDS
    assert Correction.objects.first().note.startswith("Restored version of ")


def test_restoring_a_version_that_held_a_correction_gives_back_that_correction(
    published, editor, reviewer
):
    correct(published, editor, words="The first wording of the correction.")
    with_first_try = published.history.order_by("-history_id").first()
    statement_discard_correction(statement=published, actor=reviewer)

    statement_restore(statement=published, version=with_first_try, actor=editor)

    held = Statement.objects.get(pk=published.pk)
    assert held.words == PUBLISHED_WORDS
    assert held.pending_content["words"] == "The first wording of the correction."


def test_restoring_the_version_being_edited_is_refused(published, editor):
    newest = published.history.order_by("-history_id").first()

    with pytest.raises(StatementWorkflowError, match="same words"):
        statement_restore(statement=published, version=newest, actor=editor)


# The admin


def change_url(statement):
    return reverse("admin:statements_statement_change", args=[statement.pk])


def test_editor_edits_the_waiting_correction_and_is_told_the_public_sees_the_published_one(
    client, published, editor
):
    correct(published, editor)
    client.force_login(editor)

    _, soup = page(client, change_url(published))

    assert soup.select_one("textarea[name=words]").get_text().strip() == CORRECTED_WORDS
    notice = " ".join(soup.select_one(".pending-correction-notice").get_text(" ").split())
    assert "The public still sees the published version" in notice
    assert (
        soup.select_one(".review-panel h2")
        .get_text(strip=True)
        .startswith("Review: Published; a correction awaits review")
    )


def test_reviewer_sees_published_and_corrected_values_side_by_side_then_publishes(
    client, published, editor, topic
):
    bradley = PoliticianFactory(name="Ben Bradley", constituency="Mansfield")
    correct(published, editor, politician_id=bradley.pk, position=Position.WANTS_EXTENDED)
    second_reviewer = ReviewerFactory()
    client.force_login(second_reviewer)

    _, soup = page(client, change_url(published))

    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select(".correction-diff tbody tr")
    ]
    assert rows == [
        ["Speaker", str(published.politician), "Ben Bradley (Mansfield)"],
        ["Words", PUBLISHED_WORDS, CORRECTED_WORDS],
        [
            "Position it expresses",
            "Supports the ban on government devices",
            "Wants the ban extended",
        ],
    ]
    button = soup.select_one(".review-panel button[name=publish]")
    assert button.get_text(strip=True) == "Publish this correction"

    response = client.post(reverse("admin:statements_statement_publish", args=[published.pk]))

    assert response.status_code == 302
    held = Statement.objects.get(pk=published.pk)
    assert (held.words, held.politician) == (CORRECTED_WORDS, bradley)


def test_correction_author_is_told_another_reviewer_must_publish(client, published):
    author = ReviewerFactory()
    correct(published, author)
    client.force_login(author)

    _, soup = page(client, change_url(published))

    assert soup.select_one(".review-panel button[name=publish]") is None
    assert "started or last changed this correction" in soup.select_one(".review-panel").get_text()


def test_saving_the_change_form_keeps_the_published_version_live(client, published, editor):
    client.force_login(editor)
    data = statement_form_data(
        published.politician,
        published.topic,
        words=CORRECTED_WORDS,
        position=Position.SUPPORTS,
        outlet=published.outlet,
        source_url=published.source_url,
        pending_correction_note="Misquoted.",
    )

    response = client.post(change_url(published), data, follow=True)

    soup = BeautifulSoup(response.content, "lxml")
    messages = [m.get_text(" ", strip=True) for m in soup.select(".messagelist li")]
    assert any("The public still sees the published version" in m for m in messages)
    assert quoted_words(client, published) == f"“{PUBLISHED_WORDS}”"
    assert Statement.objects.get(pk=published.pk).pending_content["words"] == CORRECTED_WORDS


def test_review_queue_counts_corrections_beside_new_drafts(client, published, editor, topic):
    StatementFactory.create_batch(2, entered_by=editor)
    correct(published, editor)
    StatementFactory(published=True)
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    changelist = reverse("admin:statements_statement_changelist")

    _, soup = page(client, changelist)

    summary = " ".join(soup.select_one(".review-summary").get_text(" ").split())
    assert "3 awaiting review (3 entered or changed by someone other than you" in summary
    assert "2 new drafts" in summary
    assert "1 correction to published statements" in summary
    assert "2 published" in summary
    choices = [a.get_text(strip=True) for a in soup.select("#changelist-filter a")]
    assert "Awaiting review: new drafts and corrections (3)" in choices
    assert "Correction awaiting review (1)" in choices

    _, corrections = page(client, changelist + "?review=correction")

    listed = [a.get_text() for a in corrections.select("#result_list tbody th a")]
    assert listed == [str(Statement.objects.get(pk=published.pk))]
    status = corrections.select_one("#result_list tbody .field-status_for_review").get_text()
    assert status.startswith("Published; a correction awaits review")


def test_reviewer_discards_a_correction_from_its_page(client, published, editor, reviewer):
    correct(published, editor)
    client.force_login(editor)
    url = reverse("admin:statements_statement_discard_correction", args=[published.pk])
    assert client.post(url).status_code == 403
    client.force_login(reviewer)

    response = client.post(url, follow=True)

    assert "Correction discarded" in response.content.decode()
    assert not Statement.objects.get(pk=published.pk).has_pending_correction
    assert client.get(url).status_code == 405


def test_correcting_from_the_politicians_page_keeps_the_published_version_live(
    client, published, kearns, editor, topic
):
    client.force_login(editor)
    url = reverse("admin:politicians_politician_change", args=[kearns.pk])
    _, soup = page(client, url)
    data = form_values(soup.select_one("#politician_form"))
    data["statements-0-words"] = CORRECTED_WORDS
    data["statements-0-pending_correction_note"] = "Misquoted."

    response = client.post(url, data)

    assert response.status_code == 302
    assert quoted_words(client, published) == f"“{PUBLISHED_WORDS}”"
    held = Statement.objects.get(pk=published.pk)
    assert held.pending_content["words"] == CORRECTED_WORDS
    # Opened again, the inline shows the correction being edited, not the published words.
    _, soup = page(client, url)
    assert (
        soup.select_one("textarea[name='statements-0-words']").get_text().strip() == CORRECTED_WORDS
    )
    assert "a correction awaits review" in soup.select_one(".field-status_for_review").get_text()


def test_a_correction_giving_the_quote_to_someone_else_keeps_them_when_edited_inline(
    client, published, kearns, editor, topic
):
    bradley = PoliticianFactory(name="Ben Bradley")
    correct(published, editor, politician_id=bradley.pk, note="Said by Ben Bradley.")
    client.force_login(editor)
    url = reverse("admin:politicians_politician_change", args=[kearns.pk])
    _, soup = page(client, url)
    data = form_values(soup.select_one("#politician_form"))
    data["statements-0-outlet"] = "The Other Paper"

    response = client.post(url, data)

    assert response.status_code == 302
    pending = Statement.objects.get(pk=published.pk).pending_content
    assert (pending["politician_id"], pending["outlet"]) == (bradley.pk, "The Other Paper")
