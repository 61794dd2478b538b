"""The strict FilterSet base every public list uses, and how a bad query is told to a reader."""

import re
from unicodedata import category

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Count

# A search longer than this is no reader's query: it would only make the database work harder.
# The search boxes say the same limit (core.context_processors.site).
SEARCH_MAX_LENGTH = 200

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


def search_filter(validators=()):
    """`q=`: the list's own `filter_search` method, at most SEARCH_MAX_LENGTH characters."""
    return django_filters.CharFilter(
        method="filter_search", max_length=SEARCH_MAX_LENGTH, validators=list(validators)
    )


def facet_options(choices, counts: dict, chosen) -> list[dict]:
    """A facet's options as every filtered list's form shows them: value, label, how many rows
    each would give with the other filters kept, and whether it is chosen."""
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "checked": value in chosen}
        for value, label in choices
    ]


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that answers a bad value with 400 and the parameter's name, never a 500.

    django-filter's default is to quietly ignore an invalid form, which would show a journalist
    every row while they believe the list is filtered.
    """

    # Repeatable parameters where an empty value in a hand-edited link (`party=`) means “any”,
    # as it does for the single-valued ones.
    blank_means_any = ("position", "party")
    # Where a reader finds the values a parameter naming a row takes: {name: (label, url)}.
    listed_at = {}
    # Parameters that order the rows rather than choose them: facet counts ignore them.
    not_facets = ()

    # Form classes by (filter set, the filters it offers): see get_form_class.
    _form_classes: dict = {}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in self.blank_means_any:
                data.setlist(name, [value for value in data.getlist(name) if value.strip()])
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        # django-filter builds a new form class, and every field in it, for each request. The
        # lists' filters have fixed choices and querysets, so the class depends only on which
        # filters a list offers (a topic may offer one more): built once a process. Each form
        # still gets fields of its own (Django copies them into every form).
        key = (type(self), tuple(self.filters))
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = StrictFilterSet._form_classes[key] = super().get_form_class()
        return form_class

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

    def qs_without(self, skipped: str):
        """The rows every filter but one gives: what that filter's options are counted against."""
        self.qs  # noqa: B018 - validates the form, raising 400 on a bad value
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != skipped and name not in self.not_facets:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def grouped_counts(self, skipped: str, field: str) -> dict:
        """How many rows each value of `field` has, every filter but `skipped` kept: one
        grouped query, never one per option."""
        rows = self.qs_without(skipped).values(field).annotate(count=Count("pk"))
        return {row[field]: row["count"] for row in rows}
