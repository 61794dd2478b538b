from django.urls import path

from core.caching import public_page

from . import views

app_name = "sources"

urlpatterns = [
    path(
        "statements/<int:pk>/source/",
        public_page(views.StatementSourceView.as_view()),
        name="statement_source",
    ),
]
