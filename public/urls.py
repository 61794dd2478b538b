from django.urls import path

from core.caching import public_page

from . import exports, views

app_name = "politicians"

urlpatterns = [
    path("politicians/", public_page(views.PoliticianListView.as_view()), name="list"),
    path("politicians.csv", public_page(exports.politicians_csv), name="export_csv"),
    path(
        "politicians-by-topic.csv",
        public_page(exports.politicians_by_topic_csv),
        name="by_topic_csv",
    ),
    path("politicians.json", public_page(exports.politicians_json), name="export_json"),
    path(
        "politicians/<slug:slug>/", public_page(views.PoliticianDetailView.as_view()), name="detail"
    ),
    path(
        "cards/politicians/<slug:slug>.png",
        public_page(views.PoliticianCardView.as_view()),
        name="card",
    ),
    path("parties/", public_page(views.PartyListView.as_view()), name="party_list"),
    path(
        "parties/<slug:slug>/topics/",
        public_page(views.PartyCompareView.as_view()),
        name="party_compare",
    ),
    path("parties/<slug:slug>/", public_page(views.PartyDetailView.as_view()), name="party_detail"),
]
