from django.apps import AppConfig


class PublicConfig(AppConfig):
    """Public pages that combine people with what they said: the politicians list and page, the
    parties. They sit above both domain apps, so neither domain needs to import the other's
    views."""

    name = "public"
