from django.apps import AppConfig


class GuardsConfig(AppConfig):
    """What guards every request, below every other app: headers, client address, fair use."""

    name = "guards"
    verbose_name = "Request guards"
