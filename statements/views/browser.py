from django.db.models import Q, QuerySet
from django.views.generic import ListView

from core.caching import filters_key, per_data_version
from core.filters import facet_options
from core.htmx import FilteredResultsMixin
from core.pagination import KeptPaginator
from politicians.models import House, Party
from statements.filters import StatementFilterSet
from statements.models import Position, SourceKind, Statement, Topic, published_q
from statements.search import highlighted_words, parse_search

from .topics import topic_for_request, topic_query


def published_statements(topic):
    """Where the browser and its exports start: the topic's published statements."""
    return Statement.objects.published().for_topic(topic).with_people()


def browsed_statements(request) -> tuple[Topic, StatementFilterSet, QuerySet]:
    """The browser's one read, for its page and its downloads alike: the topic, the filters
    from the query string, and the statements they give in order."""
    topic = topic_for_request(request)
    filterset = StatementFilterSet(
        request.GET, queryset=published_statements(topic), request=request
    )
    return topic, filterset, filterset.qs


class StatementBrowserView(FilteredResultsMixin, ListView):
    """Every published statement on a topic, filtered and searched, the state in the URL.

    Five queries for a page of results: the topic, the parties offered as filters, the counts
    beside positions and parties (which give the count too) and the page (one more checks the
    chosen parties when `party` is given, and one more marks what a search matched on the
    page). htmx requests get only the results block.
    """

    template_name = "statements/statement_list.html"
    context_object_name = "statements"
    listed = browsed_statements

    def get_paginator(self, queryset, per_page, **kwargs):
        """A paginator told its count by the position facet, so the match is not run again.

        The position counts are every other filter's rows grouped by position; summed over the
        positions chosen (or all of them) they are the list's count. For a common search term
        that saves one of three passes over tens of thousands of matches.
        """
        name = f"{self.topic.pk}:{filters_key(self.request.GET)}"
        paginator = KeptPaginator(
            queryset,
            per_page,
            name=f"statements:{name}",
            # Ranking every match of a common word is the costly part: sort keys only.
            keys_first=parse_search(self.filterset.search_text).is_ranked,
            **kwargs,
        )
        self.facet_counts = per_data_version(
            f"statement-facets:{name}", self.filterset.facet_counts
        )
        chosen = self.filterset.form.cleaned_data.get("position") or Position.values
        paginator.count = sum(self.facet_counts["position"].get(value, 0) for value in chosen)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.filterset.form.cleaned_data
        search = self.filterset.search_text
        parsed = parse_search(search)
        if search:
            database = self.object_list.db

            def mark_matches(statements):
                highlights = highlighted_words(statements, search, using=database)
                for statement in statements:
                    statement.highlighted_words = highlights[statement.pk]

            # Only for rows whose markup is not kept yet: kept markup has its marks already.
            context["object_list"].when_read(mark_matches)
        chosen_parties = {party.slug for party in data.get("party") or []}
        counts = self.facet_counts
        context.update(
            chosen_filters=self.chosen_filters(data),
            topic=self.topic,
            topic_query=topic_query(self.topic),
            search=search,
            # Both databases rank matches; a search that only leaves words out has no match to
            # rank, and one of punctuation or words as common as “the” looks for nothing.
            is_ranked=parsed.is_ranked,
            search_is_empty=bool(search) and parsed.is_empty,
            positions=facet_options(
                Position.choices, counts["position"], set(data.get("position") or [])
            ),
            parties=facet_options(
                per_data_version(
                    f"statement-parties:{self.topic.pk}:{sorted(chosen_parties)}",
                    lambda: self.parties_offered(chosen_parties),
                ),
                counts["party"],
                chosen_parties,
            ),
            houses=House.choices,
            kinds=SourceKind.choices,
            chosen=data,
            date_from=self.request.GET.get("from", ""),
            date_to=self.request.GET.get("to", ""),
            # Every cleaned field is a filter: any value in force means the list is filtered.
            is_filtered=any(data.values()),
        )
        return context

    @staticmethod
    def chosen_filters(data) -> list[tuple[str, list[str]]]:
        """The filters in force, in words, so that a printout or a screenshot says what it shows."""
        labels = {
            "Position": [
                label for value, label in Position.choices if value in (data.get("position") or [])
            ],
            "Party": [party.name for party in data.get("party") or []],
            "House": [House(data["house"]).label] if data.get("house") else [],
            "Kind of source": [SourceKind(data["kind"]).label] if data.get("kind") else [],
            "Said on or after": [f"{data['from']:%-d %B %Y}"] if data.get("from") else [],
            "Said on or before": [f"{data['to']:%-d %B %Y}"] if data.get("to") else [],
            "Said by": [data["politician"].name] if data.get("politician") else [],
        }
        return [(legend, values) for legend, values in labels.items() if values]

    def parties_offered(self, chosen: set[str]) -> list[tuple[str, str]]:
        """Parties with a published statement on the topic, and any chosen: one query."""
        said = published_q("politicians__statements__") & Q(
            politicians__statements__topic=self.topic
        )
        return list(
            Party.objects.filter(said | Q(slug__in=chosen))
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
