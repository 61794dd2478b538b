from django.urls import path

from . import exports, views

app_name = "politicians"

urlpatterns = [
    path("politicians/", views.PoliticianListView.as_view(), name="list"),
    path("politicians.csv", exports.politicians_csv, name="export_csv"),
    path("politicians.json", exports.politicians_json, name="export_json"),
    path("politicians/<slug:slug>/", views.PoliticianDetailView.as_view(), name="detail"),
    path("parties/", views.PartyListView.as_view(), name="party_list"),
    path("parties/<slug:slug>/", views.PartyDetailView.as_view(), name="party_detail"),
]
