"""Staff give a code from an authenticator app before any admin page."""

import re

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SignInEvent
from tests.factories import EditorFactory, UserFactory, second_factor_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def sign_in_with_password(client, user):
    response = client.post(
        "/admin/login/?next=/admin/statements/statement/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/statements/statement/"},
    )
    assert response.status_code == 302
    return response


def test_an_admin_page_without_a_second_factor_redirects_to_it(client):
    editor = EditorFactory()
    sign_in_with_password(client, editor)

    response = client.get("/admin/statements/statement/")

    assert response.status_code == 302
    assert response["Location"] == (
        "/staff/second-factor/?next=%2Fadmin%2Fstatements%2Fstatement%2F"
    )
    assert client.get("/admin/").status_code == 302


def test_the_right_code_opens_the_admin_and_a_wrong_one_does_not(client, settings):
    # A wrong code makes the next try wait a second, then two, four…; not what this tests.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    editor = EditorFactory()
    sign_in_with_password(client, editor)
    url = "/staff/second-factor/?next=/admin/statements/statement/"

    wrong = client.post(url, {"code": "000000", "next": "/admin/statements/statement/"})

    assert wrong.status_code == 200
    soup = BeautifulSoup(wrong.content, "lxml")
    assert "not the one your app shows" in soup.select_one(".errorlist").get_text()
    assert client.get("/admin/").status_code == 302
    assert SignInEvent.objects.filter(
        kind="second-factor-failed", username=editor.username
    ).exists()

    right = client.post(
        url, {"code": second_factor_code(editor), "next": "/admin/statements/statement/"}
    )

    assert right.status_code == 302
    assert right["Location"] == "/admin/statements/statement/"
    assert client.get("/admin/statements/statement/").status_code == 200


def test_the_code_form_refuses_what_is_not_six_digits(client):
    editor = EditorFactory()
    sign_in_with_password(client, editor)

    response = client.post("/staff/second-factor/", {"code": "abc"})

    assert response.status_code == 200
    assert "Enter the six digits" in response.content.decode()


def test_staff_without_an_authenticator_set_one_up_with_its_first_code(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    newcomer = UserFactory(username="newcomer")
    TOTPDevice.objects.filter(user=newcomer).delete()
    sign_in_with_password(client, newcomer)

    response = client.get("/admin/")
    assert response["Location"].startswith("/staff/second-factor/set-up/")
    page = client.get(response["Location"])

    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "lxml")
    assert soup.select_one("img.second-factor-qr")["src"].startswith("data:image/svg+xml;base64,")
    otpauth = soup.find("a", href=re.compile("^otpauth://totp/"))["href"]
    assert "newcomer" in otpauth
    device = TOTPDevice.objects.get(user=newcomer)
    assert not device.confirmed

    refused = client.post("/staff/second-factor/set-up/", {"code": "123456"})
    assert refused.status_code == 200
    assert client.get("/admin/").status_code == 302

    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    confirmed = client.post(
        "/staff/second-factor/set-up/", {"code": f"{code:06d}", "next": "/admin/"}
    )

    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_a_second_factor_page_never_sends_anyone_to_another_site(client):
    editor = EditorFactory()
    sign_in_with_password(client, editor)

    response = client.post(
        "/staff/second-factor/?next=https://evil.example/",
        {"code": second_factor_code(editor), "next": "https://evil.example/"},
    )

    assert response["Location"] == "/admin/"


def test_the_admin_login_goes_to_the_admin_when_no_page_was_asked_for(client):
    editor = EditorFactory()

    response = client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_readers_never_meet_the_second_factor(client):
    assert client.get("/").status_code == 200
    assert client.get("/staff/second-factor/")["Location"].startswith("/admin/login/")
