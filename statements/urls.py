from django.urls import path

from core.caching import public_page

from .feeds.corrections import CorrectionsFeed
from .feeds.statements import (
    PartyStatementsFeed,
    PoliticianStatementsFeed,
    StatementsFeed,
    TopicStatementsFeed,
)
from .views import browser, cards, corrections, dashboard, embed, exports, methodology, statement

app_name = "statements"

urlpatterns = [
    path("", public_page(dashboard.DashboardView.as_view()), name="home"),
    path("topics/<slug:slug>/", public_page(dashboard.DashboardView.as_view()), name="topic"),
    path("statements/", public_page(browser.StatementBrowserView.as_view()), name="browser"),
    path("statements.csv", public_page(exports.statements_csv), name="export_csv"),
    path("statements.json", public_page(exports.statements_json), name="export_json"),
    path(
        "statements/<int:pk>/", public_page(statement.StatementDetailView.as_view()), name="detail"
    ),
    path("methodology/", public_page(methodology.MethodologyView.as_view()), name="methodology"),
    path("embed/<slug:slug>/", public_page(embed.embed_chart), name="embed"),
    path("feeds/statements/", public_page(StatementsFeed()), name="feed"),
    path("feeds/topics/<slug:slug>/", public_page(TopicStatementsFeed()), name="topic_feed"),
    path(
        "feeds/politicians/<slug:slug>/",
        public_page(PoliticianStatementsFeed()),
        name="politician_feed",
    ),
    path("feeds/parties/<slug:slug>/", public_page(PartyStatementsFeed()), name="party_feed"),
    path(
        "cards/topics/<slug:slug>.png",
        public_page(cards.TopicCardView.as_view()),
        name="topic_card",
    ),
    path(
        "cards/statements/<int:pk>.png",
        public_page(cards.StatementCardView.as_view()),
        name="statement_card",
    ),
    path("corrections/", public_page(corrections.CorrectionListView.as_view()), name="corrections"),
    path("feeds/corrections/", public_page(CorrectionsFeed()), name="corrections_feed"),
]
