"""The admin base every model with a history uses."""

from itertools import pairwise

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from .history import ReadableHistory, when_in_words, who_in_words
from .printable import refuse_control_characters
from .rules import RuleBroken


class RecordAdmin(admin.ModelAdmin):
    """A record the services write and nobody edits (a correction, a change of position, a
    capture): editors may look at it, never add, change or delete it.

    Every field it names in `fields` is shown as text, so a subclass also names columns that
    are only shown (a WARC link, a job's progress) without repeating the list as
    `readonly_fields`.
    """

    def get_readonly_fields(self, request, obj=None):
        return [*(self.fields or ()), *super().get_readonly_fields(request, obj)]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def admin_pages(model_admin, *pages) -> list:
    """URL patterns for a model admin's own pages, each a (route, view, url name), behind the
    admin's login and CSRF checks; put them before the stock patterns, whose
    `<path:object_id>/` would take them."""
    return [
        path(route, model_admin.admin_site.admin_view(view), name=name)
        for route, view, name in pages
    ]


def action_form_response(
    request, model_admin, *, template, title, action, action_label, form, objects, form_id=""
):
    """A changelist action's confirmation page (admin/action_form.html): the rows chosen, kept
    as hidden fields, and the action's form, posted back to the action."""
    opts = model_admin.model._meta
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "form_id": form_id,
            "objects": objects,
            "action": action,
            "action_label": action_label,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            "opts": opts,
        },
    )


def error_text(error: Exception) -> str:
    """A refusal as the editor reads it: ValidationError's messages without their brackets."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class PrintableText:
    """Admin mixin: every text field refuses control characters (core.printable)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, models.CharField | models.TextField):
            formfield.validators.append(refuse_control_characters)
        return formfield


def show_refusal(form, error: Exception) -> None:
    """Put a service's refusal on a form: beside the field it names, else above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error_text(error))


class HistoryAdmin(PrintableText, SimpleHistoryAdmin):
    """simple_history's admin, with restoring an earlier version held to the model's rules.

    A model whose changes go through services defines restore_version(request, current, version)
    and its history pages show old versions read-only with a Restore button. Whatever the model,
    only a user who may change the object may restore it: the stock view lets anyone who may
    merely view it post the form.
    """

    restore_version = None
    # How a change line reads: core.history.ReadableHistory or a model's own subclass.
    history_helper = ReadableHistory
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if request.method == "POST":
            if current is None:
                raise Http404
            if not self.has_change_permission(request, current):
                raise PermissionDenied
            if self.restore_version is not None:
                return self._restore(request, current, version_id)
        version = (
            self.model.history.filter(id=unquote(object_id), history_id=version_id)
            .select_related("history_user")
            .first()
        )
        if version is not None:
            extra_context = {
                **(extra_context or {}),
                "version_saved_by": who_in_words(version.history_user),
                "version_saved_on": when_in_words(version.history_date),
                "version_reason": version.history_change_reason,
            }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        labels = []
        for column in self.get_history_list_display(request):
            shown_by = getattr(self, column, None)
            if callable(shown_by):
                labels.append(getattr(shown_by, "short_description", column.replace("_", " ")))
            else:
                labels.append(self.model._meta.get_field(column).verbose_name)
        extra_context = {**(extra_context or {}), "history_column_labels": labels}
        return super().history_view(request, object_id, extra_context)

    def shows_old_version(self, obj) -> bool:
        """Whether the form is showing an earlier version read-only, with a Restore button:
        simple_history's history form gives its view the version's rebuilt object."""
        return self.restore_version is not None and obj is not None and is_historic(obj)

    def history_related(self, historical_records):
        """Rows the history page's change lines name by id, fetched once for the page; None
        when the lines name nothing but their own foreign keys."""
        return None

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple_history's loop (each version against the one before it, newest first), with
        # every line's helper handed what the page names, fetched once.
        records = list(historical_records)
        related = self.history_related(records)
        for newer, older in pairwise(records):
            delta = newer.diff_against(older, foreign_keys_are_objs=foreign_keys_are_objs)
            helper = self.get_historical_record_context_helper(request, newer, related=related)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def get_historical_record_context_helper(self, request, historical_record, related=None):
        return self.history_helper(self.model, historical_record, related=related)

    def _restore(self, request, current, version_id):
        history_model = self.model.history.model
        version = get_object_or_404(history_model, id=current.pk, history_id=version_id)
        opts = self.model._meta
        try:
            self.restore_version(request, current, version)
        except (RuleBroken, ValidationError) as error:
            self.message_user(request, f"Not restored: {error_text(error)}", messages.ERROR)
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_history", current.pk)
        self.message_user(request, self.restored_message, messages.SUCCESS)
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", current.pk)

    def revert_disabled(self, request, obj=None):
        # simple_history passes the old version; what may be done depends on the object now.
        current = self.model.objects.filter(pk=obj.pk).first() if obj is not None else None
        return super().revert_disabled(request, current or obj)

    def get_readonly_fields(self, request, obj=None):
        if self.shows_old_version(obj):
            return [
                name
                for fieldset in self.get_fieldsets(request, obj)
                for line in fieldset[1]["fields"]
                for name in (line if isinstance(line, tuple | list) else [line])
            ]
        return super().get_readonly_fields(request, obj)
