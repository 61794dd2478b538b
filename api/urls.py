from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from core.caching import public_page

from . import docs, views

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path(
        "openapi.json",
        public_page(SpectacularJSONAPIView.as_view(authentication_classes=[])),
        name="openapi",
    ),
    path("docs/", public_page(docs.ApiDocsView.as_view()), name="docs"),
    path("politicians/", views.PoliticianList.as_view(), name="politicians"),
    # `str`, not `slug` or `int`: a value no row can have reaches the view, which answers a
    # JSON 404, rather than missing the route and getting the site's HTML 404 page.
    path("politicians/<str:slug>/", views.PoliticianDetail.as_view(), name="politician"),
    path("statements/", views.StatementList.as_view(), name="statements"),
    path("statements/<str:pk>/", views.StatementDetail.as_view(), name="statement"),
    path("topics/", views.TopicList.as_view(), name="topics"),
    path("topics/<str:slug>/", views.TopicDetail.as_view(), name="topic"),
    path("parties/", views.PartyList.as_view(), name="parties"),
]
