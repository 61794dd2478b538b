"""Exports and searches are limited per client address, with a 429 that says when to retry."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from guards.rates import Rate, parse_rate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    cache.clear()
    # Hourly windows: the counts are kept per fixed window, and a minute's could close between
    # two requests of a test on a slow machine, letting one through.
    settings.WTS_RATE_LIMIT_EXPORTS = "3/hour"
    settings.WTS_RATE_LIMIT_SEARCH = "2/hour"
    yield
    cache.clear()


def test_a_client_over_the_export_limit_is_told_to_wait(client, topic):
    for _ in range(3):
        assert client.get("/statements.csv", REMOTE_ADDR="198.51.100.7").status_code == 200

    response = client.get("/politicians.json", REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text() == "Too many downloads from your address"
    # Another reader is not held up by the first.
    assert client.get("/statements.csv", REMOTE_ADDR="203.0.113.20").status_code == 200


def test_searches_are_limited_but_browsing_is_not(client, topic):
    for _ in range(2):
        assert client.get("/statements/?q=ban").status_code == 200

    assert client.get("/statements/?q=phones").status_code == 429
    assert client.get("/politicians/?q=smith").status_code == 429
    for _ in range(5):
        assert client.get("/statements/").status_code == 200
        assert client.get("/statements/?position=supports").status_code == 200


def test_behind_our_proxy_the_limit_is_per_reader(client, topic, settings):
    settings.WTS_PROXY_HOPS = 1
    for _ in range(3):
        client.get("/statements.csv", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7")

    blocked = client.get(
        "/statements.csv", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    other = client.get(
        "/statements.csv", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )

    assert (blocked.status_code, other.status_code) == (429, 200)


def test_an_empty_limit_turns_it_off(client, topic, settings):
    settings.WTS_RATE_LIMIT_EXPORTS = ""

    assert all(client.get("/statements.csv").status_code == 200 for _ in range(6))


@pytest.mark.parametrize(
    ("text", "rate"),
    [("60/min", Rate(60, 60)), ("5/s", Rate(5, 1)), ("1000 / hour", Rate(1000, 3600)),
     ("10/day", Rate(10, 86400)), ("", None)],
)  # fmt: skip
def test_limits_are_written_as_requests_per_period(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["60", "sixty/min", "60/fortnight", "-1/min"])
def test_a_limit_that_is_not_one_stops_with_a_message(text):
    with pytest.raises(ImproperlyConfigured, match="written like 60/min"):
        parse_rate(text)
