from django.views.generic import TemplateView

from statements.models import Statement
from statements.tallies import position_tally

from .topics import topic_for_request


class DashboardView(TemplateView):
    """A topic's headline: who stands where, out of every sitting member, and the newest quotes."""

    template_name = "statements/topic_detail.html"
    newest_count = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = topic_for_request(self.request, kwargs.get("slug"))
        tally = position_tally(topic)
        context.update(
            topic=topic,
            tally=tally,
            sitting_total=tally[0].total if tally else 0,
            newest_statements=(
                Statement.objects.published()
                .for_topic(topic)
                .with_people()
                .newest_first()[: self.newest_count]
            ),
        )
        return context
