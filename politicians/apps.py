from django.apps import AppConfig


class PoliticiansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "politicians"
    verbose_name = "Politicians and parties"
