"""How the admin's history pages say who changed what, and when, in words.

simple_history prints values as Python sees them: an empty reviewer reads “Deleted user
(pk=None)”, a publication time “2026-12-01 14:05:00+00:00”, a status “draft”. An editor
checking what happened to a quote needs “nobody”, “1 December 2026, 14:05” and “Draft, awaiting
review”.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .models import STATEMENT_CONTENT_FIELDS, Statement, version_content

# What the history says when nobody was logged in: the member import and other commands.
SYSTEM_ACTOR = "System (import or command)"
EMPTY = "(empty)"
# Bookkeeping that changes with every correction saved; the history row's own time says when.
NOT_SHOWN_IN_CHANGES = {"pending_saved_at", "pending_content"}


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


def related_in_contents(contents) -> dict:
    """Fetch, one query per model, the speakers and topics that pending corrections name by id."""
    wanted = {}
    for content in contents:
        for name in STATEMENT_CONTENT_FIELDS:
            field = Statement._meta.get_field(name)
            if field.is_relation and content.get(field.attname) is not None:
                wanted.setdefault(field.related_model, set()).add(content[field.attname])
    return {
        (model, pk): found
        for model, pks in wanted.items()
        for pk, found in model._default_manager.in_bulk(pks).items()
    }


def content_changes(before: dict, after: dict, *, related=None) -> list[dict]:
    """Each content field that differs between two versions: its label, old and new value."""
    changes = []
    for name in STATEMENT_CONTENT_FIELDS:
        field = Statement._meta.get_field(name)
        old, new = before.get(field.attname), after.get(field.attname)
        if old == new:
            continue
        changes.append(
            {
                "field": capfirst(field.verbose_name),
                "old": describe(field, _python(field, old), related=related),
                "new": describe(field, _python(field, new), related=related),
            }
        )
    return changes


def _python(field, value):
    return value if field.is_relation or value is None else field.to_python(value)


class ReadableHistory(HistoricalRecordContextHelper):
    """simple_history's change lines, in words; a correction awaiting review is spelled out
    field by field rather than as the stored JSON."""

    def __init__(self, model, historical_record, *, related=None, **kwargs):
        super().__init__(model, historical_record, **kwargs)
        self.related = related or {}

    def context_for_delta_changes(self, delta):
        rows = []
        for change in delta.changes:
            if change.field not in NOT_SHOWN_IN_CHANGES:
                rows.extend(super().context_for_delta_changes(_only(delta, change)))
        # simple_history diffs editable fields only; a correction kept aside is compared here.
        before = getattr(delta.old_record, "pending_content", None)
        after = getattr(delta.new_record, "pending_content", None)
        if before != after:
            rows.extend(self._correction_rows(delta))
        return rows

    def prepare_delta_change_value(self, change, value):
        return describe(self.model._meta.get_field(change.field), value, related=self.related)

    def _correction_rows(self, delta):
        if delta.new_record.pending_content is None:
            return [{"field": "Correction awaiting review", "old": "waiting", "new": "none"}]
        changes = content_changes(
            version_content(delta.old_record),
            version_content(delta.new_record),
            related=self.related,
        )
        for change in changes:
            change["field"] = f"{change['field']} (correction awaiting review)"
            old, new = self.get_obj_diff_display().common_shorten_repr(change["old"], change["new"])
            change["old"], change["new"] = old, new
        return changes


def _only(delta, change):
    return type(delta)(
        changes=[change],
        changed_fields=[change.field],
        old_record=delta.old_record,
        new_record=delta.new_record,
    )
