"""The editor's “New from an article” screens in the admin.

Paste an address or the text → a review screen listing every candidate the extractor finds, with
the article's sentence around it; tick the ones to keep, trim their words, change the speaker
(a list that completes as you type, with no script needed) and the position, and make drafts.
Plain forms: every control is reached with the keyboard and works without JavaScript.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from politicians.models import Politician
from statements.models import Position, Topic

from .intake import (
    DraftChoice,
    IntakeError,
    intake_capture,
    intake_drafts_create,
    intake_start,
    intake_text,
)
from .models import ArticleIntake
from .services import ExtractionError, candidates_extract


class IntakeStartForm(forms.Form):
    url = forms.CharField(
        label="Article address",
        required=False,
        max_length=500,
        help_text="We fetch and archive the page, then read its text.",
    )
    text = forms.CharField(
        label="Or the article's text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=200_000,
        help_text="For print or a page we cannot fetch: give the outlet and date below.",
    )
    outlet = forms.CharField(required=False, max_length=150)
    published_on = forms.DateField(
        label="Date published",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), empty_label=None)


def _may_intake(request) -> bool:
    return request.user.has_perm("statements.add_statement")


def intake_new(request, admin_site):
    if not _may_intake(request):
        raise PermissionDenied
    form = IntakeStartForm(request.POST or None, initial={"topic": Topic.objects.default()})
    if request.method == "POST" and form.is_valid():
        try:
            intake = intake_start(actor=request.user, **form.cleaned_data)
        except IntakeError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            return redirect("admin:sources_intake_review", intake.pk)
    context = {
        **admin_site.each_context(request),
        "title": "New from an article",
        "form": form,
        "opts": ArticleIntake._meta,
    }
    return TemplateResponse(request, "admin/sources/intake_new.html", context)


def _choices_from(post) -> list[DraftChoice]:
    picked = post.getlist("pick")
    choices = []
    for number in picked:
        if not number.isdigit():
            continue
        choices.append(
            DraftChoice(
                number=int(number),
                words=post.get(f"words-{number}", ""),
                speaker=post.get(f"speaker-{number}", ""),
                position=post.get(f"position-{number}", ""),
                is_paraphrase=post.get(f"paraphrase-{number}") == "on",
            )
        )
    return choices


def _row(number: int, candidate, text: str, posted) -> dict:
    """One candidate as the review form shows it: as extracted, or as the editor last sent it."""
    key = str(number)
    row = {
        "number": number,
        "candidate": candidate,
        "before": text[candidate.context_start : candidate.start]
        if candidate.context_start <= candidate.start
        else "",
        "after": text[candidate.end : candidate.context_end]
        if candidate.end <= candidate.context_end
        else "",
        "picked": posted is not None and key in posted.getlist("pick"),
    }
    if posted:
        return row | {
            "words": posted.get(f"words-{key}", candidate.words),
            "speaker": posted.get(f"speaker-{key}", ""),
            "position": posted.get(f"position-{key}", ""),
            "paraphrase": posted.get(f"paraphrase-{key}") == "on",
        }
    return row | {
        "words": candidate.words,
        "speaker": candidate.politician or "",
        "position": candidate.position or "",
        "paraphrase": candidate.is_paraphrase,
    }


def intake_review(request, admin_site, pk):
    if not _may_intake(request):
        raise PermissionDenied
    intake = get_object_or_404(ArticleIntake.objects.select_related("source", "topic"), pk=pk)
    capture = intake_capture(intake)
    text = intake_text(intake, capture)
    problems = []
    candidates = []
    if text is not None:
        try:
            candidates = candidates_extract(text=text, topic=intake.topic)
        except ExtractionError as error:
            problems.append(str(error))
    if request.method == "POST" and text is not None:
        try:
            drafts = intake_drafts_create(
                intake=intake, choices=_choices_from(request.POST), actor=request.user
            )
        except IntakeError as error:
            problems.extend(error.problems)
        else:
            messages.success(
                request,
                f"{len(drafts)} draft statement{'s' if len(drafts) != 1 else ''} made; "
                "a reviewer publishes them.",
            )
            changelist = reverse("admin:statements_statement_changelist")
            return redirect(f"{changelist}?review=draft")
    posted = request.POST if request.method == "POST" else None
    rows = [_row(number, candidate, text, posted) for number, candidate in enumerate(candidates, 1)]
    context = {
        **admin_site.each_context(request),
        "title": "Review the article's statements",
        "intake": intake,
        "capture": capture,
        "text_ready": text is not None,
        "rows": rows,
        "problems": problems,
        "positions": Position.choices,
        "speakers": Politician.objects.order_by("sort_name").values_list(
            "slug", "name", "party__name"
        ),
        "opts": ArticleIntake._meta,
    }
    return TemplateResponse(request, "admin/sources/intake_review.html", context)


def intake_urls(admin_site):
    return [
        path(
            "new-from-article/",
            admin_site.admin_view(lambda request: intake_new(request, admin_site)),
            name="sources_intake_new",
        ),
        path(
            "new-from-article/<int:pk>/",
            admin_site.admin_view(lambda request, pk: intake_review(request, admin_site, pk)),
            name="sources_intake_review",
        ),
    ]
