from django.urls import path

from .feeds.corrections import CorrectionsFeed
from .views import corrections, dashboard, statement

app_name = "statements"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="home"),
    path("topics/<slug:slug>/", dashboard.DashboardView.as_view(), name="topic"),
    path("statements/<int:pk>/", statement.StatementDetailView.as_view(), name="detail"),
    path("corrections/", corrections.CorrectionListView.as_view(), name="corrections"),
    path("feeds/corrections/", CorrectionsFeed(), name="corrections_feed"),
]
