"""Every change to outreach records: the admin, its batch action and the CSV import call these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.data_version import data_changed

from .models import Outcome, Outreach


class OutreachError(ValidationError):
    """A rule refused the record; the messages are written for the editor to read."""


def _require(user, permission: str, doing: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {doing}.")


def outreach_save(*, outreach: Outreach, actor) -> Outreach:
    """Check and save an outreach record, new or changed, as `actor`.

    A new record is made by `actor` unless it already names who asked.
    """
    if outreach.pk is None:
        _require(actor, "outreach.add_outreach", "record outreach")
        if outreach.asked_by_id is None:
            outreach.asked_by = actor
    else:
        _require(actor, "outreach.change_outreach", "change outreach records")
    try:
        outreach.full_clean()
    except ValidationError as error:
        raise OutreachError(error.message_dict) from error
    outreach._history_user = actor
    outreach.save()
    # The survey line, the coverage column and its filter are public: kept pages must go.
    data_changed()
    return outreach


@transaction.atomic
def outreach_delete(*, records, actor) -> int:
    """Delete outreach records entered by mistake (a superuser only; their history keeps them)."""
    _require(actor, "outreach.delete_outreach", "delete outreach records")
    count = 0
    for outreach in records:
        outreach._history_user = actor
        outreach.delete()
        count += 1
    data_changed()
    return count


@transaction.atomic
def outreach_record(
    *,
    politician,
    topic,
    asked_on: datetime.date,
    method: str,
    actor,
    outcome: str = Outcome.NO_REPLY,
    outcome_on: datetime.date | None = None,
    statement=None,
    their_words: str = "",
    notes: str = "",
) -> Outreach:
    """Record one approach to a politician on a topic, and its outcome if known."""
    return outreach_save(
        outreach=Outreach(
            politician=politician,
            topic=topic,
            asked_on=asked_on,
            method=method,
            asked_by=actor,
            outcome=outcome,
            outcome_on=outcome_on,
            statement=statement,
            their_words=their_words,
            notes=notes,
        ),
        actor=actor,
    )


@transaction.atomic
def outreach_record_batch(
    *, politicians, topic, asked_on: datetime.date, method: str, actor, notes: str = ""
) -> list[Outreach]:
    """Record the same approach to several politicians: all of them, or none if one fails."""
    return [
        outreach_record(
            politician=politician,
            topic=topic,
            asked_on=asked_on,
            method=method,
            actor=actor,
            notes=notes,
        )
        for politician in politicians
    ]


@transaction.atomic
def outreach_set_outcome(
    *,
    outreach: Outreach,
    outcome: str,
    actor,
    outcome_on: datetime.date | None = None,
    statement=None,
    their_words: str = "",
) -> Outreach:
    """Record their answer: a reply (with the statement it produced), a refusal, a holding reply."""
    outreach.outcome = outcome
    outreach.outcome_on = outcome_on
    outreach.statement = statement
    outreach.their_words = their_words
    return outreach_save(outreach=outreach, actor=actor)
