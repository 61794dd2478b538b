from django.urls import path

from .views import dashboard, statement

app_name = "statements"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="home"),
    path("topics/<slug:slug>/", dashboard.DashboardView.as_view(), name="topic"),
    path("statements/<int:pk>/", statement.StatementDetailView.as_view(), name="detail"),
]
