from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("second-factor/", views.verify, name="verify"),
    path("second-factor/set-up/", views.enrol, name="enrol"),
]
