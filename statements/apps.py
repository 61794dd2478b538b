from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StatementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "statements"
    verbose_name = "Topics, statements and positions"

    def ready(self):
        from statements.search.sqlite_index import restore_index_triggers

        from . import checks  # noqa: F401 - registers the system checks

        post_migrate.connect(restore_index_triggers, sender=self)
