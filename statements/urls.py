from django.urls import path

from .feeds.corrections import CorrectionsFeed
from .feeds.statements import (
    PartyStatementsFeed,
    PoliticianStatementsFeed,
    StatementsFeed,
    TopicStatementsFeed,
)
from .views import browser, corrections, dashboard, embed, exports, methodology, statement

app_name = "statements"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="home"),
    path("topics/<slug:slug>/", dashboard.DashboardView.as_view(), name="topic"),
    path("statements/", browser.StatementBrowserView.as_view(), name="browser"),
    path("statements.csv", exports.statements_csv, name="export_csv"),
    path("statements.json", exports.statements_json, name="export_json"),
    path("statements/<int:pk>/", statement.StatementDetailView.as_view(), name="detail"),
    path("methodology/", methodology.MethodologyView.as_view(), name="methodology"),
    path("embed/<slug:slug>/", embed.embed_chart, name="embed"),
    path("feeds/statements/", StatementsFeed(), name="feed"),
    path("feeds/topics/<slug:slug>/", TopicStatementsFeed(), name="topic_feed"),
    path("feeds/politicians/<slug:slug>/", PoliticianStatementsFeed(), name="politician_feed"),
    path("feeds/parties/<slug:slug>/", PartyStatementsFeed(), name="party_feed"),
    path("corrections/", corrections.CorrectionListView.as_view(), name="corrections"),
    path("feeds/corrections/", CorrectionsFeed(), name="corrections_feed"),
]
