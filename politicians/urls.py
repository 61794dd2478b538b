from django.urls import path

from . import views

app_name = "politicians"

urlpatterns = [
    path("politicians/<slug:slug>/", views.PoliticianDetailView.as_view(), name="detail"),
]
