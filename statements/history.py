"""How the admin's history of a statement spells out a correction awaiting review.

The stored JSON of a correction kept aside means nothing to an editor; each field it changes is
shown as published and as corrected, in the words of core.history.
"""

from django.utils.text import capfirst

from core.history import ReadableHistory, describe

from .models import (
    STATEMENT_CONTENT_FIELDS,
    Statement,
    StatementStatus,
    content_of,
    version_content,
)


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


def changes_since_published(statement: Statement) -> list[dict]:
    """For a correction awaiting review: each public field it changes, as published and as
    corrected, so the reviewer checks exactly what will change."""
    if statement.has_pending_correction:
        published, proposed = content_of(statement), statement.pending_content
    elif statement.status == StatementStatus.DRAFT and statement.first_published_at is not None:
        # Taken off the site for correction before corrections were kept aside.
        public = (
            statement.history.filter(status=StatementStatus.PUBLISHED)
            .order_by("-history_date", "-history_id")
            .first()
        )
        if public is None:
            return []
        published, proposed = version_content(public), content_of(statement)
    else:
        return []
    return content_changes(published, proposed, related=related_in_contents([published, proposed]))


class StatementHistory(ReadableHistory):
    """A correction awaiting review is spelled out field by field rather than as stored JSON."""

    # Bookkeeping that changes with every correction saved; the history row's own time says when.
    not_shown = frozenset({"pending_saved_at", "pending_content"})

    def extra_rows(self, delta):
        # simple_history diffs editable fields only; a correction kept aside is compared here.
        before = getattr(delta.old_record, "pending_content", None)
        after = getattr(delta.new_record, "pending_content", None)
        if before == after:
            return []
        return self._correction_rows(delta)

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
