from django.views.generic import TemplateView

from statements.models import PositionChange, Statement, Topic
from statements.tallies import party_tally, position_tally

from .topics import topic_for_request, topic_query


class DashboardView(TemplateView):
    """A topic's headline: who stands where, out of every sitting member, and the newest quotes.

    Six queries whatever the size of the House: the topic, the position tally, the party tally,
    the newest statements, the latest changes of position and the other topics we track.
    """

    template_name = "statements/topic_detail.html"
    newest_count = 10
    changes_count = 8

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = topic_for_request(self.request, kwargs.get("slug"))
        tally = position_tally(topic)
        context.update(
            topic=topic,
            topic_query=topic_query(topic),
            tally=tally,
            sitting_total=tally[0].total if tally else 0,
            parties=party_tally(topic),
            newest_statements=(
                Statement.objects.published()
                .for_topic(topic)
                .with_people()
                .newest_first()[: self.newest_count]
            ),
            latest_changes=(
                PositionChange.objects.public()
                .filter(topic=topic)
                # The statement says how exact the date of the change is (“March 2023”).
                .select_related("politician__party", "statement")
                .order_by("-changed_on", "-recorded_at", "-pk")[: self.changes_count]
            ),
            # The next ban is a new topic: readers of one should find the others.
            other_topics=Topic.objects.exclude(pk=topic.pk),
        )
        return context
