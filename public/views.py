import functools
from collections import Counter
from itertools import groupby

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from core.caching import filters_key, per_data_version, when_shown
from core.cards import CardResponseMixin, card_url
from core.htmx import FilteredResultsMixin
from core.pagination import KeptPaginator
from outreach.coverage import topics_with_coverage
from politicians.models import LEGISLATURES, Party, Politician
from statements.models import (
    POSITION_LABELS,
    POSITION_SCALE,
    PositionChange,
    Stance,
    Statement,
    Topic,
)
from statements.tallies import (
    HouseTally,
    party_tally,
    tally_from_counts,
    with_position,
)
from statements.views.topics import topic_for_request, topic_query

from .cards import politician_card
from .compare import party_across_topics
from .filters import SORTS, PoliticianFilter, listed_politicians

FACET_LEGENDS = {
    "position": "Position",
    "coverage": "Did we ask them?",
    "party": "Party",
    "house": "House",
    "bench": "Front or back bench",
    "tiktok": "TikTok account",
}
# Single-valued facets are radio groups with an “any” choice; the others are checkboxes.
SINGLE_VALUED = {"house", "bench", "tiktok"}


def stances_for(topic):
    """Each politician's stance on the topic, with the statement it follows, in one query."""
    return Prefetch(
        "stances",
        queryset=Stance.objects.filter(topic=topic).select_related("based_on"),
        to_attr="topic_stances",
    )


def politicians_listed(request) -> tuple[Topic, PoliticianFilter, QuerySet]:
    """The politicians list's one read, for its page and its downloads alike: the topic, the
    filters from the query string, and the politicians they give in order, with their stance."""
    topic = topic_for_request(request)
    filterset = PoliticianFilter(
        request.GET, queryset=listed_politicians(topic), request=request, topic=topic
    )
    return topic, filterset, filterset.qs.prefetch_related(stances_for(topic))


class PoliticianListView(FilteredResultsMixin, ListView):
    """Everyone we track, filtered by position, party, house, bench and TikTok use, with counts.

    A journalist's view is the URL: every filter, the sort and the page are in the query string.
    For htmx requests only the results block is rendered; the facet counts ride along as
    out-of-band swaps so the form keeps the reader's focus.
    """

    template_name = "politicians/politician_list.html"
    context_object_name = "politicians"
    listed = politicians_listed

    def get_paginator(self, queryset, per_page, **kwargs):
        return KeptPaginator(
            queryset,
            per_page,
            name=f"politicians:{self.topic.pk}:{filters_key(self.request.GET)}",
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facets = per_data_version(
            f"politician-facets:{self.topic.pk}:{','.join(self.filterset.facet_names)}:"
            f"{filters_key(self.request.GET)}",
            self.filterset.facets,
        )
        data = self.filterset.form.cleaned_data
        # Said in words above the rows, so that a printout or a screenshot says what it shows.
        chosen_filters = [
            (FACET_LEGENDS[name], [option["label"] for option in facets[name] if option["checked"]])
            for name in self.filterset.facet_names
        ]
        if data.get("q"):
            chosen_filters.append(("Name or constituency", [f"“{data['q']}”"]))
        context.update(
            chosen_filters=[(legend, labels) for legend, labels in chosen_filters if labels],
            topic=self.topic,
            topic_query=topic_query(self.topic),
            facets=[
                {
                    "name": name,
                    "legend": FACET_LEGENDS[name],
                    "options": facets[name],
                    "single": name in SINGLE_VALUED,
                    "any_count": sum(option["count"] for option in facets[name]),
                    "any_checked": not data.get(name),
                }
                for name in self.filterset.facet_names
            ],
            search=data.get("q") or "",
            sort=data.get("sort") or "name",
            sorts=[(key, label) for key, (label, _) in SORTS.items()],
            is_filtered=any(data.get(name) for name in [*self.filterset.facet_names, "q"]),
        )
        return context


# The politician page shows this many of a person's newest statements and links to the rest in
# the statements list: its size and time no longer grow with what they said (one MP is quoted
# 421 times in the record; that page was 309 KB).
NEWEST_STATEMENTS_SHOWN = 20


class PoliticianDetailView(DetailView):
    """One person: where they stand on each topic, and their newest statements on the record."""

    template_name = "politicians/politician_detail.html"
    context_object_name = "politician"

    def get_queryset(self):
        # Someone an editor or a statement import added has no page until a statement of theirs is
        # published: `public()` answers 404 for them.
        return (
            Politician.objects.public()
            .select_related("party")
            .prefetch_related(
                Prefetch(
                    "stances",
                    queryset=Stance.objects.select_related("topic", "based_on").order_by(
                        "-topic__is_default", "topic__title"
                    ),
                ),
            )
        )

    def get_object(self, queryset=None):
        # The person with their stances, and what the page says of them outside its kept
        # record, read once per data version: the most quoted people are the pages a crowd
        # opens. Their changes and newest statements are read only when the record is rendered.
        return per_data_version(
            f"politician-page:{self.kwargs[self.slug_url_kwarg]}",
            lambda: self.with_record(super(PoliticianDetailView, self).get_object(queryset)),
        )

    @staticmethod
    def with_record(politician):
        """The person, told where they hold no position and how many statements they made."""
        # Where they hold no position, say whether we asked them and what came of it: one query
        # over every topic.
        with_stance = {stance.topic_id for stance in politician.stances.all()}
        politician.topics_without_position = (
            []
            if politician.is_other_voice
            else [
                topic
                for topic in topics_with_coverage(Topic.objects.all(), politician)
                if topic.pk not in with_stance
            ]
        )
        politician.statement_count = (
            Statement.objects.published().filter(politician=politician).count()
        )
        return politician

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        politician = self.object
        changes = when_shown(
            lambda: (
                PositionChange.objects.public()
                .filter(politician=politician)
                .select_related("topic", "statement")
                .order_by("changed_on", "recorded_at")
            )
        )
        context.update(
            topics_without_position=politician.topics_without_position,
            changes_oldest_first=changes,
            shows_several_topics=functools.cache(
                lambda: (
                    len({change.topic_id for change in changes()}) > 1
                    or len(politician.stances.all()) > 1
                )
            ),
            newest_statements=when_shown(
                lambda: (
                    Statement.objects.published()
                    .filter(politician=politician)
                    .select_related("topic")
                    .newest_first()[:NEWEST_STATEMENTS_SHOWN]
                )
            ),
            statement_count=politician.statement_count,
        )
        # The link preview's picture, from the same rows.
        share_card = politician_card(
            politician, politician.stances.all(), context["topics_without_position"]
        )
        if share_card is not None:
            context["share_card"] = share_card
            context["share_card_url"] = card_url(
                self.request, reverse("politicians:card", args=[politician.slug]), share_card
            )
        return context


class PoliticianCardView(CardResponseMixin, PoliticianDetailView):
    """The politician's share card, from the page's own context."""

    def render_to_response(self, context, **response_kwargs):
        if "share_card" not in context:
            raise Http404("No topic is held.")
        return super().render_to_response(context, **response_kwargs)


class PartyListView(TemplateView):
    """Every party's members split across positions on the topic, House by House.

    MPs, peers and devolved members are never added into one party total: each House has its
    own count and split. Biggest party in the Commons first. Two queries: topic and tally.
    """

    template_name = "politicians/party_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = topic_for_request(self.request)
        context.update(
            topic=topic,
            topic_query=topic_query(topic),
            # Members without a party are left out: there is no party page to link them to.
            parties=[
                party
                for party in per_data_version(f"party-tally:{topic.pk}", lambda: party_tally(topic))
                if party.slug
            ],
        )
        return context


class PartyDetailView(TemplateView):
    """One party: in each House, how its members split on the topic and who holds each position.

    Four queries whatever the party's size: the party, the topic, its members with their
    position, and their stances.
    """

    template_name = "politicians/party_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        party = get_object_or_404(Party, slug=kwargs["slug"])
        topic = topic_for_request(self.request)
        members = list(
            with_position(Politician.objects.counted().filter(party=party), topic)
            .order_by()
            .prefetch_related(stances_for(topic))
        )
        members.sort(
            key=lambda member: (
                LEGISLATURES.index(member.house),
                POSITION_SCALE.index(member.position),
                member.sort_name,
            )
        )
        houses = []
        for house, in_house in groupby(members, lambda member: member.house):
            in_house = list(in_house)
            counts = Counter(member.position for member in in_house)
            houses.append(
                {
                    "tally": HouseTally(house, tally_from_counts(counts)),
                    "groups": [
                        {
                            "position": position,
                            "label": POSITION_LABELS[position],
                            "members": list(group),
                        }
                        for position, group in groupby(in_house, _position)
                    ],
                }
            )
        context.update(party=party, topic=topic, topic_query=topic_query(topic), houses=houses)
        return context


def _position(member):
    return member.position


class PartyCompareView(TemplateView):
    """One party across every topic: in each House, how its members split on each topic.

    Three queries: the party, the topics, and one grouped count of its members by House with a
    count for each topic and position.
    """

    template_name = "politicians/party_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        party = get_object_or_404(Party, slug=kwargs["slug"])
        topics = list(Topic.objects.order_by("-is_default", "opened_on", "pk"))
        houses = party_across_topics(party, topics)
        context.update(
            party=party,
            topics=topics,
            houses=[
                {"house": house, "label": house.label, "rows": rows}
                for house, rows in houses.items()
            ],
            positions=[(value, POSITION_LABELS[value]) for value in POSITION_SCALE],
        )
        return context
