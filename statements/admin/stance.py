"""Stances and the log of position changes: editors pin a position only through the services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import HistoryAdmin, RecordAdmin, show_refusal
from core.rules import RuleBroken
from statements.models import (
    PositionChange,
    Stance,
)
from statements.services import (
    stance_check_update,
    stance_restore,
    stance_update,
)


class StanceForm(forms.ModelForm):
    """Pinning through the services: a reason is required, and the position only moves when
    editors take it over; otherwise it follows the newest published statement."""

    class Meta:
        model = Stance
        fields = ["position", "summary", "is_pinned", "pinned_reason"]
        labels = {"is_pinned": "Set by editors (pinned)", "pinned_reason": "Why editors set it"}
        help_texts = {
            "pinned_reason": "Required when pinning. Shown on the politician's public page.",
        }

    def clean(self):
        cleaned = super().clean()
        # self.instance still holds the stance as stored: the service's rules, as form errors.
        try:
            stance_check_update(
                stance=self.instance,
                is_pinned=cleaned.get("is_pinned", False),
                position=cleaned.get("position"),
                pinned_reason=cleaned.get("pinned_reason", ""),
            )
        except (RuleBroken, ValidationError) as refusal:
            show_refusal(self, refusal)
        return cleaned


@admin.register(Stance)
class StanceAdmin(HistoryAdmin):
    form = StanceForm
    list_display = ["politician", "topic", "position", "as_of", "is_pinned", "pinned_by"]
    list_filter = ["topic", "position", "is_pinned"]
    list_select_related = ["politician", "topic", "pinned_by"]
    search_fields = ["politician__name"]
    readonly_fields = ["politician", "topic", "as_of", "based_on", "pinned_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["politician", "topic", "position", "summary", "as_of", "based_on"]}),
        ("Set by editors", {"fields": ["is_pinned", "pinned_reason", "pinned_by"]}),
    ]
    history_list_display = ["position_then", "is_pinned"]
    restored_message = "Restored that version of the position."

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="position")
    def position_then(self, version):
        return version.get_position_display()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        stance_update(
            stance=obj,
            actor=request.user,
            is_pinned=data["is_pinned"],
            position=data["position"],
            summary=data["summary"],
            pinned_reason=data["pinned_reason"],
        )

    def restore_version(self, request, current, version):
        stance_restore(stance=current, version=version, actor=request.user)


@admin.register(PositionChange)
class PositionChangeAdmin(RecordAdmin):
    list_display = ["politician", "topic", "from_position", "to_position", "changed_on"]
    list_filter = ["topic", "set_by_editors"]
    list_select_related = ["politician", "topic"]
