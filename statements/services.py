"""Every change of state to statements and stances goes through here.

Admin actions, import commands and views call these functions; none of them sets a status field
itself. Each service checks permissions on the server, validates, and runs in one transaction.
"""

import copy
import difflib
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CheckConstraint
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.data_version import data_changed
from core.history import edit_with_history
from core.rules import RuleBroken
from politicians.models import Politician

from .models import (
    Correction,
    CorrectionKind,
    Position,
    PositionChange,
    Source,
    Stance,
    Statement,
    StatementStatus,
    Topic,
    TopicFormerSlug,
    content_of,
    published_by,
    version_content,
)


class StatementWorkflowError(RuleBroken):
    """A workflow rule refused the change; the message is written for the editor to read."""


CORRECTION_NOTE_REQUIRED = (
    "This statement has been published. Say what was wrong and what changed: "
    "the note appears on the public corrections page."
)


class StatementPermissionError(StatementWorkflowError, PermissionDenied):
    """The user may not make this change. Still a PermissionDenied (a 403 where a view lets it
    through), and a RuleBroken, so callers catch one type."""


PIN_REASON_REQUIRED = "Say why editors are setting this position."
POSITION_FOLLOWS_STATEMENTS = (
    "This position follows the newest published statement. To set it by hand, "
    "tick “Set by editors” and give a reason."
)


def _require(user, permission: str, doing: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise StatementPermissionError(f"You do not have permission to {doing}.")


def can_publish(*, statement: Statement, user) -> bool:
    try:
        _check_may_publish(statement=statement, reviewer=user)
    except StatementWorkflowError:
        return False
    return True


def authors_of_what_awaits_review(statement: Statement) -> set:
    """The ids of whoever wrote what a reviewer would publish: the correction's starter and
    last editor if one waits, else the statement's."""
    if statement.has_pending_correction:
        authors = {statement.pending_started_by_id, statement.last_edited_by_id}
    else:
        authors = {statement.entered_by_id, statement.last_edited_by_id}
    return authors - {None}


def _check_may_publish(*, statement: Statement, reviewer) -> None:
    _require(reviewer, "statements.publish_statement", "publish statements")
    if not statement.has_pending_correction and statement.status != StatementStatus.DRAFT:
        raise StatementWorkflowError(
            "Only a draft or a correction awaiting review can be published."
        )
    # Four eyes on every quote and every correction: whoever wrote it cannot also approve it.
    if reviewer.pk in authors_of_what_awaits_review(statement) and not reviewer.is_superuser:
        whose = "correction" if statement.has_pending_correction else "statement"
        raise StatementWorkflowError(f"A reviewer other than the {whose}'s author must publish it.")


def _log_correction(statement: Statement, kind: str, note: str, *, at, by) -> None:
    """The public corrections log: only statements the public has seen ever get an entry."""
    Correction.objects.create(statement=statement, kind=kind, note=note, made_at=at, made_by=by)


def _clear_pending_correction(statement: Statement) -> None:
    statement.pending_content = None
    statement.pending_correction_note = ""
    statement.pending_started_by = None
    statement.pending_saved_at = None


@transaction.atomic
def statement_save_draft(
    *, statement: Statement, actor, correction_note: str = "", change_reason: str = ""
) -> Statement:
    """Create or change a statement; returns the statement as stored.

    A statement never published is saved as a draft awaiting review. A change to a published
    statement is kept aside as its correction awaiting review, with a correction note for the
    public log: the published words, the stance and every count stay as they are until a
    reviewer publishes the correction. Saving again updates that correction; each save is kept
    in the history, with `change_reason` if given. `statement` carries the whole content as
    edited: when a correction waits, start from it (`Statement.editorial_content()`).
    """
    is_new = statement.pk is None
    _require(
        actor,
        "statements.add_statement" if is_new else "statements.change_statement",
        "add statements" if is_new else "change statements",
    )
    held = None if is_new else Statement.objects.select_for_update().get(pk=statement.pk)
    note = (correction_note or statement.pending_correction_note).strip()
    _check_edit(held=held, edited=statement, note=note)
    if held is not None and held.status == StatementStatus.PUBLISHED:
        return _save_correction(
            held=held, edited=statement, actor=actor, note=note, change_reason=change_reason
        )
    if change_reason:
        statement._change_reason = change_reason
    _make_draft(statement, actor=actor, note=note, is_new=is_new)
    _link_source(statement)
    statement.save()
    return statement


class _ConstraintsMet:
    """The check constraints' verdicts on many rows of one model, each asked once.

    full_clean() asks the database about every check constraint of every row (seven queries a
    statement; most of a 5,000-row import's time). A check constraint's verdict depends only
    on the values of the fields it names, so once a combination of those values has passed,
    another row with the same combination passes too. Rows with a new combination are checked
    in full. A model with any other kind of constraint (unique: it depends on other rows) is
    always checked in full.

    A foreign key is checked the same way: full_clean() asks whether the row it names exists
    (four queries a statement: speaker, topic, who entered and who last edited it). Once an id
    has been found, nothing in the transaction deletes it, so a later row naming the same id
    skips that query; a row naming an id not yet found is checked in full, and a failing row
    is checked again whole, so its error is the one full_clean() gives.
    """

    def __init__(self, model):
        constraints = model._meta.constraints
        self.fields = None
        if all(isinstance(c, CheckConstraint) for c in constraints):
            names = set().union(*(c.condition.referenced_base_fields for c in constraints))
            self.fields = [model._meta.get_field(name) for name in sorted(names)]
        self.passed = set()
        # A limit_choices_to would make the verdict depend on more than the id: always asked.
        self.foreign_keys = [
            field
            for field in model._meta.concrete_fields
            if field.many_to_one and not field.remote_field.limit_choices_to
        ]
        self.found = set()  # (foreign key, repr of its id) seen to name an existing row

    def full_clean(self, instance) -> None:
        """instance.full_clean(), with the same outcome, asking the database only about a
        combination of constrained values, or a foreign key's id, not seen to pass before."""
        if self.fields is None:
            instance.full_clean()
            return
        ids = [(field, repr(getattr(instance, field.attname))) for field in self.foreign_keys]
        try:
            instance.full_clean(
                exclude=[field.name for field, id_ in ids if (field, id_) in self.found],
                validate_constraints=False,
            )
        except ValidationError:
            instance.full_clean()  # the whole check's error, constraints' messages included
            raise
        self.found.update(
            (field, repr(value))
            for field in self.foreign_keys
            if (value := getattr(instance, field.attname)) is not None
        )
        key = repr([field.value_from_object(instance) for field in self.fields])
        if key not in self.passed:
            instance.validate_constraints()
            self.passed.add(key)


def _make_draft(
    statement: Statement,
    *,
    actor,
    note: str,
    is_new: bool,
    constraints_met: _ConstraintsMet | None = None,
) -> None:
    """A statement as a draft awaiting review, entered or edited by `actor`, checked whole."""
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
    if constraints_met is None:
        statement.full_clean()
    else:
        constraints_met.full_clean(statement)


@transaction.atomic
def statements_create_drafts(*, statements: Iterable[Statement], actor) -> list[Statement]:
    """Save many new statements as drafts: what statement_save_draft does to each new statement,
    with the rows, their sources and their history written in bulk (an import of 5,000 rows
    took a minute a row at a time). Returns the statements as stored, in the order given.

    Each statement is checked as statement_save_draft checks it, one at a time and in order,
    before anything of theirs is written, so a refusal is the one the first bad statement would
    have given. `statements` may be a generator: each is taken only when the one before it has
    been checked (the import writes a row's new speaker as its statement is taken). Each keeps
    its own `_change_reason` in the history.
    """
    drafts = []
    constraints_met = _ConstraintsMet(Statement)
    for statement in statements:
        if statement.pk is not None:
            raise ValueError("statements_create_drafts saves new statements only")
        _require(actor, "statements.add_statement", "add statements")
        note = statement.pending_correction_note.strip()
        _make_draft(statement, actor=actor, note=note, is_new=True, constraints_met=constraints_met)
        drafts.append(statement)
    _link_sources(drafts)
    # One INSERT a batch for the rows and one for their history; with the ids the database
    # gives back (PostgreSQL, SQLite 3.35+), in the order given.
    return bulk_create_with_history(drafts, Statement, default_user=actor)


def statement_check_edit(*, statement: Statement) -> None:
    """The rules statement_save_draft applies to an edit, checked without saving anything:
    the admin's forms call this to show a refusal beside the field it concerns."""
    held = None if statement.pk is None else Statement.objects.filter(pk=statement.pk).first()
    _check_edit(held=held, edited=statement, note=statement.pending_correction_note.strip())


def _check_edit(*, held: Statement | None, edited: Statement, note: str) -> None:
    if held is None:
        return
    if held.status == StatementStatus.RETRACTED:
        raise StatementWorkflowError("A retracted statement cannot be changed.")
    if note or held.first_published_at is None:
        return
    if held.status == StatementStatus.PUBLISHED:
        # A published statement saved unchanged, or with the correction already waiting, needs
        # no new note; any other edit is a correction the public log must explain.
        edited_content = content_of(edited)
        if edited_content == content_of(held) or (
            edited_content == held.pending_content and held.pending_correction_note == ""
        ):
            return
    # Drafts taken off the site for correction before corrections were kept aside still need
    # their note, for the log entry made when they are republished.
    raise ValidationError({"pending_correction_note": CORRECTION_NOTE_REQUIRED})


def _link_source(statement: Statement) -> None:
    """Point the statement at the source held for its address, made on first sight: a source
    is held once and shared by every statement taken from it. The statement keeps its own
    address, outlet and date, which are what pages and exports read."""
    if statement.source_id is not None and statement.source.url == statement.source_url:
        return
    statement.source, _ = Source.objects.get_or_create(
        url=statement.source_url,
        defaults={
            "outlet": statement.outlet,
            "published_on": statement.said_on,
            "kind": statement.source_kind,
        },
    )


def _link_sources(statements: list[Statement]) -> None:
    """_link_source for many statements: the sources held already in one read, the new ones in
    one write, each made from the first statement that names its address."""
    unlinked = [s for s in statements if s.source_id is None or s.source.url != s.source_url]
    held = Source.objects.in_bulk({s.source_url for s in unlinked}, field_name="url")
    new = []
    for statement in unlinked:
        if statement.source_url not in held:
            held[statement.source_url] = Source(
                url=statement.source_url,
                outlet=statement.outlet,
                published_on=statement.said_on,
                kind=statement.source_kind,
            )
            new.append(held[statement.source_url])
    Source.objects.bulk_create(new)
    for statement in unlinked:
        statement.source = held[statement.source_url]


def _save_correction(
    *, held: Statement, edited: Statement, actor, note: str, change_reason: str
) -> Statement:
    edited_content = content_of(edited)
    if edited_content == content_of(held):
        if not held.has_pending_correction:
            return held  # Saved unchanged: nothing to correct.
        # Edited back to the published version: no correction waits any more.
        _clear_pending_correction(held)
        held._change_reason = "Correction withdrawn: back to the published version"
    else:
        if edited_content == held.pending_content and note == held.pending_correction_note:
            return held
        # The correction must be a statement we could publish: check it as it would stand.
        proposed = copy.copy(held)
        proposed.apply_content(edited_content)
        proposed.full_clean()
        if not held.has_pending_correction:
            held.pending_started_by = actor
        held.pending_content = edited_content
        held.pending_correction_note = note
        held.pending_saved_at = timezone.now()
        held._change_reason = "Correction saved, awaiting review"
    held.last_edited_by = actor
    held._change_reason = change_reason or held._change_reason
    held._history_user = actor
    held.save()
    return held


@transaction.atomic
def statement_publish(*, statement: Statement, reviewer) -> Statement:
    """Publish a reviewed draft, or the correction awaiting review beside a published statement.

    A draft reaches public pages and the stance follows it. A correction replaces the published
    words, is logged on the public corrections page, and the stance follows the corrected
    statement.
    """
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    _check_may_publish(statement=statement, reviewer=reviewer)
    data_changed()
    if statement.has_pending_correction:
        return _publish_correction(statement=statement, reviewer=reviewer)
    statement.full_clean()
    now = timezone.now()
    if statement.first_published_at is not None:
        _log_correction(
            statement,
            CorrectionKind.CORRECTION,
            statement.pending_correction_note or "Statement updated.",
            at=now,
            by=reviewer,
        )
    else:
        statement.first_published_at = now
    edit_with_history(
        statement,
        by=reviewer,
        reason="Published",
        pending_correction_note="",
        **published_by(reviewer, now),
    )
    statement.save()
    stance_refresh(politician=statement.politician, topic=statement.topic)
    return statement


def _publish_correction(*, statement: Statement, reviewer) -> Statement:
    was_about = (statement.politician, statement.topic)
    note = statement.pending_correction_note or "Statement corrected."
    statement.apply_content(statement.pending_content)
    _clear_pending_correction(statement)
    statement.full_clean()
    _link_source(statement)
    now = timezone.now()
    _log_correction(statement, CorrectionKind.CORRECTION, note, at=now, by=reviewer)
    edit_with_history(
        statement,
        by=reviewer,
        reason="Correction published",
        published_at=now,
        reviewed_by=reviewer,
        reviewed_at=now,
    )
    statement.save()
    is_about = (statement.politician, statement.topic)
    if was_about != is_about:
        # Quoted the wrong person or on the wrong topic: what it said was never theirs, so the
        # change it made leaves their record and their position follows what is left.
        PositionChange.objects.filter(
            statement=statement, politician=was_about[0], topic=was_about[1]
        ).delete()
        stance_refresh(politician=was_about[0], topic=was_about[1], record_change=False)
    stance_refresh(politician=statement.politician, topic=statement.topic, replacing=statement)
    return statement


@transaction.atomic
def statement_discard_correction(*, statement: Statement, actor) -> Statement:
    """Drop the correction awaiting review; the published statement stays as it is.

    The dropped correction stays in the statement's history, from where it can be restored.
    """
    _require(actor, "statements.publish_statement", "discard corrections")
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if not statement.has_pending_correction:
        raise StatementWorkflowError("No correction is waiting on this statement.")
    _clear_pending_correction(statement)
    edit_with_history(statement, by=actor, reason="Correction discarded")
    statement.save()
    return statement


@transaction.atomic
def statement_retract(*, statement: Statement, actor, reason: str) -> Statement:
    """Take a statement off every public list for good, leaving a public note of why.

    A correction awaiting review is dropped with it (it stays in the history).
    """
    _require(actor, "statements.retract_statement", "retract statements")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"retraction_reason": "Say why the statement is being retracted."})
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status == StatementStatus.RETRACTED:
        raise StatementWorkflowError("This statement is already retracted.")
    data_changed()
    now = timezone.now()
    was_public = statement.first_published_at is not None
    dropped = (
        " (the correction awaiting review was dropped)" if statement.has_pending_correction else ""
    )
    _clear_pending_correction(statement)
    edit_with_history(
        statement,
        by=actor,
        reason=f"Retracted: {reason}{dropped}",
        status=StatementStatus.RETRACTED,
        retracted_at=now,
        retraction_reason=reason,
        published_at=None,
    )
    statement.save()
    if was_public:
        _log_correction(statement, CorrectionKind.RETRACTION, reason, at=now, by=actor)
    # A retraction corrects our record; the politician did not move, so no change is logged.
    # The change that rested on the retracted statement leaves public view with it.
    stance_refresh(politician=statement.politician, topic=statement.topic, record_change=False)
    return statement


def _record_change(
    *, position_before: str, position_after: str, politician, topic, on, statement, by_editors: bool
) -> None:
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


def _newest_published(*, politician, topic, excluding=None):
    statements = Statement.objects.published().filter(politician=politician, topic=topic)
    if excluding is not None:
        statements = statements.exclude(pk=excluding.pk)
    return statements.newest_first().first()


@transaction.atomic
def stance_refresh(
    *,
    politician: Politician,
    topic: Topic,
    record_change: bool = True,
    replacing: Statement | None = None,
) -> Stance | None:
    """Make the stance follow the newest published statement, unless editors pinned it.

    With no published statement left, the stance is removed: “no known position”. A change of
    position is logged for the public unless `record_change` is off (our own corrections).
    `replacing` is a statement whose correction was just published: the change it made is
    measured from the position before it, as if the corrected words had been published first.
    """
    # Two reviewers publishing for someone with no stance yet would both find none and both
    # insert one: the politician's row is the lock that queues them (PostgreSQL; SQLite writes
    # one at a time anyway), and the second then sees the first's stance.
    Politician.objects.select_for_update().filter(pk=politician.pk).first()
    stance = Stance.objects.select_for_update().filter(politician=politician, topic=topic).first()
    if stance is not None and stance.is_pinned:
        return stance
    data_changed()
    newest = _newest_published(politician=politician, topic=topic)
    position_before = stance.position if stance else ""
    if replacing is not None:
        if newest is None or newest.pk != replacing.pk:
            # The corrected statement is not the one the position rests on: nothing moved.
            record_change = False
        else:
            earlier = _newest_published(politician=politician, topic=topic, excluding=replacing)
            position_before = earlier.position if earlier else ""
    if newest is None:
        if stance is not None:
            if record_change:
                _record_change(
                    position_before=position_before,
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
            position_before=position_before,
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
        raise ValidationError({"pinned_reason": PIN_REASON_REQUIRED})
    if position not in Position.values:
        raise ValidationError({"position": f"“{position}” is not a position on the scale."})
    Politician.objects.select_for_update().filter(pk=politician.pk).first()  # see stance_refresh
    stance = Stance.objects.select_for_update().filter(politician=politician, topic=topic).first()
    data_changed()
    on = as_of or timezone.localdate()
    _record_change(
        position_before=stance.position if stance else "",
        position_after=position,
        politician=politician,
        topic=topic,
        on=on,
        statement=None,
        by_editors=True,
    )
    if stance is None:
        stance = Stance(politician=politician, topic=topic)
    edit_with_history(
        stance,
        by=actor,
        reason=f"Pinned: {reason}",
        position=position,
        summary=summary,
        as_of=on,
        is_pinned=True,
        pinned_reason=reason,
        pinned_by=actor,
    )
    stance.full_clean()
    stance.save()
    return stance


@transaction.atomic
def stance_unpin(*, stance: Stance, actor) -> Stance | None:
    """Hand the position back to the statements: it follows the newest published one again."""
    _require(actor, "statements.change_stance", "set positions")
    data_changed()
    edit_with_history(
        stance, by=actor, reason="Unpinned", is_pinned=False, pinned_reason="", pinned_by=None
    )
    stance.save()
    return stance_refresh(politician=stance.politician, topic=stance.topic)


@transaction.atomic
def stance_set_summary(*, stance: Stance, summary: str, actor) -> Stance:
    """Change the one-line public summary beside a position."""
    _require(actor, "statements.change_stance", "change positions")
    data_changed()
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
    """Give a statement back the words and source of an earlier version, for review.

    Restoring is an edit like any other: a draft gets the version's content; a published
    statement gets it as its correction awaiting review, and stays live as published until a
    reviewer other than the restorer publishes it, when the corrections log says which version
    came back. A version that held a correction gives back that correction.
    """
    if version.id != statement.pk:
        raise StatementWorkflowError("That version belongs to another statement.")
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    content = version_content(version)
    if content == statement.editorial_content():
        raise StatementWorkflowError(
            "That version has the same words, source and position as the one being edited now."
        )
    statement.apply_content(content)
    note = f"Restored version of {_version_label(version)}"
    return statement_save_draft(
        statement=statement,
        actor=actor,
        correction_note=note if statement.first_published_at else "",
        change_reason=note,
    )


def stance_check_update(
    *, stance: Stance, is_pinned: bool, position: str | None, pinned_reason: str = ""
) -> None:
    """The rules stance_update applies, checked without saving: the admin's form calls this.

    A position is set by hand only by pinning it with a reason; unpinned, it follows the newest
    published statement. `position` None: the edit does not set one (a restored summary)."""
    if is_pinned:
        if not (pinned_reason or "").strip():
            raise ValidationError({"pinned_reason": PIN_REASON_REQUIRED})
    elif not stance.is_pinned and position is not None and position != stance.position:
        raise ValidationError({"position": POSITION_FOLLOWS_STATEMENTS})


@transaction.atomic
def stance_update(
    *,
    stance: Stance,
    actor,
    is_pinned: bool,
    position: str | None = None,
    summary: str = "",
    pinned_reason: str = "",
    as_of=None,
) -> Stance | None:
    """An editor's edit of a stance, whichever it is: pin it (or re-pin with a new reason or
    position), hand it back to the statements, or change its summary. The one place that decides
    which, for the admin's form and for restoring a version."""
    held = Stance.objects.select_related("politician", "topic").get(pk=stance.pk)
    stance_check_update(
        stance=held, is_pinned=is_pinned, position=position, pinned_reason=pinned_reason
    )
    if is_pinned:
        if as_of is None and held.is_pinned and held.position == position:
            as_of = held.as_of  # Only the reason or summary changed: the position dates on.
        return stance_pin(
            politician=held.politician,
            topic=held.topic,
            position=position,
            reason=pinned_reason,
            summary=summary,
            as_of=as_of,
            actor=actor,
        )
    if held.is_pinned:
        return stance_unpin(stance=held, actor=actor)
    return stance_set_summary(stance=held, summary=summary, actor=actor)


@transaction.atomic
def stance_restore(*, stance: Stance, version, actor) -> Stance | None:
    """Bring back an earlier version of a stance through the pinning rules.

    A version that editors had pinned is pinned again with its reason; a version that followed
    the statements unpins the stance so that it follows them again.
    """
    if version.id != stance.pk:
        raise StatementWorkflowError("That version belongs to another stance.")
    return stance_update(
        stance=stance,
        actor=actor,
        is_pinned=version.is_pinned,
        position=version.position if version.is_pinned else None,
        summary=version.summary,
        pinned_reason=version.pinned_reason or f"Restored version of {_version_label(version)}",
        as_of=version.as_of if version.is_pinned else None,
    )


# Two quotes this alike from one person are almost always the same words entered twice, perhaps
# from two outlets, or with a typo fixed; a lower bar would flag MPs repeating a party line.
NEAR_DUPLICATE_RATIO = 0.9


def normalise_words(words: str) -> str:
    """Lower case, with punctuation (straight or curly) and runs of spaces dropped."""
    return " ".join(re.sub(r"[^\w\s]", " ", words.casefold()).split())


def words_nearly_match(first: str, second: str) -> bool:
    return ComparedWords(first).nearly_matches(ComparedWords(second))


class ComparedWords:
    """Words normalised once, to be compared with many others: an import compares each row
    with every earlier row and every held statement by its speaker (22,500 pairs in the 5,000
    rows of 500 speakers), and normalising both sides of every pair was most of that time."""

    def __init__(self, words: str):
        self.normalised = normalise_words(words)
        self._matcher = None

    def nearly_matches(self, second: "ComparedWords") -> bool:
        """words_nearly_match(these words, the second's), with the same verdict."""
        a, b = self.normalised, second.normalised
        if not a or not b:
            return False
        if a == b:
            return True
        # The second words' index of characters (SequenceMatcher's b2j) is built once and kept
        # for every comparison they are second in. real_quick_ratio() and quick_ratio() are
        # upper bounds of ratio(), so one below the bar already says no match.
        if second._matcher is None:
            second._matcher = difflib.SequenceMatcher(None, "", b, autojunk=False)
        matcher = second._matcher
        matcher.set_seq1(a)
        return (
            matcher.real_quick_ratio() >= NEAR_DUPLICATE_RATIO
            and matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
            and matcher.ratio() >= NEAR_DUPLICATE_RATIO
        )


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
    data_changed()
    held = Topic.objects.select_for_update().filter(pk=topic.pk).first() if topic.pk else None
    topic.save()
    if held is not None and held.slug != topic.slug:
        TopicFormerSlug.objects.filter(topic=topic, slug=topic.slug).delete()
        TopicFormerSlug.objects.create(topic=topic, slug=held.slug)
    return topic
