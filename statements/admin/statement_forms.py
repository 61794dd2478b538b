"""The statement form and the statements inline on a politician's page, both saving through
the workflow services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator

from core.admin import PrintableText, show_refusal
from core.rules import RuleBroken
from statements.models import (
    STATEMENT_CONTENT_FIELDS,
    Statement,
    validate_web_url,
)
from statements.services import (
    statement_check_edit,
    statement_near_duplicates,
    statement_save_draft,
)


def web_address_field(label: str, **options) -> forms.URLField:
    """A pasted link: a bare “bbc.co.uk/…” becomes https, not http, and only web addresses
    pass, said in the model validator's words."""
    return forms.URLField(
        label=label,
        max_length=500,
        assume_scheme="https",
        validators=[validate_web_url],
        error_messages={"invalid": validate_web_url.message},
        **options,
    )


class StatementForm(forms.ModelForm):
    source_url = web_address_field("Source URL")
    archive_url = web_address_field(
        "Archived copy URL",
        required=False,
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
        self._warn_of_near_duplicates(cleaned)
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # builds the edited statement in self.instance
        if self.instance.pk is None:
            return
        # The service's own rules, shown beside the field rather than as a crash on saving.
        try:
            statement_check_edit(statement=self.instance)
        except (RuleBroken, ValidationError) as refusal:
            show_refusal(self, refusal)

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


class StatementInline(PrintableText, admin.StackedInline):
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
