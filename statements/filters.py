"""django-filter FilterSets for the public lists."""

import django_filters
from django import forms
from django.urls import reverse_lazy

from core.caching import per_data_version
from core.filters import StrictFilterSet, search_filter
from politicians.models import House, Party, Politician

from .models import Position, SourceKind, Statement
from .search import parse_search, search_statements


class KeptPartiesField(forms.ModelMultipleChoiceField):
    """Parties by slug, checked against the parties as kept per data version (a member import,
    the only thing that adds parties, moves it): choosing a party costs a list no query."""

    def _check_values(self, value):
        parties = per_data_version(
            "parties-by-slug", lambda: {party.slug: party for party in self.queryset}
        )
        for slug in value:
            if str(slug) not in parties:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
        return [parties[str(slug)] for slug in dict.fromkeys(value)]


class PartyChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = KeptPartiesField


def party_filter(field_name: str = "party"):
    """`party=<slug>`, repeatable: a subclass of PartyFilterSet declares it where its form shows
    it, so that a 400 lists bad parameters in the order of the form. `field_name` is the lookup
    from a listed row to its party (the API's schema reads the type from it too)."""
    return PartyChoiceFilter(
        field_name=field_name,
        queryset=Party.objects.all(),
        to_field_name="slug",
        method="filter_party",
    )


class PartyFilterSet(StrictFilterSet):
    """A list that can be narrowed to members of one or more parties, by the parties' slugs."""

    listed_at = {"party": ("the parties we list", reverse_lazy("politicians:party_list"))}

    def filter_party(self, queryset, name, value):
        # With no party chosen the field cleans to nothing (an empty QuerySet, when nothing is
        # given at all), which django-filter does not count as empty: no rows at all otherwise.
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__in": value})


# More distinct words than a journalist ever types; each one is another pass over the index, and
# fifty of them in one query would let a single request keep the database busy.
MAX_SEARCH_TERMS = 12


def validate_search_terms(text: str) -> None:
    terms = {term.typed.casefold() for group in parse_search(text).groups for term in group}
    if len(terms) > MAX_SEARCH_TERMS:
        raise forms.ValidationError(
            f"A search can look for at most {MAX_SEARCH_TERMS} different words; "
            f"this one has {len(terms)}."
        )


class StatementFilterSet(PartyFilterSet):
    """The statements browser's filters; `/statements.csv` and `.json` take the same query.

    `from` and `to` are Python keywords, so they are added in get_filters() rather than
    declared as attributes.
    """

    position = django_filters.MultipleChoiceFilter(choices=Position.choices)
    party = party_filter("politician__party")
    house = django_filters.ChoiceFilter(choices=House.choices, field_name="politician__house")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices, field_name="source_kind")
    q = search_filter(validators=[validate_search_terms])
    # What one person said: the politician page links here for everything past its newest few.
    politician = django_filters.ModelChoiceFilter(
        queryset=Politician.objects.public(), to_field_name="slug", field_name="politician"
    )

    class Meta:
        model = Statement
        fields = []

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        # One date format only: 03/04/2023 means a different day to a British and an American
        # reader, and a link must mean the same thing to both.
        for name, lookup in (("from", "gte"), ("to", "lte")):
            filters[name] = django_filters.DateFilter(
                field_name="said_on", lookup_expr=lookup, input_formats=["%Y-%m-%d"]
            )
            filters[name].model = cls._meta.model
        return filters

    def filter_search(self, queryset, name, value):
        return search_statements(queryset, value)

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("q", "").strip():
            # Without a search there is no rank; newest first, with a stable tie-break.
            qs = qs.newest_first()
        return qs

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """For the position and party checkboxes, how many statements each would give with the
        other filters kept. One grouped query per filter, never one per option."""

        return {
            "position": self.grouped_counts("position", "position"),
            "party": self.grouped_counts("party", "politician__party__slug"),
        }

    @property
    def search_text(self) -> str:
        self.qs  # noqa: B018 - validates the form, raising 400 on a bad value
        return self.form.cleaned_data.get("q", "").strip()
