"""Every change of state to statements and stances goes through here.

Admin actions, import commands and views call these functions; none of them sets a status field
itself. Each service checks permissions on the server, validates, and runs in one transaction.
"""

import difflib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from politicians.models import Politician

from .models import (
    STATEMENT_CONTENT_FIELDS,
    Correction,
    CorrectionKind,
    Position,
    PositionChange,
    Stance,
    Statement,
    StatementStatus,
    Topic,
    TopicFormerSlug,
)


class StatementWorkflowError(Exception):
    """A workflow rule refused the change; the message is written for the editor to read."""


def _require(user, permission: str, doing: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {doing}.")


def can_publish(*, statement: Statement, user) -> bool:
    try:
        _check_may_publish(statement=statement, reviewer=user)
    except (PermissionDenied, StatementWorkflowError):
        return False
    return True


def _check_may_publish(*, statement: Statement, reviewer) -> None:
    _require(reviewer, "statements.publish_statement", "publish statements")
    if statement.status != StatementStatus.DRAFT:
        raise StatementWorkflowError("Only a draft awaiting review can be published.")
    # Four eyes on every quote: whoever entered or last changed it cannot also approve it.
    authors = {statement.entered_by_id, statement.last_edited_by_id} - {None}
    if reviewer.pk in authors and not reviewer.is_superuser:
        raise StatementWorkflowError(
            "A reviewer other than the statement's author must publish it."
        )


@transaction.atomic
def statement_save_draft(*, statement: Statement, actor, correction_note: str = "") -> Statement:
    """Create or change a statement. The result is always a draft awaiting review.

    Changing a statement that has been published takes it off the public site until a reviewer
    publishes it again, and needs a correction note for the public corrections log.
    """
    is_new = statement.pk is None
    _require(
        actor,
        "statements.add_statement" if is_new else "statements.change_statement",
        "add statements" if is_new else "change statements",
    )
    if statement.status == StatementStatus.RETRACTED:
        raise StatementWorkflowError("A retracted statement cannot be changed.")
    was_public = statement.first_published_at is not None
    note = (correction_note or statement.pending_correction_note).strip()
    if was_public and not note:
        raise ValidationError(
            {
                "pending_correction_note": (
                    "This statement has been published. Say what was wrong and what changed: "
                    "the note appears on the public corrections page."
                )
            }
        )
    was_published_now = statement.status == StatementStatus.PUBLISHED
    statement.pending_correction_note = note
    statement.status = StatementStatus.DRAFT
    statement.published_at = None
    statement.reviewed_by = None
    statement.reviewed_at = None
    if is_new:
        statement.entered_by = actor
    statement.last_edited_by = actor
    # Commands and imports run outside a request; the history must still say who changed it.
    statement._history_user = actor
    statement.full_clean()
    statement.save()
    if was_published_now:
        # Taking a quote down to correct it is our change, not the politician's: no new
        # “moved from … to …” line.
        stance_refresh(politician=statement.politician, topic=statement.topic, record_change=False)
    return statement


@transaction.atomic
def statement_publish(*, statement: Statement, reviewer) -> Statement:
    """Publish a reviewed draft: it reaches public pages and the stance follows it."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    _check_may_publish(statement=statement, reviewer=reviewer)
    statement.full_clean()
    now = timezone.now()
    if statement.first_published_at is not None:
        Correction.objects.create(
            statement=statement,
            kind=CorrectionKind.CORRECTION,
            note=statement.pending_correction_note or "Statement updated.",
            made_at=now,
            made_by=reviewer,
        )
    else:
        statement.first_published_at = now
    statement.status = StatementStatus.PUBLISHED
    statement.published_at = now
    statement.reviewed_by = reviewer
    statement.reviewed_at = now
    statement.pending_correction_note = ""
    statement._change_reason = "Published"
    statement._history_user = reviewer
    statement.save()
    stance_refresh(politician=statement.politician, topic=statement.topic)
    return statement


@transaction.atomic
def statement_retract(*, statement: Statement, actor, reason: str) -> Statement:
    """Take a statement off every public list for good, leaving a public note of why."""
    _require(actor, "statements.retract_statement", "retract statements")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"retraction_reason": "Say why the statement is being retracted."})
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status == StatementStatus.RETRACTED:
        raise StatementWorkflowError("This statement is already retracted.")
    now = timezone.now()
    was_public = statement.first_published_at is not None
    statement.status = StatementStatus.RETRACTED
    statement.retracted_at = now
    statement.retraction_reason = reason
    statement.published_at = None
    statement._change_reason = f"Retracted: {reason}"
    statement._history_user = actor
    statement.save()
    if was_public:
        Correction.objects.create(
            statement=statement,
            kind=CorrectionKind.RETRACTION,
            note=reason,
            made_at=now,
            made_by=actor,
        )
    # A retraction corrects our record; the politician did not move, so no change is logged.
    # The change that rested on the retracted statement leaves public view with it.
    stance_refresh(politician=statement.politician, topic=statement.topic, record_change=False)
    return statement


def _record_change(
    *, stance_before, position_after: str, politician, topic, on, statement, by_editors: bool
) -> None:
    position_before = stance_before.position if stance_before else ""
    if statement is not None:
        # One change per statement: republishing a corrected statement updates the change it
        # made rather than logging it twice, and drops it if it no longer moves the position.
        PositionChange.objects.filter(statement=statement).delete()
    if position_before == position_after:
        return
    PositionChange.objects.create(
        politician=politician,
        topic=topic,
        from_position=position_before,
        to_position=position_after,
        changed_on=on,
        statement=statement,
        set_by_editors=by_editors,
    )


@transaction.atomic
def stance_refresh(
    *, politician: Politician, topic: Topic, record_change: bool = True
) -> Stance | None:
    """Make the stance follow the newest published statement, unless editors pinned it.

    With no published statement left, the stance is removed: “no known position”. A change of
    position is logged for the public unless `record_change` is off (our own corrections).
    """
    stance = Stance.objects.select_for_update().filter(politician=politician, topic=topic).first()
    if stance is not None and stance.is_pinned:
        return stance
    newest = (
        Statement.objects.published()
        .filter(politician=politician, topic=topic)
        .order_by("-said_on", "-first_published_at", "-pk")
        .first()
    )
    if newest is None:
        if stance is not None:
            if record_change:
                _record_change(
                    stance_before=stance,
                    position_after="",
                    politician=politician,
                    topic=topic,
                    on=timezone.localdate(),
                    statement=None,
                    by_editors=False,
                )
            stance.delete()
        return None
    if record_change:
        _record_change(
            stance_before=stance,
            position_after=newest.position,
            politician=politician,
            topic=topic,
            on=newest.said_on,
            statement=newest,
            by_editors=False,
        )
    if stance is None:
        stance = Stance(politician=politician, topic=topic)
    elif stance.position != newest.position:
        # The summary described the old position; showing it beside the new one would mislead.
        stance.summary = ""
    stance.position = newest.position
    stance.as_of = newest.said_on
    stance.based_on = newest
    stance.full_clean()
    stance.save()
    return stance


@transaction.atomic
def stance_pin(
    *,
    politician: Politician,
    topic: Topic,
    position: str,
    reason: str,
    actor,
    summary: str = "",
    as_of=None,
) -> Stance:
    """Set a position by editorial judgement; it stays until unpinned, whatever is published."""
    _require(actor, "statements.change_stance", "set positions")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"pinned_reason": "Say why editors are setting this position."})
    if position not in Position.values:
        raise ValidationError({"position": f"“{position}” is not a position on the scale."})
    stance = Stance.objects.select_for_update().filter(politician=politician, topic=topic).first()
    on = as_of or timezone.localdate()
    _record_change(
        stance_before=stance,
        position_after=position,
        politician=politician,
        topic=topic,
        on=on,
        statement=None,
        by_editors=True,
    )
    if stance is None:
        stance = Stance(politician=politician, topic=topic)
    stance.position = position
    stance.summary = summary
    stance.as_of = on
    stance.is_pinned = True
    stance.pinned_reason = reason
    stance.pinned_by = actor
    stance._change_reason = f"Pinned: {reason}"
    stance._history_user = actor
    stance.full_clean()
    stance.save()
    return stance


@transaction.atomic
def stance_unpin(*, stance: Stance, actor) -> Stance | None:
    """Hand the position back to the statements: it follows the newest published one again."""
    _require(actor, "statements.change_stance", "set positions")
    stance.is_pinned = False
    stance.pinned_reason = ""
    stance.pinned_by = None
    stance._change_reason = "Unpinned"
    stance._history_user = actor
    stance.save()
    return stance_refresh(politician=stance.politician, topic=stance.topic)


@transaction.atomic
def stance_set_summary(*, stance: Stance, summary: str, actor) -> Stance:
    """Change the one-line public summary beside a position."""
    _require(actor, "statements.change_stance", "change positions")
    stance.summary = summary.strip()
    stance._history_user = actor
    stance.full_clean()
    stance.save()
    return stance


def _version_label(version) -> str:
    when = timezone.localtime(version.history_date)
    return f"{when.day} {when:%B %Y, %H:%M}"


@transaction.atomic
def statement_restore(*, statement: Statement, version, actor) -> Statement:
    """Give a statement back the words and source of an earlier version, as a draft.

    Restoring is an edit like any other: a reviewer other than the restorer must publish it, and
    if the statement has been public the corrections log says which version came back.
    """
    if version.id != statement.pk:
        raise StatementWorkflowError("That version belongs to another statement.")
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    for name in STATEMENT_CONTENT_FIELDS:
        attname = Statement._meta.get_field(name).attname
        setattr(statement, attname, getattr(version, attname))
    note = f"Restored version of {_version_label(version)}"
    statement._change_reason = note
    return statement_save_draft(
        statement=statement,
        actor=actor,
        correction_note=note if statement.first_published_at else "",
    )


@transaction.atomic
def stance_restore(*, stance: Stance, version, actor) -> Stance | None:
    """Bring back an earlier version of a stance through the pinning rules.

    A version that editors had pinned is pinned again with its reason; a version that followed
    the statements unpins the stance so that it follows them again.
    """
    if version.id != stance.pk:
        raise StatementWorkflowError("That version belongs to another stance.")
    if version.is_pinned:
        return stance_pin(
            politician=stance.politician,
            topic=stance.topic,
            position=version.position,
            reason=version.pinned_reason or f"Restored version of {_version_label(version)}",
            summary=version.summary,
            as_of=version.as_of,
            actor=actor,
        )
    if stance.is_pinned:
        return stance_unpin(stance=stance, actor=actor)
    return stance_set_summary(stance=stance, summary=version.summary, actor=actor)


# Two quotes this alike from one person are almost always the same words entered twice, perhaps
# from two outlets, or with a typo fixed; a lower bar would flag MPs repeating a party line.
NEAR_DUPLICATE_RATIO = 0.9


def normalise_words(words: str) -> str:
    """Lower case, with punctuation (straight or curly) and runs of spaces dropped."""
    return " ".join(re.sub(r"[^\w\s]", " ", words.casefold()).split())


def words_nearly_match(first: str, second: str) -> bool:
    a, b = normalise_words(first), normalise_words(second)
    if not a or not b:
        return False
    if a == b:
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_DUPLICATE_RATIO


def statement_near_duplicates(*, politician_id: int, words: str, exclude_pk=None) -> list:
    """Statements already held for this speaker whose words nearly match these, retracted ones
    included: a retracted quote coming back deserves a second look too."""
    held = Statement.objects.filter(politician_id=politician_id).exclude(pk=exclude_pk)
    return [
        s
        for s in held.only("pk", "words", "said_on", "outlet", "status")
        if words_nearly_match(words, s.words)
    ]


# Topics


@transaction.atomic
def topic_save(*, topic: Topic) -> Topic:
    """Save a new or changed topic. A changed slug is kept as a former address of the topic.

    Links already printed with the old slug then answer with a permanent redirect to the new one;
    a topic given back one of its former slugs takes that address back. Topic.clean() refuses a
    slug another topic used to have, so an old link never changes which topic it leads to.
    """
    topic.full_clean()
    held = Topic.objects.select_for_update().filter(pk=topic.pk).first() if topic.pk else None
    topic.save()
    if held is not None and held.slug != topic.slug:
        TopicFormerSlug.objects.filter(topic=topic, slug=topic.slug).delete()
        TopicFormerSlug.objects.create(topic=topic, slug=held.slug)
    return topic
