"""The people and parties admin. It lives with the statements admin because a politician's page
lists their statements and filters by their stance: the politicians app knows neither."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten, unquote
from django.db.models import Exists, OuterRef

from core.admin import HistoryAdmin
from core.data_version import data_changed
from politicians.models import Party, Politician
from politicians.names import without_titles
from politicians.services import may_change_public_record
from statements.models import NO_POSITION, POSITION_CHOICES, Stance, Topic

from .statement_forms import StatementInline


class ChangesPublicDataAdmin(HistoryAdmin):
    """People and parties are edited in place: their pages show at once, so any save or
    restore moves the public data version (there is no service in between to do it)."""

    def save_model(self, request, obj, form, change):
        data_changed()
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        data_changed()
        super().delete_model(request, obj)


@admin.register(Party)
class PartyAdmin(ChangesPublicDataAdmin):
    history_list_display = ["name", "short_name"]
    list_display = ["name", "short_name", "slug", "colour"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


class PositionOnDefaultTopicFilter(admin.SimpleListFilter):
    title = "position (default topic)"
    parameter_name = "position"

    def lookups(self, request, model_admin):
        return POSITION_CHOICES

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        topic = Topic.objects.default()
        stances = Stance.objects.filter(politician=OuterRef("pk"), topic=topic)
        if value == NO_POSITION:
            return queryset.filter(~Exists(stances))
        return queryset.filter(Exists(stances.filter(position=value)))


@admin.register(Politician)
class PoliticianAdmin(ChangesPublicDataAdmin):
    # Party switches and new roles from the member import show here with who and when.
    history_list_display = ["party", "role", "is_sitting"]
    list_display = ["name", "party", "house", "constituency", "role", "bench", "is_sitting"]
    list_filter = [
        PositionOnDefaultTopicFilter,
        "party",
        "house",
        "bench",
        "is_sitting",
        "on_roll",
        "has_tiktok_account",
    ]
    list_select_related = ["party"]
    # The statement form's speaker autocomplete searches these too: name, seat and party.
    search_fields = ["name", "constituency", "party__name", "party__short_name"]
    search_help_text = "Search by name, constituency or party."
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "sort_name", "slug", "party", "house", "constituency"]}),
        (
            "Role",
            {
                "fields": [
                    "role",
                    "bench",
                    "bench_as_of",
                    "member_id",
                    "has_tiktok_account",
                    "is_sitting",
                    "on_roll",
                ]
            },
        ),
        ("Contact, staff only", {"fields": ["contact_email"]}),
    ]
    # Only the imports of official lists put a person on the roll; anyone an editor adds is
    # public once a reviewer publishes one of their statements.
    readonly_fields = ["on_roll"]
    inlines = [StatementInline]

    def _details_out_of_reach(self, request, obj) -> bool:
        return obj is not None and not may_change_public_record(user=request.user, politician=obj)

    def get_readonly_fields(self, request, obj=None):
        # What the public sees about a person changes only by a reviewer's hand: an editor sees
        # a public person's details read-only (and the form cannot carry them), but still
        # enters their statements below, which a reviewer publishes.
        if self._details_out_of_reach(request, obj):
            return [name for _, options in self.fieldsets for name in flatten(options["fields"])]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if self._details_out_of_reach(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if request.method == "GET" and self._details_out_of_reach(request, obj):
            self.message_user(
                request,
                "The public sees this person: only a reviewer changes their details. You can "
                "still add and correct their statements here.",
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # Editors paste names as sources print them, “Sir Lindsay Hoyle MP”: every word must
        # match, and “Sir” matches nobody, so search the bare name as well.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        bare = without_titles(search_term)
        if bare and bare != " ".join(search_term.split()):
            titled, titled_duplicates = super().get_search_results(request, queryset, bare)
            results |= titled
            may_have_duplicates |= titled_duplicates
        return results, may_have_duplicates

    def save_formset(self, request, form, formset, change):
        if formset.model is StatementInline.model:
            StatementInline.save_through_workflow(request, formset)
        else:
            super().save_formset(request, form, formset, change)
