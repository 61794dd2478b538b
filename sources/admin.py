from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html

from core.admin import RecordAdmin, admin_pages
from statements.models import Source

from .admin_intake import intake_urls
from .models import Capture, CaptureState, LinkCheck, PositionCue, TopicTerm
from .tasks import link_check, source_capture_enqueue


@admin.register(PositionCue)
class PositionCueAdmin(admin.ModelAdmin):
    list_display = ["phrase", "position", "topic"]
    list_filter = ["topic", "position"]
    search_fields = ["phrase"]
    list_select_related = ["topic"]


@admin.register(TopicTerm)
class TopicTermAdmin(admin.ModelAdmin):
    list_display = ["phrase", "topic"]
    list_filter = ["topic"]
    search_fields = ["phrase"]
    list_select_related = ["topic"]


class LinkStateFilter(admin.SimpleListFilter):
    title = "original link"
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [("dead", "Dead"), ("alive", "Alive or not checked")]

    def queryset(self, request, queryset):
        if self.value() == "dead":
            return queryset.with_dead_link()
        if self.value() == "alive":
            return queryset.filter(link_dead_since__isnull=True)
        return queryset


class CaptureStateFilter(admin.SimpleListFilter):
    title = "archived copy"
    parameter_name = "capture"

    def lookups(self, request, model_admin):
        return [*CaptureState.choices, ("none", "Never fetched")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(capture_state__isnull=True)
        if self.value() in CaptureState.values:
            return queryset.filter(capture_state=self.value())
        return queryset


class CaptureInline(admin.TabularInline):
    model = Capture
    fields = ["state", "failure_reason", "final_url", "status_code", "captured_at", "warc_link"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="WARC")
    def warc_link(self, capture):
        return _warc_link(capture)


class LinkCheckInline(admin.TabularInline):
    model = LinkCheck
    fields = ["checked_at", "status_code", "is_dead", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).newest_first()


def _warc_link(capture):
    if not capture.warc:
        return "—"
    url = reverse("admin:sources_capture_warc", args=[capture.pk])
    return format_html('<a href="{}">Download the WARC</a>', url)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "title", "published_on", "capture_state_shown", "link_shown"]
    list_filter = [LinkStateFilter, CaptureStateFilter, "kind"]
    search_fields = ["url", "outlet", "title"]
    fields = ["url", "outlet", "title", "published_on", "kind", "link_dead_since"]
    readonly_fields = ["link_dead_since"]
    inlines = [CaptureInline, LinkCheckInline]

    def get_readonly_fields(self, request, obj=None):
        # An address is what a source is: a different address is a different source, which
        # saving a statement with that address makes.
        return [*self.readonly_fields, "url"] if obj is not None else self.readonly_fields

    actions = ["archive_again", "check_links_now"]
    change_list_template = "admin/sources/source/change_list.html"

    def get_queryset(self, request):
        # The newest capture's state and reason, in the list's one query.
        newest = Capture.objects.filter(source=OuterRef("pk")).order_by("-created_at", "-pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                capture_state=Subquery(newest.values("state")[:1]),
                capture_reason=Subquery(newest.values("failure_reason")[:1]),
            )
        )

    @admin.display(description="archived copy", ordering="capture_state")
    def capture_state_shown(self, source):
        if source.capture_state is None:
            return "Never fetched"
        label = CaptureState(source.capture_state).label
        if source.capture_state == CaptureState.FAILED:
            return f"{label}: {source.capture_reason}"
        return label

    @admin.display(description="original link", ordering="link_dead_since")
    def link_shown(self, source):
        if source.link_dead_since:
            return f"Dead since {source.link_dead_since:%d %b %Y}"
        return "Alive or not checked"

    @admin.action(description="Fetch and archive the selected sources again")
    def archive_again(self, request, queryset):
        for source in queryset:
            source_capture_enqueue(source=source)
        self.message_user(request, f"Queued {queryset.count()} to fetch and archive.")

    @admin.action(description="Check the selected sources' links now")
    def check_links_now(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            link_check.delay(pk)
        self.message_user(request, f"Queued {queryset.count()} link checks.")

    def get_urls(self):
        return intake_urls(self.admin_site) + super().get_urls()


@admin.register(Capture)
class CaptureAdmin(RecordAdmin):
    """Captures are written by the fetcher only: staff read them and download the WARC."""

    list_display = ["source", "state", "failure_reason", "status_code", "captured_at"]
    list_filter = ["state"]
    list_select_related = ["source"]
    search_fields = ["source__url", "final_url", "title"]
    fields = [
        "source",
        "state",
        "failure_reason",
        "final_url",
        "redirects",
        "status_code",
        "content_type",
        "warc_link",
        "title",
        "site_name",
        "published_on",
        "captured_at",
        "text",
    ]

    @admin.display(description="WARC")
    def warc_link(self, capture):
        return _warc_link(capture)

    def get_urls(self):
        return [
            *admin_pages(self, ("<int:pk>/warc/", self.warc_download, "sources_capture_warc")),
            *super().get_urls(),
        ]

    def warc_download(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        capture = get_object_or_404(Capture, pk=pk)
        if not capture.warc:
            raise Http404("This capture has no WARC.")
        return FileResponse(
            capture.warc.open("rb"),
            as_attachment=True,
            filename=f"source-{capture.source_id}-capture-{capture.pk}.warc.gz",
            content_type="application/warc",
        )


@admin.register(LinkCheck)
class LinkCheckAdmin(RecordAdmin):
    list_display = ["source", "checked_at", "status_code", "is_dead", "reason"]
    list_filter = ["is_dead"]
    list_select_related = ["source"]
    fields = list_display
