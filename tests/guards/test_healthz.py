"""/healthz tells a load balancer whether the database and the cache answer."""

import pytest
from django.db.backends.utils import CursorWrapper

pytestmark = pytest.mark.django_db


def test_healthz_says_the_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_which_part_does_not_answer(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.cache.cache.set", broken)
    monkeypatch.setattr(CursorWrapper, "execute", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "unavailable",
    }
