from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.text import Truncator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV

from core.admin import HistoryAdmin, error_text
from core.history import when_in_words
from statements.history import StatementHistory, content_changes, related_in_contents
from statements.models import (
    STATEMENT_CONTENT_FIELDS,
    Correction,
    PositionChange,
    Stance,
    Statement,
    StatementStatus,
    Topic,
    awaiting_review_q,
    content_of,
    correction_awaiting_review_q,
    validate_web_url,
    version_content,
)
from statements.resources import StatementResource
from statements.services import (
    StatementWorkflowError,
    authors_of_what_awaits_review,
    can_publish,
    stance_pin,
    stance_restore,
    stance_set_summary,
    stance_unpin,
    statement_discard_correction,
    statement_near_duplicates,
    statement_publish,
    statement_restore,
    statement_retract,
    statement_save_draft,
    topic_save,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "opened_on", "is_default"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]
    readonly_fields = ["former_addresses"]

    @admin.display(description="Former slugs (their links lead here)")
    def former_addresses(self, topic):
        if topic.pk is None:
            return "None"
        return ", ".join(former.slug for former in topic.former_slugs.all()) or "None"

    def save_model(self, request, obj, form, change):
        topic_save(topic=obj)


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
    save_anyway = forms.BooleanField(
        label="Save anyway",
        required=False,
        help_text=(
            "Tick only after checking the warning about a nearly identical quote: "
            "for example the same words reported by a second outlet."
        ),
    )

    class Meta:
        model = Statement
        fields = [*STATEMENT_CONTENT_FIELDS, "pending_correction_note"]

    def clean(self):
        cleaned = super().clean()
        held = Statement.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        if held is not None and held.is_retracted:
            raise ValidationError("A retracted statement cannot be changed.")
        # Said here as a form error so the editor sees it beside the field, not as a crash.
        if (
            held is not None
            and held.first_published_at
            and self.has_changed()
            and not (cleaned.get("pending_correction_note") or "").strip()
        ):
            self.add_error(
                "pending_correction_note",
                "This statement has been published. Say what was wrong and what changed: "
                "the note appears on the public corrections page.",
            )
        self._warn_of_near_duplicates(cleaned)
        return cleaned

    def _warn_of_near_duplicates(self, cleaned):
        politician = cleaned.get("politician")
        politician_id = politician.pk if politician else self.instance.politician_id
        words = cleaned.get("words")
        if not politician_id or not words or cleaned.get("save_anyway"):
            return
        if self.instance.pk and not {"words", "politician"} & set(self.changed_data):
            return
        twins = statement_near_duplicates(
            politician_id=politician_id, words=words, exclude_pk=self.instance.pk
        )
        if twins:
            held = "; ".join(
                f"statement {twin.pk} ({twin.get_status_display().lower()}, "
                f"{twin.outlet}, {twin.said_on:%d %b %Y}): “{Truncator(twin.words).chars(80)}”"
                for twin in twins
            )
            self.add_error(
                "words",
                f"We already hold nearly the same words from this speaker: {held}. "
                "If this is a different report worth keeping, tick “Save anyway” and save again.",
            )


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


def review_state(statement) -> str:
    """Where a statement (or a version in its history) stands in review, in the words the
    review queue uses."""
    if statement.pending_content is not None:
        return "Published; a correction awaits review (the public sees the published version)"
    return statement.get_status_display()


def show_pending_correction(statement: Statement | None) -> Statement | None:
    """Put a statement's correction awaiting review in its fields, in memory, for editing.

    Editors always work on the newest version: the form shows (and saving replaces) the
    correction, while the published words stay in the database for the public.
    """
    if statement is not None and statement.has_pending_correction:
        statement.apply_content(statement.pending_content)
    return statement


class StatementInlineFormSet(BaseInlineFormSet):
    def get_queryset(self):
        statements = super().get_queryset()
        if not hasattr(self, "speakers"):
            # The queryset caches its rows; the forms are built from these same objects. Each
            # form is tied to the page's politician, so the speaker a correction would give the
            # quote is kept aside, to be saved with the correction.
            self.speakers = {}
            for statement in statements:
                on_this_page = statement.politician_id
                show_pending_correction(statement)
                self.speakers[statement.pk] = statement.politician_id
                statement.politician_id = on_this_page
        return statements


class StatementInline(admin.StackedInline):
    model = Statement
    form = StatementForm
    formset = StatementInlineFormSet
    fk_name = "politician"
    extra = 0
    can_delete = False  # Retracting replaces deleting: the public record must not vanish.
    show_change_link = True
    fields = [
        "topic",
        "words",
        "save_anyway",
        "is_paraphrase",
        ("said_on", "said_on_precision"),
        ("outlet", "source_kind"),
        "source_url",
        "archive_url",
        "position",
        "context",
        "pending_correction_note",
        "status_for_review",
    ]
    readonly_fields = ["status_for_review"]

    @admin.display(description="status")
    def status_for_review(self, statement):
        return review_state(statement) if statement.pk else "New: saved as a draft"

    @staticmethod
    def save_through_workflow(request, formset):
        """Save the inline's statements through the workflow, never straight to the table.

        formset.save(commit=False) gives the changed and new statements (with the politician
        set, even a politician added on this same page) and records what changed for the
        admin's log, without writing anything.
        """
        for statement in formset.save(commit=False):
            if statement.pk is not None:
                statement.politician_id = formset.speakers[statement.pk]
            statement_save_draft(statement=statement, actor=request.user)


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the public corrections page and on the statement's permalink.",
    )


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


class ReviewStateFilter(admin.SimpleListFilter):
    """The review queue as reviewers think of it: a correction to a published statement
    awaits review just as a new draft does."""

    title = "review state"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", "Awaiting review: new drafts and corrections"),
            ("draft", "New draft, awaiting review"),
            ("correction", "Correction awaiting review"),
            ("published", "Published"),
            ("retracted", "Retracted"),
        ]

    def queryset(self, request, queryset):
        wanted = {
            "awaiting": awaiting_review_q(),
            "draft": Q(status=StatementStatus.DRAFT),
            "correction": correction_awaiting_review_q(),
            "published": Q(status=StatementStatus.PUBLISHED),
            "retracted": Q(status=StatementStatus.RETRACTED),
        }.get(self.value())
        return queryset if wanted is None else queryset.filter(wanted)


# Fieldsets that mean nothing before a statement exists.
NOT_ON_ADD = {"Corrections", "Review"}


@admin.register(Statement)
class StatementAdmin(ImportExportMixin, HistoryAdmin):
    history_helper = StatementHistory
    form = StatementForm
    list_display = [
        "__str__",
        "position",
        "status_for_review",
        "said_on",
        "outlet",
        "entered_by",
        "last_edited_by",
        "reviewed_by",
        "reviewed_at",
    ]
    list_filter = [ReviewStateFilter, "position", "topic", "politician__party", "source_kind"]
    # Counts beside each filter choice: “Awaiting review (12)” is the reviewer's queue.
    show_facets = admin.ShowFacets.ALWAYS
    list_select_related = ["politician", "entered_by", "last_edited_by", "reviewed_by"]
    search_fields = ["words", "politician__name", "outlet"]
    search_help_text = "Search in the words, the speaker's name or the outlet."
    autocomplete_fields = ["politician"]
    date_hierarchy = "said_on"
    readonly_fields = WORKFLOW_FIELDS
    actions = ["publish", "retract"]
    history_list_display = ["status_then"]
    change_list_template = "admin/statements/statement/change_list.html"
    change_form_template = "admin/statements/statement/change_form.html"
    object_history_form_template = "admin/statements/statement/object_history_form.html"
    import_template_name = "admin/statements/statement/import.html"
    resource_classes = [StatementResource]
    formats = [CSV]
    restored_message = (
        "Restored that version for review. A reviewer other than you must publish it before "
        "the public sees it; until then the public sees what was published."
    )
    fieldsets = [
        (None, {"fields": ["politician", "topic", "words", "save_anyway", "is_paraphrase"]}),
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

    def get_fieldsets(self, request, obj=None):
        if getattr(request, "showing_history_version", False):
            # An old version is shown read-only; “save anyway” is a form switch, not a field.
            first, *others = self.fieldsets
            fields = [name for name in first[1]["fields"] if name != "save_anyway"]
            return [(first[0], {"fields": fields}), *others]
        if obj is None:
            # A new statement has nothing to correct and no review yet: keep the form short.
            return [fieldset for fieldset in self.fieldsets if fieldset[0] not in NOT_ON_ADD]
        return self.fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "topic" not in initial:
            # Most quotes are about the topic the site leads with; an editor picks another.
            default_topic = Topic.objects.default()
            if default_topic is not None:
                initial["topic"] = default_topic.pk
        return initial

    @admin.display(description="status", ordering="status")
    def status_for_review(self, statement):
        return review_state(statement)

    @admin.display(description="status")
    def status_then(self, version):
        return review_state(version)

    def get_object(self, request, object_id, from_field=None):
        # The change form edits the correction awaiting review, if one waits.
        return show_pending_correction(super().get_object(request, object_id, from_field))

    def get_held_object(self, request, object_id):
        """The statement as stored: its published fields, any correction kept aside."""
        return super().get_object(request, object_id)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and getattr(request, "showing_history_version", False):
            # An old version is shown as editors saw it then: with its correction, if any.
            obj.apply_content(version_content(obj))
        return super().get_form(request, obj, change, **kwargs)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        # Corrections awaiting review name speakers and topics by id: fetch them for the
        # whole page at once.
        request.history_related = related_in_contents(
            record.pending_content for record in historical_records if record.pending_content
        )
        return super().set_history_delta_changes(request, historical_records, **kwargs)

    def get_urls(self):
        publish = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(self.publish_view),
            name="statements_statement_publish",
        )
        discard = path(
            "<path:object_id>/discard-correction/",
            self.admin_site.admin_view(self.discard_correction_view),
            name="statements_statement_discard_correction",
        )
        return [publish, discard, *super().get_urls()]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A retracted statement is a public record of a mistake: it stays as it was.
        if obj is not None and obj.is_retracted:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = statement_save_draft(statement=obj, actor=request.user)
        if saved.has_pending_correction:
            message = (
                "Saved your correction for review. The public still sees the published "
                "version until a reviewer other than you publishes the correction."
            )
        elif saved.is_published:
            message = "Nothing waits for review: the public sees the published version."
        else:
            message = (
                "Saved as a draft. A reviewer other than you must publish it before the public "
                "sees it."
            )
        self.message_user(request, message, messages.INFO)

    def restore_version(self, request, current, version):
        statement_restore(statement=current, version=version, actor=request.user)

    def changelist_view(self, request, extra_context=None):
        user = request.user
        # Someone else's work: a draft they neither entered nor last changed, a correction
        # they neither started nor last changed (Django's ~Q counts an empty column as not theirs).
        not_by_user = {
            field: ~Q(**{field: user})
            for field in ("entered_by", "last_edited_by", "pending_started_by")
        }
        draft, correction = Q(status=StatementStatus.DRAFT), correction_awaiting_review_q()
        counts = Statement.objects.aggregate(
            awaiting_review=Count("pk", filter=awaiting_review_q()),
            drafts=Count("pk", filter=draft),
            corrections=Count("pk", filter=correction),
            awaiting_others=Count(
                "pk",
                filter=(draft & not_by_user["entered_by"] & not_by_user["last_edited_by"])
                | (correction & not_by_user["pending_started_by"] & not_by_user["last_edited_by"]),
            ),
            published=Count("pk", filter=Q(status=StatementStatus.PUBLISHED)),
            retracted=Count("pk", filter=Q(status=StatementStatus.RETRACTED)),
        )
        extra_context = {
            **(extra_context or {}),
            "review_counts": counts,
            "can_publish": self.has_publish_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        statement = self.get_held_object(request, unquote(object_id))
        review = None
        if statement is not None:
            review = {
                "statement": statement,
                "state": review_state(statement),
                "can_publish": can_publish(statement=statement, user=request.user),
                "can_retract": not statement.is_retracted and self.has_retract_permission(request),
                "can_discard": statement.has_pending_correction
                and self.has_publish_permission(request),
                "is_author": request.user.pk in authors_of_what_awaits_review(statement),
                "may_publish_at_all": self.has_publish_permission(request),
                "changes": changes_since_published(statement),
                "pending_saved_on": when_in_words(statement.pending_saved_at)
                if statement.pending_saved_at
                else "",
            }
        extra_context = {**(extra_context or {}), "review": review}
        return super().change_view(request, object_id, form_url, extra_context)

    def _statement_for_review(self, request, object_id):
        statement = self.get_held_object(request, unquote(object_id))
        if statement is None:
            raise Http404
        # The buttons only show to reviewers; this check is what actually stops everyone else.
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return statement

    @method_decorator(require_POST)
    def publish_view(self, request, object_id):
        """The Publish button on a draft's or a correction's page: the same service as the
        list's action."""
        statement = self._statement_for_review(request, object_id)
        was_correction = statement.has_pending_correction
        try:
            statement_publish(statement=statement, reviewer=request.user)
        except (StatementWorkflowError, ValidationError) as error:
            self.message_user(request, f"Not published: {error_text(error)}", messages.ERROR)
        else:
            self.message_user(
                request,
                "Correction published. The public now sees the corrected statement, and the "
                "corrections page lists the correction."
                if was_correction
                else "Published. The public can now see it.",
                messages.SUCCESS,
            )
        return redirect("admin:statements_statement_change", statement.pk)

    @method_decorator(require_POST)
    def discard_correction_view(self, request, object_id):
        """Drop the correction awaiting review; the published statement stays as it is."""
        statement = self._statement_for_review(request, object_id)
        try:
            statement_discard_correction(statement=statement, actor=request.user)
        except StatementWorkflowError as error:
            self.message_user(request, f"Not discarded: {error_text(error)}", messages.ERROR)
        else:
            self.message_user(
                request,
                "Correction discarded. The published version stands; the discarded correction "
                "stays in the history.",
                messages.SUCCESS,
            )
        return redirect("admin:statements_statement_change", statement.pk)

    @admin.action(description="Publish selected statements", permissions=["publish"])
    def publish(self, request, queryset):
        published, refused = 0, []
        for statement in queryset.select_related("politician"):
            try:
                statement_publish(statement=statement, reviewer=request.user)
                published += 1
            except (PermissionDenied, StatementWorkflowError, ValidationError) as error:
                refused.append(f"“{statement}”: {error_text(error)}")
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
                        f"Not retracted: “{statement}”: {error_text(error)}",
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
        if cleaned.get("is_pinned"):
            if not (cleaned.get("pinned_reason") or "").strip():
                self.add_error("pinned_reason", "Say why editors are setting this position.")
        elif "position" in self.changed_data and not self.instance.is_pinned:
            self.add_error(
                "position",
                "This position follows the newest published statement. To set it by hand, "
                "tick “Set by editors” and give a reason.",
            )
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
        held = Stance.objects.get(pk=obj.pk)
        data = form.cleaned_data
        if data["is_pinned"]:
            stance_pin(
                politician=held.politician,
                topic=held.topic,
                position=data["position"],
                reason=data["pinned_reason"],
                summary=data["summary"],
                actor=request.user,
                as_of=held.as_of if held.is_pinned and held.position == data["position"] else None,
            )
        elif held.is_pinned:
            stance_unpin(stance=held, actor=request.user)
        else:
            stance_set_summary(stance=held, summary=data["summary"], actor=request.user)

    def restore_version(self, request, current, version):
        stance_restore(stance=current, version=version, actor=request.user)


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
