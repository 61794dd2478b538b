"""How the admin's history pages say who changed what, and when, in words.

simple_history prints values as Python sees them: an empty reviewer reads “Deleted user
(pk=None)”, a publication time “2026-12-01 14:05:00+00:00”, a status “draft”. An editor
checking what happened to a quote needs “nobody”, “1 December 2026, 14:05” and “Draft, awaiting
review”.
"""

import datetime

from django.db import models
from django.utils import timezone
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

# What the history says when nobody was logged in: the member import and other commands.
SYSTEM_ACTOR = "System (import or command)"
EMPTY = "(empty)"


def edit_with_history(row, *, by, reason: str, **values):
    """Set `values` on a row about to be saved, and who changes it and why, as its history will
    say: simple_history reads `_history_user` and `_change_reason` when the row is saved. A
    command has no request, so the user is always given."""
    for name, value in values.items():
        setattr(row, name, value)
    row._history_user = by
    row._change_reason = reason
    return row


def when_in_words(value) -> str:
    """“1 December 2026, 14:05” in the site's time zone; “13 March 2023” for a date."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y, %H:%M}"
    return f"{value.day} {value:%B %Y}"


def who_in_words(user) -> str:
    if user is None:
        return SYSTEM_ACTOR
    return user.get_full_name() or user.get_username()


def describe(field, value, *, related=None) -> str:
    """A field's value as an editor reads it. `related` maps (model, pk) to objects already
    fetched, for values stored by id (a correction awaiting review keeps its speaker's id)."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return "nobody"
        return f"deleted {value.model._meta.verbose_name} (id {value.pk})"
    if value is None or value == "":
        if field.is_relation:
            return "nobody"
        return "not set" if isinstance(field, models.DateField) else EMPTY
    if field.is_relation and not isinstance(value, models.Model):
        found = (related or {}).get((field.related_model, value))
        if found is None:
            return f"{field.related_model._meta.verbose_name} {value}"
        return str(found)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return when_in_words(value)
    return str(value)


class ReadableHistory(HistoricalRecordContextHelper):
    """simple_history's change lines, in words. A model's admin may name a subclass that hides
    bookkeeping fields (`not_shown`) or adds rows of its own (`extra_rows`)."""

    not_shown = frozenset()

    def __init__(self, model, historical_record, *, related=None, **kwargs):
        super().__init__(model, historical_record, **kwargs)
        self.related = related or {}

    def context_for_delta_changes(self, delta):
        rows = []
        for change in delta.changes:
            if change.field not in self.not_shown:
                rows.extend(super().context_for_delta_changes(_only(delta, change)))
        rows.extend(self.extra_rows(delta))
        return rows

    def extra_rows(self, delta) -> list[dict]:
        return []

    def prepare_delta_change_value(self, change, value):
        return describe(self.model._meta.get_field(change.field), value, related=self.related)


def _only(delta, change):
    return type(delta)(
        changes=[change],
        changed_fields=[change.field],
        old_record=delta.old_record,
        new_record=delta.new_record,
    )
