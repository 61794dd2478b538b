"""Background work on sources, one task per source. Tasks take ids and call the services in
`capturing.py`; each is safe to run twice (a finished capture is left as it is)."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from statements.models import Source

from .capturing import capture_queue, capture_run, source_link_check

# Storage and database hiccups are retried; a page that cannot be fetched is an outcome, kept on
# the capture with its reason, not an error to retry.
RETRY = {
    "autoretry_for": (OSError, DatabaseError),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**RETRY)
def capture_source(capture_id: int) -> str:
    """Fetch, archive and read one queued capture; returns its state."""
    return capture_run(capture_id=capture_id).state


def source_capture_enqueue(*, source: Source):
    """Queue a capture of `source` and hand it to a worker (run at once when eager)."""
    capture = capture_queue(source=source)
    capture_source.delay(capture.pk)
    return capture


@shared_task(**RETRY)
def link_check(source_id: int) -> bool:
    """Check one source's original address; returns whether it is dead."""
    return source_link_check(source_id=source_id).is_dead


@shared_task
def link_check_all() -> int:
    """Queue a link check of every source, spread over time so that no outlet sees a burst:
    WTS_LINK_CHECKS_PER_MINUTE at most. Returns how many were queued."""
    ids = list(Source.objects.order_by("pk").values_list("pk", flat=True))
    gap = 60 / max(settings.WTS_LINK_CHECKS_PER_MINUTE, 1)
    for position, source_id in enumerate(ids):
        link_check.apply_async((source_id,), countdown=position * gap)
    return len(ids)
