"""The second-factor pages staff pass through before the admin, and the lockout page."""

import base64
from functools import wraps
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import services


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the six digits your authenticator app shows.")
        return code


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    # Our own markup from a fixed library, not reader input: shown as an <img> data URI.
    return buffer.getvalue().decode()


WRONG_CODE = "That code is not the one your app shows now. Try the next one."


def second_factor_page(view):
    """A page of the second-factor step: never cached, the code kept out of error reports,
    for a signed-in staff member whose session has not given its second factor yet. Anyone
    else is sent on: readers to the site, a verified session where it was going."""

    @never_cache
    @sensitive_post_parameters("code")
    @login_required
    @wraps(view)
    def page(request):
        if not request.user.is_staff:
            return redirect("statements:home")
        if request.user.is_verified():
            return redirect(_next(request))
        return view(request)

    return page


@second_factor_page
def enrol(request):
    """Set up an authenticator app: scan the code (or type the key), then give one code."""
    device = services.second_factor_unconfirmed_device(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_confirm(
            request=request, device=device, token=form.cleaned_data["code"]
        ):
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    svg = base64.b64encode(_qr_svg(device.config_url).encode()).decode()
    return render(
        request,
        "accounts/enrol.html",
        {
            **admin.site.each_context(request),
            "form": form,
            "qr_data_uri": f"data:image/svg+xml;base64,{svg}",
            "otpauth_uri": device.config_url,
            "secret": base64.b32encode(device.bin_key).decode(),
            "next": _next(request),
        },
    )


@second_factor_page
def verify(request):
    """Give this session's second factor."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_verify(request=request, token=form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/verify.html",
        {**admin.site.each_context(request), "form": form, "next": _next(request)},
    )


def locked_out(request, original_response=None, credentials=None):
    """What axes answers a locked-out username and address: when to try again, and who helps."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
