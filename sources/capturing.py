"""Every change of state of a source's captures and link checks.

The Celery tasks in `tasks.py`, the `archive_source` command and the editor's intake screen call
these; none of them sets a capture's state itself.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from core.data_version import data_changed
from statements.models import SourceKind, validate_web_url

from .archiving import article_read, warc_bytes
from .fetching import FetchError, fetch_page
from .models import Capture, CaptureState, LinkCheck, Source

logger = logging.getLogger(__name__)

# Answers that say the page is gone for good; a 5xx, a 429 or a timeout may pass, and leave the
# link's state as it was (the check is kept in the history all the same).
GONE_STATUSES = {404, 410}


class SourceError(Exception):
    """The source cannot be taken in; the message is written for the person who asked."""


def source_for_url(
    *,
    url: str,
    outlet: str = "",
    published_on: datetime.date | None = None,
    kind: str = SourceKind.NEWS_ARTICLE,
) -> Source:
    """The source held for `url`, made on first sight. What is already known is kept; blanks
    are filled in from what the caller knows."""
    url = url.strip()
    try:
        validate_web_url(url)
    except ValidationError as error:
        raise SourceError(error.messages[0]) from error
    if len(url) > Source._meta.get_field("url").max_length:
        raise SourceError("The address is longer than 500 characters.")
    source, created = Source.objects.get_or_create(
        url=url, defaults={"outlet": outlet, "published_on": published_on, "kind": kind}
    )
    if not created:
        changed = []
        if outlet and not source.outlet:
            source.outlet = outlet
            changed.append("outlet")
        if published_on and not source.published_on:
            source.published_on = published_on
            changed.append("published_on")
        if changed:
            source.save(update_fields=changed)
    return source


def capture_queue(*, source: Source) -> Capture:
    """A capture waiting to run for `source`: the unfinished one if there is one (so asking
    twice fetches once), else a new one."""
    with transaction.atomic():
        Source.objects.select_for_update().get(pk=source.pk)
        waiting = source.captures.filter(
            state__in=[CaptureState.QUEUED, CaptureState.FETCHED]
        ).first()
        return waiting or Capture.objects.create(source=source)


def capture_run(*, capture_id: int) -> Capture:
    """Fetch, archive and read one capture. Safe to run again: a capture that has ended
    (archived or failed) is returned as it is.

    A failed fetch ends the capture `failed` with the reason. Nothing is half-written: the WARC
    is written whole to storage before the capture points to it, and removed if the capture
    cannot be saved.
    """
    capture = Capture.objects.select_related("source").get(pk=capture_id)
    if capture.state in (CaptureState.ARCHIVED, CaptureState.FAILED):
        return capture
    try:
        page = fetch_page(capture.source.url)
    except FetchError as error:
        capture.state = CaptureState.FAILED
        capture.failure_reason = error.reason
        capture.final_url = error.final_url[:2000]
        capture.status_code = error.status_code
        capture.redirects = [{"url": hop.url, "status": hop.status_code} for hop in error.redirects]
        if error.page is not None:
            capture.content_type = error.page.content_type[:200]
        capture.captured_at = timezone.now()
        capture.save()
        return capture

    capture.state = CaptureState.FETCHED
    capture.final_url = page.final_url[:2000]
    capture.status_code = page.status_code
    capture.content_type = page.content_type[:200]
    capture.redirects = [{"url": hop.url, "status": hop.status_code} for hop in page.redirects]
    capture.save()

    article = article_read(page)
    captured_at = timezone.now()
    name = default_storage.save(
        f"warc/{captured_at:%Y/%m}/source-{capture.source_id}-capture-{capture.pk}.warc.gz",
        ContentFile(warc_bytes(page)),
    )
    try:
        with transaction.atomic():
            capture.warc.name = name
            capture.text = article.text
            capture.title = article.title
            capture.published_on = article.published_on
            capture.site_name = article.site_name
            capture.captured_at = captured_at
            capture.state = CaptureState.ARCHIVED
            capture.save()
            _fill_source_from(capture)
            # The archived copy is a public page: readers see the new capture at once.
            data_changed()
    except Exception:
        default_storage.delete(name)
        raise
    return capture


def _fill_source_from(capture: Capture) -> None:
    source = capture.source
    changed = []
    for field, value in (
        ("title", capture.title),
        ("outlet", capture.site_name[:150]),
        ("published_on", capture.published_on),
    ):
        if value and not getattr(source, field):
            setattr(source, field, value)
            changed.append(field)
    if changed:
        source.save(update_fields=changed)


def source_archive(*, source: Source) -> Capture:
    """Fetch and archive `source` now, in this process (the command and the tasks)."""
    archived = source.captures.archived().newest_first().first()
    if archived is not None:
        return archived
    return capture_run(capture_id=capture_queue(source=source).pk)


def source_link_check(*, source_id: int) -> LinkCheck:
    """Look at whether the source's original address still answers, and keep the answer.

    A 404 or 410, or a host that no longer exists, marks the link dead (from the first check
    that found it so); an answer that works marks it alive again; anything else (a server error,
    a timeout) is kept in the history without changing what readers are told.
    """
    source = Source.objects.get(pk=source_id)
    checked_at = timezone.now()
    try:
        page = fetch_page(source.url, read_body=False)
        status, reason, dead = page.status_code, "", False
    except FetchError as error:
        status, reason = error.status_code, error.reason
        dead = True if status in GONE_STATUSES or not error.transient else None
    check = LinkCheck.objects.create(
        source=source,
        checked_at=checked_at,
        status_code=status,
        is_dead=bool(dead),
        reason=reason,
    )
    if dead is True and source.link_dead_since is None:
        source.link_dead_since = checked_at
        source.save(update_fields=["link_dead_since"])
        data_changed()  # readers are now told the original link is dead
    elif dead is False and source.link_dead_since is not None:
        source.link_dead_since = None
        source.save(update_fields=["link_dead_since"])
        data_changed()
    return check
