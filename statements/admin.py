from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from .models import Correction, PositionChange, Stance, Statement, Topic, validate_web_url
from .services import (
    StatementWorkflowError,
    statement_publish,
    statement_retract,
    statement_save_draft,
)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "opened_on", "is_default"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]


class StatementForm(forms.ModelForm):
    # Editors paste links; a bare “bbc.co.uk/…” should become https, not http.
    source_url = forms.URLField(
        label="Source URL",
        max_length=500,
        assume_scheme="https",
        validators=[validate_web_url],
        error_messages={"invalid": validate_web_url.message},
    )
    archive_url = forms.URLField(
        label="Archived copy URL",
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[validate_web_url],
        error_messages={"invalid": validate_web_url.message},
        help_text=Statement._meta.get_field("archive_url").help_text,
    )

    class Meta:
        model = Statement
        fields = [
            "politician",
            "topic",
            "words",
            "is_paraphrase",
            "said_on",
            "said_on_precision",
            "outlet",
            "source_url",
            "source_kind",
            "archive_url",
            "context",
            "position",
            "pending_correction_note",
        ]

    def clean(self):
        cleaned = super().clean()
        # Said here as a form error so the editor sees it beside the field, not as a crash.
        if (
            self.instance.pk
            and self.instance.first_published_at
            and self.has_changed()
            and not (cleaned.get("pending_correction_note") or "").strip()
        ):
            self.add_error(
                "pending_correction_note",
                "This statement has been published. Say what was wrong and what changed: "
                "the note appears on the public corrections page.",
            )
        return cleaned


WORKFLOW_FIELDS = [
    "status",
    "entered_by",
    "last_edited_by",
    "reviewed_by",
    "reviewed_at",
    "first_published_at",
    "published_at",
    "retracted_at",
    "retraction_reason",
    "created_at",
    "updated_at",
]


class StatementInline(admin.StackedInline):
    model = Statement
    form = StatementForm
    fk_name = "politician"
    extra = 0
    can_delete = False  # Retracting replaces deleting: the public record must not vanish.
    show_change_link = True
    fields = [
        "topic",
        "words",
        "is_paraphrase",
        ("said_on", "said_on_precision"),
        ("outlet", "source_kind"),
        "source_url",
        "archive_url",
        "position",
        "context",
        "pending_correction_note",
        "status",
    ]
    readonly_fields = ["status"]

    @staticmethod
    def save_through_workflow(request, formset):
        for form in formset.forms:
            if not form.has_changed() or form.cleaned_data.get("DELETE"):
                continue
            statement_save_draft(statement=form.save(commit=False), actor=request.user)


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the public corrections page and on the statement's permalink.",
    )


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    form = StatementForm
    list_display = [
        "__str__",
        "position",
        "status",
        "said_on",
        "outlet",
        "entered_by",
        "reviewed_by",
    ]
    list_filter = ["status", "position", "topic", "politician__party", "source_kind"]
    list_select_related = ["politician", "entered_by", "reviewed_by"]
    search_fields = ["words", "politician__name", "outlet"]
    search_help_text = "Search in the words, the speaker's name or the outlet."
    autocomplete_fields = ["politician"]
    date_hierarchy = "said_on"
    readonly_fields = WORKFLOW_FIELDS
    actions = ["publish", "retract"]
    fieldsets = [
        (None, {"fields": ["politician", "topic", "words", "is_paraphrase"]}),
        (
            "When and where",
            {
                "fields": [
                    ("said_on", "said_on_precision"),
                    "outlet",
                    "source_url",
                    "source_kind",
                    "archive_url",
                    "context",
                ]
            },
        ),
        ("Position", {"fields": ["position"]}),
        ("Corrections", {"fields": ["pending_correction_note"]}),
        ("Review", {"fields": WORKFLOW_FIELDS}),
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        statement_save_draft(statement=obj, actor=request.user)
        self.message_user(
            request,
            "Saved as a draft. A reviewer other than you must publish it before the public "
            "sees it.",
            messages.INFO,
        )

    @admin.action(description="Publish selected statements", permissions=["publish"])
    def publish(self, request, queryset):
        published, refused = 0, []
        for statement in queryset.select_related("politician"):
            try:
                statement_publish(statement=statement, reviewer=request.user)
                published += 1
            except (PermissionDenied, StatementWorkflowError, ValidationError) as error:
                refused.append(f"“{statement}”: {_error_text(error)}")
        if published:
            self.message_user(request, f"Published {published} statement(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not published: {reason}", messages.ERROR)

    def has_publish_permission(self, request):
        return request.user.has_perm("statements.publish_statement")

    @admin.action(description="Retract selected statements…", permissions=["retract"])
    def retract(self, request, queryset):
        form = RetractForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            retracted = 0
            for statement in queryset:
                try:
                    statement_retract(
                        statement=statement, actor=request.user, reason=form.cleaned_data["reason"]
                    )
                    retracted += 1
                except (PermissionDenied, StatementWorkflowError, ValidationError) as error:
                    self.message_user(
                        request,
                        f"Not retracted: “{statement}”: {_error_text(error)}",
                        messages.ERROR,
                    )
            if retracted:
                self.message_user(request, f"Retracted {retracted} statement(s).", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/statements/statement/retract.html",
            {
                **self.admin_site.each_context(request),
                "title": "Retract statements",
                "form": form,
                "statements": queryset.select_related("politician"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    def has_retract_permission(self, request):
        return request.user.has_perm("statements.retract_statement")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("politician", "topic")


@admin.register(Stance)
class StanceAdmin(SimpleHistoryAdmin):
    list_display = ["politician", "topic", "position", "as_of", "is_pinned"]
    list_filter = ["topic", "position", "is_pinned"]
    list_select_related = ["politician", "topic"]
    search_fields = ["politician__name"]
    autocomplete_fields = ["politician"]
    readonly_fields = ["based_on", "pinned_by", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PositionChange)
class PositionChangeAdmin(admin.ModelAdmin):
    list_display = ["politician", "topic", "from_position", "to_position", "changed_on"]
    list_filter = ["topic", "set_by_editors"]
    list_select_related = ["politician", "topic"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["statement", "kind", "made_at", "made_by"]
    list_filter = ["kind"]
    list_select_related = ["statement__politician", "made_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
