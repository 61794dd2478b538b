"""Statements: drafting, review, publishing, corrections and retraction, all through services."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin

from core.admin import HistoryAdmin, RecordAdmin, action_form_response, admin_pages, error_text
from core.history import when_in_words
from core.imports import import_limits_problem
from core.rules import RuleBroken
from statements.history import (
    StatementHistory,
    changes_since_published,
    related_in_contents,
)
from statements.import_files import ImportFileUnavailable
from statements.import_jobs import statement_import_job_start
from statements.imports import StatementImportError
from statements.models import (
    Correction,
    Statement,
    StatementStatus,
    Topic,
    awaiting_review_q,
    correction_awaiting_review_q,
    version_content,
)
from statements.resources import StatementImportForm, StatementResource, StrictCSV
from statements.services import (
    authors_of_what_awaits_review,
    can_publish,
    statement_discard_correction,
    statement_publish,
    statement_restore,
    statement_retract,
    statement_save_draft,
)

from .statement_forms import (
    RetractForm,
    StatementForm,
    review_state,
    show_pending_correction,
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
    formats = [StrictCSV]
    import_form_class = StatementImportForm
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
        if self.shows_old_version(obj):
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

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, StatementImportError):
            # Each broken row by its number, as the command line lists them.
            for problem in e.problems:
                form.add_error("import_file", str(problem))
            return
        super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request, **kwargs):
        # A long file is checked and written on the task queue, and the editor is sent to a
        # page showing its progress: in the request, 1,000 rows once outlasted the timeout.
        if request.method == "POST" and self.has_import_permission(request):
            job = self._queue_long_import(request)
            if job is not None:
                return redirect("admin:statements_statementimportjob_change", job.pk)
        return super().import_action(request, **kwargs)

    def _queue_long_import(self, request):
        """The job a long upload was queued as; None leaves the upload to the preview."""
        upload = request.FILES.get("import_file")
        if upload is None or import_limits_problem(size=upload.size):
            return None  # the form says what is missing or too big
        raw = upload.read()
        upload.seek(0)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None  # the preview says the file is not text
        if text.count("\n") <= settings.WTS_IMPORT_QUEUE_ROWS:
            return None
        job = statement_import_job_start(text=text, actor=request.user, original_name=upload.name)
        self.message_user(
            request, f"{upload.name} is being imported; this page shows how far it has got."
        )
        return job

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except (ImportFileUnavailable, StatementImportError) as problem:
            # A confirmation naming no upload of ours, an expired one, or one that is not text.
            self.message_user(request, str(problem), messages.ERROR)
            return TemplateResponse(
                request,
                [self.import_template_name],
                {
                    **self.admin_site.each_context(request),
                    "title": "Import",
                    "opts": self.model._meta,
                    "import_problem": str(problem),
                },
                status=400,
            )

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
        if self.shows_old_version(obj):
            # An old version is shown as editors saw it then: with its correction, if any.
            obj.apply_content(version_content(obj))
        return super().get_form(request, obj, change, **kwargs)

    def history_related(self, historical_records):
        # Corrections awaiting review name speakers and topics by id: fetch them for the
        # whole page at once.
        return related_in_contents(
            record.pending_content for record in historical_records if record.pending_content
        )

    def get_urls(self):
        return [
            *admin_pages(
                self,
                ("<path:object_id>/publish/", self.publish_view, "statements_statement_publish"),
                (
                    "<path:object_id>/discard-correction/",
                    self.discard_correction_view,
                    "statements_statement_discard_correction",
                ),
            ),
            *super().get_urls(),
        ]

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
        except (RuleBroken, ValidationError) as error:
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
        except RuleBroken as error:
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
            except (RuleBroken, ValidationError) as error:
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
                except (RuleBroken, ValidationError) as error:
                    self.message_user(
                        request,
                        f"Not retracted: “{statement}”: {error_text(error)}",
                        messages.ERROR,
                    )
            if retracted:
                self.message_user(request, f"Retracted {retracted} statement(s).", messages.SUCCESS)
            return None
        return action_form_response(
            request,
            self,
            template="admin/statements/statement/retract.html",
            title="Retract statements",
            action="retract",
            action_label="Retract",
            form=form,
            objects=queryset.select_related("politician"),
        )

    def has_retract_permission(self, request):
        return request.user.has_perm("statements.retract_statement")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("politician", "topic")


@admin.register(Correction)
class CorrectionAdmin(RecordAdmin):
    list_display = ["statement", "kind", "made_at", "made_by"]
    list_filter = ["kind"]
    list_select_related = ["statement__politician", "made_by"]
