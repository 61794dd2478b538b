"""One task through a real Celery worker and the Redis broker, as production runs them.

Everything else runs tasks eagerly; this proves the queue itself: a task sent by id reaches a
worker, which archives the source in the database the test reads. The broker is
WTS_TEST_BROKER_URL (default redis://127.0.0.1:6379/15, a database index of its own).
"""

import os
import time
import uuid

import kombu.pools
import pytest
import redis
from celery.contrib.testing.worker import start_worker

from config.celery import app
from sources.models import CaptureState
from sources.tasks import capture_source
from statements.models import Source
from tests.article_server import ARTICLE_HTML, Answer

BROKER = os.environ.get("WTS_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _forget_connections():
    # Eager tasks earlier in the session open the app's producer pool on the broker configured
    # then (none): a task sent down a pool kept from them never reaches this Redis.
    # kombu keeps its producer pools in a registry of its own, by connection: closing them
    # without clearing it would hand the next task, eager or not, a closed pool.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker():
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {BROKER} is not reachable ({error}); start Redis to run this test")
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=BROKER, task_always_eager=False, result_backend=None)
    _forget_connections()
    yield BROKER
    app.conf.update(saved)
    _forget_connections()


@pytest.fixture
def queue(broker):
    """A queue of this run's own: two runs sharing the Redis (two checkouts, a developer's run
    beside CI) must not take each other's tasks, nor empty each other's queues."""
    name = f"wts-test-{uuid.uuid4().hex}"
    yield name
    redis.Redis.from_url(broker).delete(name)


# serialized_rollback: like every other transactional test here, so the flush at its end leaves
# the migrations' rows (content types, groups, the default topic) for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_archives_a_source_sent_through_redis(queue, article_server):
    article_server.routes["/worker"] = Answer(body=ARTICLE_HTML.encode())
    source = Source.objects.create(url=article_server.url("/worker"))
    capture = source.captures.create()

    with start_worker(
        app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[queue]
    ):
        capture_source.apply_async((capture.pk,), queue=queue)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            capture.refresh_from_db()
            if capture.state in (CaptureState.ARCHIVED, CaptureState.FAILED):
                break
            time.sleep(0.2)

    assert capture.state == CaptureState.ARCHIVED, capture.failure_reason
    assert "This ban should cover every phone a minister" in capture.text
