"""Staff sessions: a second factor before any admin page, and an end to every session."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

SESSION_STARTED = "wts_session_started"

# Admin pages a signed-in member of staff may see before giving a second factor.
OPEN_ADMIN_PATHS = ("login/", "logout/", "jsi18n/")


def session_lifetime(get_response):
    """End a signed-in session 12 hours after sign-in, however busy it has been.

    The 30 minutes idle are the cookie's age (SESSION_COOKIE_AGE, renewed on every request);
    this is the other bound, so a session left open on a shared machine does not live forever.
    """

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_STARTED)
            now = time.time()
            if started is None:
                request.session[SESSION_STARTED] = now
            elif now - started > settings.WTS_SESSION_MAX_SECONDS:
                logout(request)
                return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.path})}")
        return get_response(request)

    return middleware


def second_factor_for_staff(get_response):
    """Send staff who have not given their second factor this session to give it first."""
    admin_root = None

    def middleware(request):
        nonlocal admin_root
        admin_root = admin_root or reverse("admin:index")
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and path.startswith(admin_root)
            and not path[len(admin_root) :].startswith(OPEN_ADMIN_PATHS)
            and not user.is_verified()
        ):
            return redirect(second_factor_url(request, path))
        return get_response(request)

    return middleware


def second_factor_url(request, next_path: str) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    target = reverse("accounts:verify" if has_device else "accounts:enrol")
    if not url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
        next_path = reverse("admin:index")
    return f"{target}?{urlencode({'next': next_path})}"
