"""`demo_logins` prints passwords, so it runs on a machine nobody else reaches, and only there."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_make_runs_settings_get_three_logins_that_work(settings):
    # What `make run` sets: debug off, to show the site as readers see it, on local names only.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    out = StringIO()

    call_command("demo_logins", port="8105", stdout=out)

    assert "http://127.0.0.1:8105/admin/" in out.getvalue()
    logins = dict(re.findall(r"^\s+(admin|editor|reviewer)\s+(\S+)", out.getvalue(), re.M))
    assert sorted(logins) == ["admin", "editor", "reviewer"]
    users = get_user_model().objects.filter(username__in=logins)
    assert {user.username for user in users if user.check_password(logins[user.username])} == {
        "admin",
        "editor",
        "reviewer",
    }


def test_a_server_others_reach_gets_no_printed_passwords(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["wherethey.example", "127.0.0.1"]

    with pytest.raises(CommandError, match="only runs where nobody else can log in"):
        call_command("demo_logins", stdout=StringIO())

    assert not get_user_model().objects.filter(username="admin").exists()


def test_the_demo_accounts_sign_in_with_the_code_demo_code_prints(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.AXES_ENABLED = False  # the form's sign-in, without the lockout's bookkeeping
    out, codes = StringIO(), StringIO()
    call_command("demo_logins", stdout=out)
    call_command("demo_code", stdout=codes)
    password = dict(re.findall(r"^\s+(editor)\s+(\S+)", out.getvalue(), re.M))["editor"]
    code = dict(re.findall(r"^\s+(editor)\s+(\d{6})$", codes.getvalue(), re.M))["editor"]
    browser = Client(HTTP_HOST="localhost")

    browser.post("/admin/login/", {"username": "editor", "password": password})
    assert browser.get("/admin/").status_code == 302  # to the second factor
    browser.post("/staff/second-factor/", {"code": code})

    assert browser.get("/admin/").status_code == 200


def test_demo_code_prints_nothing_on_a_server_others_reach(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["wherethey.example"]

    with pytest.raises(CommandError, match="only runs where nobody else can log in"):
        call_command("demo_code", stdout=StringIO())
