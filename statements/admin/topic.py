"""The topics admin: a slug an editor changes keeps its old links working."""

from django.contrib import admin

from core.admin import PrintableText
from statements.models import (
    Topic,
)
from statements.services import (
    topic_save,
)


@admin.register(Topic)
class TopicAdmin(PrintableText, admin.ModelAdmin):
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
