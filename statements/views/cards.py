"""Share cards of the dashboard and of a statement: each is its page's view, answering with the
card its page's context built, so the picture shows exactly what the page does."""

from core.cards import CardResponseMixin

from .dashboard import DashboardView
from .statement import StatementDetailView


class TopicCardView(CardResponseMixin, DashboardView):
    pass


class StatementCardView(CardResponseMixin, StatementDetailView):
    pass
