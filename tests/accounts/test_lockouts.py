"""Wrong passwords lock one username from one address, for a while that always ends."""

import datetime

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.utils import timezone

from accounts.models import SignInEvent
from tests.factories import EditorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
HOME_WIFI = "198.51.100.7"
NEWSROOM = "203.0.113.20"


class Clock:
    """Axes' idea of now, moved by the test."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("axes.handlers.proxy.now", clock)
    return clock


def sign_in(client, username, password, address, **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def lock_out(client, username, address, **headers):
    for _ in range(5):
        response = sign_in(client, username, "wrong", address, **headers)
    assert response.status_code == 429
    return response


def test_an_editor_locked_out_from_one_address_signs_in_from_another(client, clock):
    editor = EditorFactory(username="rita")

    page = lock_out(client, editor.username, HOME_WIFI)

    assert sign_in(client, "rita", PASSWORD, HOME_WIFI).status_code == 429
    soup = BeautifulSoup(page.content, "lxml")
    assert soup.h1.get_text() == "Too many wrong passwords"
    assert page["Retry-After"] == "900"
    response = sign_in(client, "rita", PASSWORD, NEWSROOM)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_anyone_hammering_a_name_does_not_lock_its_owner_out_elsewhere(client, clock):
    EditorFactory(username="rita")
    for attacker in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        lock_out(client, "rita", attacker)

    assert sign_in(client, "rita", PASSWORD, NEWSROOM).status_code == 302


def test_the_lockout_ends_after_its_cool_off_however_many_attempts_follow(client, clock):
    EditorFactory(username="rita")
    lock_out(client, "rita", HOME_WIFI)

    for _ in range(14):
        clock.advance(minutes=1)
        assert sign_in(client, "rita", "still wrong", HOME_WIFI).status_code == 429
    assert sign_in(client, "rita", PASSWORD, HOME_WIFI).status_code == 429

    clock.advance(minutes=2)  # 16 minutes after the fifth wrong password
    response = sign_in(client, "rita", PASSWORD, HOME_WIFI)

    assert response.status_code == 302


def test_behind_our_proxy_each_reader_is_counted_by_their_own_address(client, clock, settings):
    settings.WTS_PROXY_HOPS = 1
    EditorFactory(username="rita")
    proxy = "10.0.0.5"

    lock_out(client, "rita", proxy, HTTP_X_FORWARDED_FOR=f"{HOME_WIFI}")

    assert (
        sign_in(client, "rita", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=NEWSROOM).status_code == 302
    )
    # A client cannot pick its address: only the entry our proxy appended counts.
    spoofed = sign_in(
        client, "rita", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=f"{NEWSROOM}, {HOME_WIFI}"
    )
    assert spoofed.status_code == 429


def test_without_a_proxy_a_forwarded_header_is_not_believed(client, clock, settings):
    settings.WTS_PROXY_HOPS = 0
    EditorFactory(username="rita")
    lock_out(client, "rita", HOME_WIFI)

    response = sign_in(client, "rita", PASSWORD, HOME_WIFI, HTTP_X_FORWARDED_FOR=NEWSROOM)

    assert response.status_code == 429


def test_a_reviewer_unlocks_a_colleague_in_the_admin(client, clock):
    EditorFactory(username="rita")
    lock_out(client, "rita", HOME_WIFI)
    attempt = AccessAttempt.objects.get(username="rita")
    reviewer = ReviewerFactory()
    client.force_login(reviewer)

    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    actions = [
        o["value"]
        for o in BeautifulSoup(listing.content, "lxml").select("select[name=action] option")
    ]
    assert "unlock" in actions
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [attempt.pk]},
        REMOTE_ADDR=NEWSROOM,
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="rita").exists()
    client.logout()
    assert sign_in(client, "rita", PASSWORD, HOME_WIFI).status_code == 302
    unlocked = SignInEvent.objects.get(kind="unlocked")
    assert (unlocked.username, unlocked.address) == ("rita", NEWSROOM)
    assert reviewer.username in unlocked.detail


def test_an_editor_may_not_unlock(client, clock):
    EditorFactory(username="rita")
    lock_out(client, "rita", HOME_WIFI)
    attempt = AccessAttempt.objects.get(username="rita")
    client.force_login(EditorFactory())

    response = client.post(
        "/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": [attempt.pk]}
    )

    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="rita").exists()
