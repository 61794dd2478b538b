from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from core.admin import HistoryAdmin, action_form_response, admin_pages
from core.downloads import cell_value, csv_response
from politicians.models import Politician
from statements.admin.politician import PoliticianAdmin
from statements.models import Topic

from .coverage import still_to_ask
from .imports import HEADER, OPTIONAL, OutreachImportError, outreach_import
from .models import Method, Outreach
from .services import OutreachError, outreach_delete, outreach_record_batch, outreach_save

# An upload is a survey spreadsheet: a few thousand rows at most.
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@admin.register(Outreach)
class OutreachAdmin(HistoryAdmin):
    list_display = [
        "politician",
        "topic",
        "asked_on",
        "method",
        "outcome",
        "outcome_on",
        "asked_by",
    ]
    list_filter = ["outcome", "method", "topic", "politician__house", "politician__party"]
    show_facets = admin.ShowFacets.ALWAYS
    list_select_related = ["politician", "topic", "asked_by"]
    search_fields = ["politician__name", "politician__constituency", "their_words", "notes"]
    search_help_text = "Search by name, constituency, their words or the notes."
    autocomplete_fields = ["politician"]
    # The reply is typed in as its id (the permalink shows it), or picked with the lookup.
    raw_id_fields = ["statement"]
    date_hierarchy = "asked_on"
    history_list_display = ["outcome"]
    change_list_template = "admin/outreach/outreach/change_list.html"
    fieldsets = [
        (None, {"fields": ["politician", "topic", ("asked_on", "method"), "asked_by"]}),
        ("Their answer", {"fields": ["outcome", "outcome_on", "statement", "their_words"]}),
        ("Newsroom only", {"fields": ["notes"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Who asked is whoever records it: never typed in, never changed afterwards.
        return ["asked_by"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            first, *others = self.fieldsets
            fields = [name for name in first[1]["fields"] if name != "asked_by"]
            return [(first[0], {"fields": fields}), *others]
        return self.fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("asked_on", timezone.localdate())
        default_topic = Topic.objects.default()
        if default_topic is not None:
            initial.setdefault("topic", default_topic.pk)
        return initial

    def save_model(self, request, obj, form, change):
        outreach_save(outreach=obj, actor=request.user)

    def delete_model(self, request, obj):
        outreach_delete(records=[obj], actor=request.user)

    def delete_queryset(self, request, queryset):
        outreach_delete(records=queryset, actor=request.user)

    def get_urls(self):
        return [
            *admin_pages(
                self,
                ("import/", self.import_view, "outreach_outreach_import"),
                ("mail-merge/", self.mail_merge_view, "outreach_outreach_mail_merge"),
            ),
            *super().get_urls(),
        ]

    def mail_merge_view(self, request):
        """Staff download the people still to ask or to chase on a topic, for a mail merge."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = MailMergeForm(request.GET if "topic" in request.GET else None)
        if form.is_bound and form.is_valid():
            topic = form.cleaned_data["topic"]
            rows = (
                [
                    person.name,
                    person.party.name if person.party else "",
                    person.house,
                    person.constituency,
                    person.contact_email,
                    person.coverage,
                    cell_value(person.coverage_on) or "",
                    request.build_absolute_uri(person.get_absolute_url()),
                ]
                for person in still_to_ask(topic).iterator(chunk_size=2000)
            )
            return csv_response(
                filename=f"outreach-to-send-{topic.slug}", header=MAIL_MERGE_COLUMNS, rows=rows
            )
        return TemplateResponse(
            request,
            "admin/outreach/outreach/mail_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "People still to ask or chase",
                "form": form,
                "columns": MAIL_MERGE_COLUMNS,
                "opts": self.model._meta,
            },
        )

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = OutreachImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                records = outreach_import(text=form.cleaned_data["text"], actor=request.user)
            except OutreachImportError as error:
                problems = error.problems
            except OutreachError as error:
                problems = error.messages
            else:
                self.message_user(
                    request, f"Recorded {len(records)} outreach record(s).", messages.SUCCESS
                )
                return redirect("admin:outreach_outreach_changelist")
        return TemplateResponse(
            request,
            "admin/outreach/outreach/import.html",
            {
                **self.admin_site.each_context(request),
                "title": "Import outreach from a CSV",
                "form": form,
                "problems": problems,
                "header": HEADER,
                "optional": sorted(OPTIONAL),
                "opts": self.model._meta,
            },
        )


# Staff only: the contact address never leaves the admin.
MAIL_MERGE_COLUMNS = [
    "name",
    "party",
    "house",
    "constituency",
    "contact_email",
    "coverage",
    "last_asked_on",
    "profile_url",
]


class MailMergeForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), to_field_name="slug")


class OutreachImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8, with a header row.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is over 2 MB: split it into smaller files.")
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "The file is not UTF-8 text: save it as CSV UTF-8."
            ) from error
        return upload


class RecordOutreachForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all())
    asked_on = forms.DateField(label="Date asked", widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(label="How", choices=Method.choices)
    notes = forms.CharField(
        label="Staff notes", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.action(
    description="Record outreach to selected politicians…", permissions=["record_outreach"]
)
def record_outreach(modeladmin, request, queryset):
    """The politicians changelist's batch action: one approach, recorded for each person chosen."""
    applying = "asked_on" in request.POST
    form = RecordOutreachForm(
        request.POST if applying else None,
        initial={"topic": Topic.objects.default(), "asked_on": timezone.localdate()},
    )
    if applying and form.is_valid():
        try:
            records = outreach_record_batch(
                politicians=list(queryset), actor=request.user, **form.cleaned_data
            )
        except OutreachError as error:
            for field_name, field_messages in error.message_dict.items():
                for message in field_messages:
                    form.add_error(field_name if field_name in form.fields else None, message)
        else:
            modeladmin.message_user(
                request,
                f"Recorded outreach to {len(records)} politician(s) "
                f"on {form.cleaned_data['topic']}.",
                messages.SUCCESS,
            )
            return None
    return action_form_response(
        request,
        modeladmin,
        template="admin/outreach/record_outreach.html",
        title="Record outreach",
        action="record_outreach",
        action_label="Record outreach",
        form=form,
        form_id="record_outreach_form",
        objects=queryset.select_related("party"),
    )


# Newsrooms survey a whole House at once: select the people, then say when and how. The people
# admin sits below this app and knows nothing of outreach, so the action is added here.
admin.site.unregister(Politician)


@admin.register(Politician)
class PoliticianWithOutreachAdmin(PoliticianAdmin):
    actions = [*PoliticianAdmin.actions, record_outreach]

    def has_record_outreach_permission(self, request):
        return request.user.has_perm("outreach.add_outreach")
