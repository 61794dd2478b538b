from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: the strict filter base, htmx lists, caching, error pages,
    downloads and the history admin. It imports no app of the project."""

    name = "core"
