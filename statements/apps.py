from django.apps import AppConfig


class StatementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "statements"
    verbose_name = "Topics, statements and positions"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
