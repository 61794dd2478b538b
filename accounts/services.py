"""Every change to staff accounts' sign-in state."""

from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from guards.clients import client_address

from .models import SignInEvent, SignInEventKind


class AccountPermissionError(PermissionDenied):
    """The actor may not do this to a staff account."""


def sign_in_event_record(*, kind: str, request=None, username: str = "", user=None) -> SignInEvent:
    """Log one sign-in event with the real client's address (behind WTS_PROXY_HOPS proxies)."""
    address = client_address(request) if request is not None else ""
    return SignInEvent.objects.create(
        kind=kind, username=(username or "")[:150], user=user, address=address[:64]
    )


@transaction.atomic
def sign_in_unlock(*, attempts, actor, request=None) -> int:
    """Lift the lockouts of these username-and-address pairs; returns how many were lifted.

    Reviewers do this for a colleague locked out on deadline; each unlock is logged.
    """
    if not actor.has_perm("accounts.unlock_sign_in"):
        raise AccountPermissionError("Only reviewers may unlock a sign-in.")
    attempts = list(AccessAttempt.objects.filter(pk__in=[attempt.pk for attempt in attempts]))
    address = client_address(request) if request is not None else ""
    SignInEvent.objects.bulk_create(
        SignInEvent(
            kind=SignInEventKind.UNLOCKED,
            username=attempt.username or "",
            address=address[:64],
            detail=f"locked from {attempt.ip_address}, unlocked by {actor.get_username()}"[:300],
        )
        for attempt in attempts
    )
    AccessAttempt.objects.filter(pk__in=[attempt.pk for attempt in attempts]).delete()
    return len(attempts)


def second_factor_unconfirmed_device(*, user) -> TOTPDevice:
    """The authenticator a staff member is setting up: one unconfirmed device, made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm a new authenticator with its first code; the session is then verified."""
    if not device.verify_token(token.strip().replace(" ", "")):
        sign_in_event_record(
            kind=SignInEventKind.SECOND_FACTOR_FAILED, request=request,
            username=request.user.get_username(), user=request.user,
        )  # fmt: skip
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    sign_in_event_record(
        kind=SignInEventKind.SECOND_FACTOR_ADDED, request=request,
        username=request.user.get_username(), user=request.user,
    )  # fmt: skip
    return True


def second_factor_verify(*, request, token: str) -> bool:
    """Check a code against the staff member's confirmed authenticators."""
    token = token.strip().replace(" ", "")
    for device in TOTPDevice.objects.devices_for_user(request.user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            otp_login(request, device)
            return True
    sign_in_event_record(
        kind=SignInEventKind.SECOND_FACTOR_FAILED, request=request,
        username=request.user.get_username(), user=request.user,
    )  # fmt: skip
    return False
