"""The politicians list's filters, and the facet counts shown beside every option."""

import django_filters
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from core.filters import UnusableQuery, facet_options, search_filter
from outreach.coverage import with_coverage
from outreach.models import Coverage
from politicians.models import LEGISLATURES, Bench, Party, Politician
from statements.filters import PartyFilterSet, party_filter
from statements.models import POSITION_CHOICES, POSITION_SCALE
from statements.tallies import with_position

# Other voices are never listed with the politicians, so they are not a house to filter on.
HOUSE_CHOICES = [(house.value, house.label) for house in LEGISLATURES]
TIKTOK_CHOICES = [("yes", "Runs a TikTok account"), ("no", "No TikTok account")]

# The hardest line first, “no known position” last: the order the dashboard uses.
POSITION_RANK = Case(
    *[When(position=value, then=Value(rank)) for rank, value in enumerate(POSITION_SCALE)],
    output_field=IntegerField(),
)

SORTS = {
    "name": ("Name, A to Z", ["sort_name", "name"]),
    "-name": ("Name, Z to A", ["-sort_name", "-name"]),
    "party": ("Party", ["party__name", "sort_name", "name"]),
    "-party": ("Party, Z to A", ["-party__name", "sort_name", "name"]),
    "position": ("Position, hardest line first", [POSITION_RANK, "sort_name", "name"]),
    "-position": ("Position, softest first", [POSITION_RANK.desc(), "sort_name", "name"]),
    "constituency": ("Constituency, A to Z", ["constituency", "sort_name", "name"]),
    "-constituency": ("Constituency, Z to A", ["-constituency", "sort_name", "name"]),
}
DEFAULT_SORT = "name"

# The parameters that have facet counts, in the order the form shows them.
FACETS = ["position", "coverage", "party", "house", "bench", "tiktok"]
# Facets only some topics offer, by the names `Topic.politician_filters` holds.
TOPIC_FACETS = {"tiktok"}


def offered_facets(topic) -> list[str]:
    """The facets the list shows on this topic: every general one, and the topic's own extras."""
    return [
        name
        for name in FACETS
        if name not in TOPIC_FACETS or name in (topic.politician_filters or [])
    ]


def topic_list_url(topic) -> str:
    url = reverse("politicians:list")
    return url if topic.is_default else f"{url}?topic={topic.slug}"


# The list's query for each topic, built once a process: building it (a dozen subqueries for
# position and coverage) took 6 ms, cloning it takes 0.02. The query names the topic by its
# key only, so no edit of a topic or of any data can make a built one wrong.
_built: dict[int, QuerySet] = {}


def listed_politicians(topic):
    """Who the list covers: every public sitting member, and former members with a position.

    Former members who spoke on the record belong in a journalist's list; former members who
    never said anything do not. Campaigners, companies and the government (other voices) are
    not politicians: their statements are public, but they are never listed here.
    """
    built = _built.get(topic.pk)
    if built is None:
        built = _built[topic.pk] = _listed_politicians(topic)
    return built.all()  # a clone: the kept one is never evaluated


def _listed_politicians(topic):
    has_position = Q(stances__topic=topic)
    people = (
        Politician.objects.public()
        .legislators()
        .filter(Q(is_sitting=True) | Q(pk__in=Politician.objects.filter(has_position).values("pk")))
    )
    return with_coverage(with_position(people, topic), topic).select_related("party")


class PoliticianFilter(PartyFilterSet):
    position = django_filters.MultipleChoiceFilter(
        choices=POSITION_CHOICES, method="filter_position"
    )
    # Whether we asked them, and what came of it; the values are a contract with other tools.
    coverage = django_filters.MultipleChoiceFilter(
        choices=Coverage.choices, method="filter_coverage"
    )
    party = party_filter()
    house = django_filters.ChoiceFilter(choices=HOUSE_CHOICES)
    bench = django_filters.ChoiceFilter(choices=Bench.choices)
    tiktok = django_filters.ChoiceFilter(choices=TIKTOK_CHOICES, method="filter_tiktok")
    q = search_filter()
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()], method="filter_sort"
    )

    not_facets = ("sort",)

    class Meta:
        model = Politician
        fields = []

    def __init__(self, data=None, *args, topic, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.facet_names = offered_facets(topic)
        for name in TOPIC_FACETS - set(self.facet_names):
            del self.filters[name]
            # A link that asks for a filter this topic does not offer would otherwise show every
            # row as if it were filtered: say so instead, as for any value the list cannot use.
            if data is not None and any(value.strip() for value in data.getlist(name)):
                raise UnusableQuery(
                    [f"The politicians list on the {topic.title} has no {name} filter."],
                    [(f"the politicians list on the {topic.title}", topic_list_url(topic))],
                )

    def filter_position(self, queryset, name, value):
        # `position` is the annotation from with_position(): “none” when there is no stance.
        return queryset.filter(position__in=value)

    def filter_coverage(self, queryset, name, value):
        # `coverage` is the annotation from with_coverage().
        return queryset.filter(coverage__in=value)

    def filter_tiktok(self, queryset, name, value):
        return queryset.filter(has_tiktok_account=value == "yes")

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])

    @property
    def qs(self):
        qs = super().qs
        # An unsorted list still needs one stable order for pages and exports to agree.
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by(*SORTS[DEFAULT_SORT][1])
        return qs

    def facets(self) -> dict[str, list[dict]]:
        """Each facet's options with the number of rows each would give, the other filters kept.

        One grouped query per facet, never one per option.
        """
        self.qs  # noqa: B018 - validates the form, raising 400 on a bad value
        data = self.form.cleaned_data
        chosen_parties = {party.slug for party in data.get("party") or []}

        positions = self.grouped_counts("position", "position")
        coverage = self.grouped_counts("coverage", "coverage")
        houses = self.grouped_counts("house", "house")
        benches = self.grouped_counts("bench", "bench")
        offered = set(self.facet_names)
        tiktok = self.grouped_counts("tiktok", "has_tiktok_account") if "tiktok" in offered else {}

        listed = self.queryset.order_by().values("pk")
        kept = self.qs_without("party").values("pk")
        parties = (
            Party.objects.annotate(
                listed=Count("politicians", filter=Q(politicians__in=listed)),
                count=Count("politicians", filter=Q(politicians__in=kept)),
            )
            .filter(listed__gt=0)
            .order_by("name")
        )

        party_counts = {party.slug: party.count for party in parties}
        tiktok_counts = {"yes": tiktok.get(True, 0), "no": tiktok.get(False, 0)}
        facets = {
            "position": facet_options(POSITION_CHOICES, positions, set(data.get("position") or [])),
            "coverage": facet_options(Coverage.choices, coverage, set(data.get("coverage") or [])),
            "party": facet_options(
                [(party.slug, party.name) for party in parties], party_counts, chosen_parties
            ),
            "house": facet_options(HOUSE_CHOICES, houses, {data.get("house")}),
            "bench": facet_options(Bench.choices, benches, {data.get("bench")}),
            "tiktok": facet_options(TIKTOK_CHOICES, tiktok_counts, {data.get("tiktok")}),
        }
        return {name: options for name, options in facets.items() if name in offered}
