"""Every sign-in, failure and lockout goes in the log as it happens."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import services
from .models import SignInEventKind


@receiver(user_logged_in, dispatch_uid="accounts_signed_in")
def _signed_in(sender, request, user, **kwargs):
    services.sign_in_event_record(
        kind=SignInEventKind.SIGNED_IN, request=request, username=user.get_username(), user=user
    )


@receiver(user_logged_out, dispatch_uid="accounts_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        services.sign_in_event_record(
            kind=SignInEventKind.SIGNED_OUT,
            request=request,
            username=user.get_username(),
            user=user,
        )


@receiver(user_login_failed, dispatch_uid="accounts_sign_in_failed")
def _failed(sender, credentials, request=None, **kwargs):
    services.sign_in_event_record(
        kind=SignInEventKind.FAILED, request=request, username=credentials.get("username", "")
    )


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    services.sign_in_event_record(
        kind=SignInEventKind.LOCKED_OUT, request=request, username=username or ""
    )
