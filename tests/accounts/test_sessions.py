"""Staff sessions end after 30 minutes idle and 12 hours in all."""

import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.middleware import SESSION_STARTED
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db


def test_an_idle_session_expires_after_thirty_minutes(client):
    client.force_login(EditorFactory())
    assert client.get("/admin/").status_code == 200
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert django_settings.SESSION_SAVE_EVERY_REQUEST

    # Thirty-one minutes without a request: the stored session has lapsed.
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(minutes=1))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_each_request_renews_the_idle_limit(client):
    client.force_login(EditorFactory())
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=1))

    client.get("/admin/")

    (session,) = Session.objects.all()
    assert session.expire_date > timezone.now() + timezone.timedelta(minutes=29)


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(client):
    client.force_login(EditorFactory())
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SESSION_STARTED] = time.time() - 12 * 3600 - 60
    session.save()

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302
