"""django-filter FilterSets for the public lists."""

import re
from unicodedata import category

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Count
from django.urls import reverse_lazy

from politicians.models import House, Party, Politician

from .models import Position, SourceKind, Statement
from .search import search_statements

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class UnusableQuery(BadRequest):
    """A query string we cannot use: what is wrong with each parameter, in a reader's words, and
    where to find the values it takes. The 400 page shows both."""

    def __init__(self, problems: list[str], links: list[tuple[str, str]] = ()):
        super().__init__(" ".join(problems))
        self.problems = problems
        self.links = list(links)


def shown(value) -> str:
    """A value from the URL, quoted back to the reader: short, and without invisible characters."""
    text = "".join("\N{REPLACEMENT CHARACTER}" if category(c).startswith("C") else c for c in value)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def must_be_one_of(name: str, choices, given: str) -> str:
    """The values a choice parameter takes, as they appear in a link, with what each means."""
    values = [f"{value} ({label})" for value, label in choices if value != ""]
    if len(values) > 1:
        values[-2:] = [f"{values[-2]} or {values[-1]}"]
    return f"{name} must be one of: {', '.join(values)}. The link says {shown(given)}."


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that answers a bad value with 400 and the parameter's name, never a 500.

    django-filter's default is to quietly ignore an invalid form, which would show a journalist
    every row while they believe the list is filtered.
    """

    # Repeatable parameters where an empty value in a hand-edited link (`party=`) means “any”,
    # as it does for the single-valued ones.
    blank_means_any = ("position", "party")
    # Where a reader finds the values a parameter naming a row takes.
    listed_at = {"party": ("the parties we list", reverse_lazy("politicians:party_list"))}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in self.blank_means_any:
                data.setlist(name, [value for value in data.getlist(name) if value.strip()])
        super().__init__(data, *args, **kwargs)

    def bad_request(self) -> UnusableQuery:
        """Each bad parameter in a sentence: the values it takes, not the form library's words."""
        problems, links = [], []
        for name, errors in self.form.errors.as_data().items():
            field = self.form.fields[name]
            error = errors[0]
            params = error.params or {}
            given = str(params.get("value", params.get("pk", self.form.data.get(name, ""))))
            if isinstance(field, forms.ModelChoiceField):
                noun = field.queryset.model._meta.verbose_name
                problems.append(f"{name}: there is no {noun} {shown(given)}.")
                if name in self.listed_at:
                    label, url = self.listed_at[name]
                    problems[-1] += f" See {label} at {url}."
                    links.append((label, str(url)))
            elif isinstance(field, forms.ChoiceField):
                problems.append(must_be_one_of(name, field.choices, given))
            elif isinstance(field, forms.DateField):
                problems.append(
                    f"{name} must be a date written YYYY-MM-DD, such as 2023-03-16. "
                    f"The link says {shown(given)}"
                    + (", which is not a day in the calendar." if ISO_DAY.fullmatch(given) else ".")
                )
            elif error.code == "max_length":
                problems.append(
                    f"{name} can be at most {params['limit_value']} characters long; "
                    f"this one has {params['show_value']}."
                )
            else:
                problems.append(f"{name}: {' '.join(error.messages)}")
        return UnusableQuery(problems, links)

    @property
    def qs(self):
        if self.is_bound and not self.form.is_valid():
            raise self.bad_request()
        return super().qs


class StatementFilterSet(StrictFilterSet):
    """The statements browser's filters; `/statements.csv` and `.json` take the same query.

    `from` and `to` are Python keywords, so they are added in get_filters() rather than
    declared as attributes.
    """

    position = django_filters.MultipleChoiceFilter(choices=Position.choices)
    party = django_filters.ModelMultipleChoiceFilter(
        queryset=Party.objects.all(), to_field_name="slug", method="filter_party"
    )
    house = django_filters.ChoiceFilter(choices=House.choices, field_name="politician__house")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices, field_name="source_kind")
    q = django_filters.CharFilter(method="filter_search", max_length=200)
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

    def filter_party(self, queryset, name, value):
        # No party chosen cleans to an empty QuerySet, which would otherwise filter out every row.
        if not value:
            return queryset
        return queryset.filter(politician__party__in=value)

    def filter_search(self, queryset, name, value):
        return search_statements(queryset, value)

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("q", "").strip():
            # Without a search there is no rank; newest first, with a stable tie-break.
            qs = qs.newest_first()
        return qs

    def qs_without(self, skipped: str):
        """The statements every filter but one gives: what that filter's options count."""
        self.qs  # noqa: B018 - validates the form, raising 400 on a bad value
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != skipped:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """For the position and party checkboxes, how many statements each would give with the
        other filters kept. One grouped query per filter, never one per option."""

        def grouped(name, field):
            rows = self.qs_without(name).values(field).annotate(count=Count("pk"))
            return {row[field]: row["count"] for row in rows}

        return {
            "position": grouped("position", "position"),
            "party": grouped("party", "politician__party__slug"),
        }

    @property
    def search_text(self) -> str:
        self.qs  # noqa: B018 - validates the form, raising 400 on a bad value
        return self.form.cleaned_data.get("q", "").strip()
