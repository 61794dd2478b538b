"""The background tasks, run eagerly as `make run` and the tests run them (no broker)."""

import pytest

from sources.models import CaptureState, LinkCheck
from sources.tasks import link_check_all, source_capture_enqueue
from statements.models import Source
from tests.article_server import ARTICLE_HTML, Answer

pytestmark = pytest.mark.django_db


def test_without_a_broker_tasks_run_at_once_in_process(settings):
    assert settings.CELERY_BROKER_URL == ""
    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_queueing_a_capture_twice_archives_once(article_server):
    article_server.routes["/t"] = Answer(body=ARTICLE_HTML.encode())
    source = Source.objects.create(url=article_server.url("/t"))

    first = source_capture_enqueue(source=source)
    first.refresh_from_db()
    assert first.state == CaptureState.ARCHIVED
    source_capture_enqueue(source=source)  # a new capture: the page may have changed
    assert source.captures.filter(state=CaptureState.ARCHIVED).count() == 2
    from sources.tasks import capture_source

    assert capture_source(first.pk) == CaptureState.ARCHIVED  # a finished capture stays as is
    assert len(article_server.requests) == 2


def test_link_check_all_checks_every_source_once(article_server):
    article_server.routes["/alive"] = Answer(body=ARTICLE_HTML.encode())
    alive = Source.objects.create(url=article_server.url("/alive"))
    gone = Source.objects.create(url=article_server.url("/gone"))

    assert link_check_all() == 2

    assert LinkCheck.objects.filter(source=alive, is_dead=False).count() == 1
    assert LinkCheck.objects.filter(source=gone, is_dead=True).count() == 1
    assert list(Source.objects.with_dead_link()) == [gone]


def test_the_scheduler_rechecks_every_link_with_a_task_that_exists(settings):
    from config.celery import app

    app.loader.import_default_modules()
    (entry,) = settings.CELERY_BEAT_SCHEDULE.values()
    assert entry["task"] == "sources.tasks.link_check_all"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == 24 * 60 * 60


def test_link_checks_are_spread_within_the_rate_limit(settings, monkeypatch):
    from sources import tasks

    settings.WTS_LINK_CHECKS_PER_MINUTE = 20
    for n in range(3):
        Source.objects.create(url=f"https://news.example/spread-{n}")
    sent = []
    monkeypatch.setattr(
        tasks.link_check, "apply_async", lambda args, countdown: sent.append((args, countdown))
    )
    assert link_check_all() == 3
    assert [countdown for _, countdown in sent] == [0, 3.0, 6.0]
