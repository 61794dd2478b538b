"""The topics admin: a slug an editor changes keeps its old links working."""

from django import forms
from django.contrib import admin

from core.admin import PrintableText
from statements.models import TOPIC_FILTER_CHOICES, Topic
from statements.services import topic_save


class TopicForm(forms.ModelForm):
    # Ticked boxes rather than JSON typed by hand: an editor offers a filter with one click.
    politician_filters = forms.MultipleChoiceField(
        label="Extra filters on the politicians list",
        choices=TOPIC_FILTER_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Filters only this topic's readers need. A topic offers none until ticked here.",
    )

    class Meta:
        model = Topic
        fields = [
            "title",
            "slug",
            "question",
            "summary",
            "opened_on",
            "is_default",
            "politician_filters",
        ]


@admin.register(Topic)
class TopicAdmin(PrintableText, admin.ModelAdmin):
    form = TopicForm
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
