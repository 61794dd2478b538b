from django.conf import settings
from django.db import models
from django.utils import timezone


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed-in", "signed in"
    FAILED = "failed", "wrong password"
    LOCKED_OUT = "locked-out", "locked out"
    SIGNED_OUT = "signed-out", "signed out"
    SECOND_FACTOR_FAILED = "second-factor-failed", "wrong second-factor code"
    SECOND_FACTOR_ADDED = "second-factor-added", "second factor set up"
    UNLOCKED = "unlocked", "unlocked by a reviewer"


class SignInEventQuerySet(models.QuerySet):
    def newest_first(self):
        """The log as a superuser reads it."""
        return self.order_by("-at", "-pk")


class SignInEvent(models.Model):
    """One sign-in, failure, lockout or unlock: who, when, from which address.

    Kept apart from axes' own tables, which are cleared when a lockout is lifted: this log is
    the record, and nothing but a superuser reads it.
    """

    kind = models.CharField(max_length=32, choices=SignInEventKind.choices)
    username = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_in_events",
    )
    address = models.CharField("from address", max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    detail = models.CharField(max_length=300, blank=True)

    objects = SignInEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        permissions = [("unlock_sign_in", "Can unlock a sign-in that is locked out")]

    def __str__(self):
        return f"{self.username or 'someone'} {self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"
