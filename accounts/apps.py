from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in, the second factor, lockouts and the log of who signed in."""

    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from . import signals  # noqa: F401  (connects the sign-in log)
