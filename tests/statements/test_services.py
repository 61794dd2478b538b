import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError

from core.rules import RuleBroken
from statements.models import (
    Correction,
    DatePrecision,
    Position,
    PositionChange,
    Stance,
    Statement,
    StatementStatus,
)
from statements.services import (
    PIN_REASON_REQUIRED,
    POSITION_FOLLOWS_STATEMENTS,
    StatementWorkflowError,
    stance_pin,
    stance_unpin,
    stance_update,
    statement_publish,
    statement_retract,
    statement_save_draft,
)
from tests.factories import PoliticianFactory, StanceFactory, StatementFactory, UserFactory
from tests.reading import O, W

pytestmark = pytest.mark.django_db


def draft(editor, **fields):
    statement = StatementFactory.build(
        politician=fields.pop("politician", None) or PoliticianFactory(), **fields
    )
    return statement_save_draft(statement=statement, actor=editor)


def publish(editor, reviewer, **fields):
    """A statement drafted by `editor`, then published by `reviewer`."""
    return statement_publish(statement=draft(editor, **fields), reviewer=reviewer)


def test_new_statement_is_a_draft_entered_by_its_editor(editor, topic):
    statement = draft(editor)

    assert statement.status == StatementStatus.DRAFT
    assert statement.entered_by == editor
    assert not Statement.objects.published().exists()


def test_publishing_makes_the_stance_follow_the_statement(editor, reviewer, topic):
    statement = draft(editor, position=Position.WANTS_EXTENDED)
    assert not Stance.objects.exists()

    statement_publish(statement=statement, reviewer=reviewer)

    stance = Stance.objects.get(politician=statement.politician, topic=topic)
    assert stance.position == Position.WANTS_EXTENDED
    assert stance.as_of == statement.said_on
    assert stance.based_on == statement
    statement.refresh_from_db()
    assert (statement.status, statement.reviewed_by) == (StatementStatus.PUBLISHED, reviewer)


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        pytest.param(
            {"said_on": datetime.date(2023, 3, 20), "position": Position.WANTS_EXTENDED},
            {"said_on": datetime.date(2023, 3, 1), "position": Position.SUPPORTS},
            id="by_day",
        ),
        # Typed as the 25th, but the source says only “in March”: it is kept as 1 March, so the
        # quote of 10 March is the newer one and sets the position.
        pytest.param(
            {"said_on": datetime.date(2023, 3, 10), "position": Position.SUPPORTS},
            {
                "said_on": datetime.date(2023, 3, 25),
                "said_on_precision": DatePrecision.MONTH,
                "position": Position.OPPOSES,
            },
            id="a_month_counts_from_its_start",
        ),
    ],
)
def test_stance_follows_the_newest_published_statement(editor, reviewer, topic, newer, older):
    politician = PoliticianFactory()
    newer = draft(editor, politician=politician, **newer)
    older = draft(editor, politician=politician, **older)
    statement_publish(statement=newer, reviewer=reviewer)
    statement_publish(statement=older, reviewer=reviewer)

    assert older.said_on == datetime.date(2023, 3, 1)
    stance = Stance.objects.get(politician=politician)
    assert (stance.position, stance.based_on) == (newer.position, newer)
    assert list(Statement.objects.newest_first()) == [newer, older]


def test_a_draft_does_not_move_the_stance(editor, reviewer, topic):
    politician = PoliticianFactory()
    publish(editor, reviewer, politician=politician)

    draft(
        editor, politician=politician, position=Position.OPPOSES, said_on=datetime.date(2023, 4, 1)
    )

    assert Stance.objects.get(politician=politician).position == Position.SUPPORTS


def test_position_change_is_recorded(editor, reviewer, topic):
    politician = PoliticianFactory()
    publish(editor, reviewer, politician=politician)
    publish(editor, reviewer, politician=politician, position=W, said_on=datetime.date(2023, 3, 20))

    changes = list(PositionChange.objects.filter(politician=politician).order_by("pk"))
    assert [(c.from_position, c.to_position) for c in changes] == [
        ("", Position.SUPPORTS),
        (Position.SUPPORTS, Position.WANTS_EXTENDED),
    ]
    assert changes[1].changed_on == datetime.date(2023, 3, 20)


def public_changes(politician):
    changes = PositionChange.objects.public().filter(politician=politician).order_by("pk")
    return [(c.from_position, c.to_position, c.changed_on) for c in changes]


MARCH, APRIL = datetime.date(2023, 3, 1), datetime.date(2023, 4, 1)


def supports_in_march_then_opposes_in_april(editor, reviewer):
    """A politician with two published statements: supports in March, opposes in April."""
    politician = PoliticianFactory()
    statement_publish(
        statement=draft(editor, politician=politician, said_on=MARCH), reviewer=reviewer
    )
    later = draft(editor, politician=politician, position=Position.OPPOSES, said_on=APRIL)
    statement_publish(statement=later, reviewer=reviewer)
    return politician, later


def test_retraction_logs_no_change_and_hides_the_one_it_made(editor, reviewer, topic):
    politician, later = supports_in_march_then_opposes_in_april(editor, reviewer)
    march, april = MARCH, APRIL
    assert public_changes(politician) == [
        ("", Position.SUPPORTS, march),
        (Position.SUPPORTS, Position.OPPOSES, april),
    ]

    statement_retract(statement=later, actor=reviewer, reason="Someone else said it.")

    # The politician never moved back from opposes to supports: we corrected our record.
    assert public_changes(politician) == [("", Position.SUPPORTS, march)]
    assert Stance.objects.get(politician=politician).position == Position.SUPPORTS


def test_republishing_a_corrected_statement_does_not_log_its_change_twice(editor, reviewer, topic):
    politician, later = supports_in_march_then_opposes_in_april(editor, reviewer)
    march, april = MARCH, APRIL
    later.refresh_from_db()

    later.outlet = "The Other Paper"
    statement_save_draft(statement=later, actor=editor, correction_note="Wrong outlet.")
    statement_publish(statement=later, reviewer=reviewer)

    assert public_changes(politician) == [
        ("", Position.SUPPORTS, march),
        (Position.SUPPORTS, Position.OPPOSES, april),
    ]


def test_correcting_the_position_replaces_the_change_the_statement_made(editor, reviewer, topic):
    politician, later = supports_in_march_then_opposes_in_april(editor, reviewer)
    march, april = MARCH, APRIL
    later.refresh_from_db()

    later.position = Position.WANTS_EXTENDED
    statement_save_draft(statement=later, actor=editor, correction_note="Misread the quote.")
    statement_publish(statement=later, reviewer=reviewer)

    assert public_changes(politician) == [
        ("", Position.SUPPORTS, march),
        (Position.SUPPORTS, Position.WANTS_EXTENDED, april),
    ]


def test_editor_cannot_publish(editor, topic):
    statement = draft(editor)
    with pytest.raises(PermissionDenied):
        statement_publish(statement=statement, reviewer=editor)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT


def test_reviewer_cannot_publish_their_own_statement(reviewer, topic):
    statement = draft(reviewer)
    with pytest.raises(StatementWorkflowError, match="other than"):
        statement_publish(statement=statement, reviewer=reviewer)


def test_superuser_may_enter_and_publish(superuser, topic):
    statement = draft(superuser)
    statement_publish(statement=statement, reviewer=superuser)
    assert Statement.objects.published().get() == statement


def test_retraction_removes_the_stance_and_logs_a_correction(editor, reviewer, topic):
    statement = draft(editor)
    statement_publish(statement=statement, reviewer=reviewer)

    statement_retract(statement=statement, actor=reviewer, reason="Misattributed quote.")

    statement.refresh_from_db()
    assert statement.status == StatementStatus.RETRACTED
    assert statement.retraction_reason == "Misattributed quote."
    assert not Stance.objects.filter(politician=statement.politician).exists()
    correction = Correction.objects.get(statement=statement)
    assert (correction.kind, correction.note) == ("retraction", "Misattributed quote.")


def test_retraction_needs_a_reason(editor, reviewer, topic):
    statement = draft(editor)
    with pytest.raises(ValidationError):
        statement_retract(statement=statement, actor=reviewer, reason="  ")


def test_editor_cannot_retract(editor, topic):
    with pytest.raises(PermissionDenied):
        statement_retract(statement=draft(editor), actor=editor, reason="no")


def test_changing_a_published_statement_needs_a_correction_note(editor, reviewer, topic):
    statement = draft(editor)
    statement_publish(statement=statement, reviewer=reviewer)
    statement.refresh_from_db()
    statement.outlet = "The Other Paper"

    with pytest.raises(ValidationError) as error:
        statement_save_draft(statement=statement, actor=editor)
    assert "pending_correction_note" in error.value.message_dict

    statement_save_draft(statement=statement, actor=editor, correction_note="Wrong outlet.")
    # The published version stays live until the correction is published.
    assert Statement.objects.published().get().outlet == "The Daily Example"
    assert not Correction.objects.exists()
    statement_publish(statement=statement, reviewer=reviewer)
    assert Statement.objects.published().get().outlet == "The Other Paper"
    assert Correction.objects.get(statement=statement).note == "Wrong outlet."


def test_pinned_stance_ignores_new_statements(editor, reviewer, topic):
    politician = PoliticianFactory()
    publish(editor, reviewer, politician=politician)
    stance_pin(
        politician=politician,
        topic=topic,
        position=Position.MIXED,
        reason="Said opposite things in one week.",
        actor=reviewer,
    )

    publish(editor, reviewer, politician=politician, position=O, said_on=datetime.date(2023, 5, 1))

    stance = Stance.objects.get(politician=politician)
    assert (stance.position, stance.is_pinned) == (Position.MIXED, True)

    stance_unpin(stance=stance, actor=reviewer)
    assert Stance.objects.get(politician=politician).position == Position.OPPOSES


def test_pinning_needs_a_reason_and_permission(editor, reviewer, topic):
    politician = PoliticianFactory()
    with pytest.raises(ValidationError):
        stance_pin(
            politician=politician, topic=topic, position=Position.MIXED, reason="", actor=reviewer
        )
    with pytest.raises(PermissionDenied):
        stance_pin(
            politician=politician, topic=topic, position=Position.MIXED, reason="x", actor=editor
        )
    assert not Stance.objects.exists()


def test_correcting_an_older_statement_said_the_same_day_leaves_the_newest_one_newest(
    client, editor, reviewer, topic
):
    # Two quotes said the same day: the one published here later is the newer. Publishing a
    # correction of the earlier one must not make it the newest on the pages while the stance
    # still follows the other: stance, pages and embed share one meaning of “newest”.
    speaker = PoliticianFactory(name="Alicia Kearns")
    day = datetime.date(2023, 3, 13)
    earlier = statement_publish(
        statement=draft(editor, politician=speaker, said_on=day, position=Position.SUPPORTS),
        reviewer=reviewer,
    )
    later = statement_publish(
        statement=draft(editor, politician=speaker, said_on=day, position=Position.OPPOSES),
        reviewer=reviewer,
    )
    earlier.words = "Corrected words about the app."
    earlier.pending_correction_note = "We had her words slightly wrong."
    statement_publish(
        statement=statement_save_draft(statement=earlier, actor=editor), reviewer=reviewer
    )

    stance = Stance.objects.get(politician=speaker, topic=topic)
    page = BeautifulSoup(client.get(speaker.get_absolute_url()).content, "lxml")
    first_shown = page.select_one("#timeline-heading").find_next("article")
    assert stance.based_on == later
    assert stance.position == Position.OPPOSES
    assert Statement.objects.published().newest_first().first() == later
    assert (
        first_shown.find("a", string="permalink and citation")["href"] == later.get_absolute_url()
    )


def test_stance_update_is_the_one_place_that_decides_pin_unpin_or_summary(reviewer, topic):
    stance = StanceFactory(topic=topic, position=Position.SUPPORTS)

    with pytest.raises(ValidationError) as refused:
        stance_update(stance=stance, actor=reviewer, is_pinned=False, position=Position.OPPOSES)
    assert refused.value.message_dict == {"position": [POSITION_FOLLOWS_STATEMENTS]}
    with pytest.raises(ValidationError) as refused:
        stance_update(stance=stance, actor=reviewer, is_pinned=True, position=Position.OPPOSES)
    assert refused.value.message_dict == {"pinned_reason": [PIN_REASON_REQUIRED]}

    pinning = {
        "actor": reviewer,
        "is_pinned": True,
        "position": Position.OPPOSES,
        "pinned_reason": "She told us so on the phone.",
    }
    pinned = stance_update(stance=stance, **pinning)
    assert (pinned.position, pinned.is_pinned, pinned.pinned_by) == (
        Position.OPPOSES,
        True,
        reviewer,
    )
    summarised = stance_update(stance=pinned, **pinning, summary="Against any ban.")
    assert (summarised.summary, summarised.as_of) == ("Against any ban.", pinned.as_of)
    assert stance_update(stance=pinned, actor=reviewer, is_pinned=False) is None  # no statements


def test_permission_refusals_are_rule_broken_and_permission_denied(editor, topic):
    stance = StanceFactory(topic=topic)
    outsider = UserFactory()

    with pytest.raises(RuleBroken) as refused:
        stance_update(stance=stance, actor=outsider, is_pinned=True, pinned_reason="x")
    assert isinstance(refused.value, PermissionDenied)
