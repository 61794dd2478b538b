from django.urls import reverse
from django.views.generic import TemplateView

from core.caching import per_data_version, when_shown
from core.cards import card_url
from politicians.models import LEGISLATURES, House, Politician
from statements.cards import topic_card
from statements.models import PositionChange, Statement
from statements.tallies import empty_tally, house_tallies, party_tally, tally_sentence

from .embed import EMBED_HEIGHT
from .topics import kept_topics, topic_for_request, topic_query


class DashboardView(TemplateView):
    """A topic's headline: where the MPs stand, each other House on its own, the newest quotes.

    Six queries whatever the size of the Houses: the topic, the tallies of every House (one
    grouped query), the MPs' party tally, the newest statements, the latest changes of position
    and the other topics we track.
    """

    template_name = "statements/topic_detail.html"
    newest_count = 10
    changes_count = 8

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = topic_for_request(self.request, kwargs.get("slug"))
        houses = dict(per_data_version(f"house-tallies:{topic.pk}", lambda: house_tallies(topic)))
        commons = houses.pop(House.COMMONS, None) or empty_tally(House.COMMONS)
        # The link preview's picture: the MPs' tally the page leads with.
        share_card = topic_card(topic, commons, tally_sentence(commons))
        context.update(
            share_card=share_card,
            share_card_url=card_url(
                self.request, reverse("statements:topic_card", args=[topic.slug]), share_card
            ),
            topic=topic,
            topic_query=topic_query(topic),
            commons=commons,
            tally=commons.positions,
            # Peers and devolved members are counted in their own House, never in the headline.
            other_houses=list(houses.values()),
            houses_not_held=[
                empty_tally(house)
                for house in LEGISLATURES
                if house not in houses and house != House.COMMONS
            ],
            parties=per_data_version(
                f"commons-party-tally:{topic.pk}",
                lambda: party_tally(
                    topic, Politician.objects.counted().filter(house=House.COMMONS)
                ),
            ),
            # Read (and even built) only when the kept "latest" fragment is rendered afresh.
            newest_statements=when_shown(
                lambda: (
                    Statement.objects.published()
                    .for_topic(topic)
                    .with_people()
                    .newest_first()[: self.newest_count]
                )
            ),
            latest_changes=when_shown(
                lambda: (
                    PositionChange.objects.public()
                    # Other voices (a company, the government, a campaigner) hold no position
                    # we count.
                    .filter(topic=topic, politician__in=Politician.objects.public().legislators())
                    # The statement says how exact the date of the change is (“March 2023”).
                    .select_related("politician__party", "statement")
                    .order_by("-changed_on", "-recorded_at", "-pk")[: self.changes_count]
                )
            ),
            # The next ban is a new topic: readers of one should find the others.
            other_topics=[other for other in kept_topics().in_order if other.pk != topic.pk],
            embed_height=EMBED_HEIGHT,
        )
        return context
