"""The public data version: one counter for “what the public side shows has changed”.

Services call `data_changed()` inside their transaction; the counter moves once that
transaction commits (and not at all if it rolls back), so a page cached under the new version
was rendered from committed data. Readers call `current()`: one primary-key read, which
readers without a session may share for `WTS_DATA_VERSION_MEMO_SECONDS` (a second): under a
crowd, most requests are answered from the page cache, and that read was most of their cost.
A CDN may keep the same pages for a minute, so a second more changes nothing a reader can
see; editors always read it fresh.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone

from .models import DataVersion


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime


# (when it was read, the version): one per process, replaced whole, so threads never see half.
_memo: tuple[float, "Version"] | None = None


def forget() -> None:
    """Read the version afresh next time (a bump in this process, a test starting)."""
    global _memo
    _memo = None


def _bump(using: str) -> None:
    forget()
    now = timezone.now().replace(microsecond=0)
    updated = (
        DataVersion.objects.using(using).filter(pk=1).update(number=F("number") + 1, changed_at=now)
    )
    if not updated:
        DataVersion.objects.using(using).get_or_create(pk=1, defaults={"changed_at": now})


class _Bump:
    """The hook run at commit; it knows it has run (test helpers replay hooks in place)."""

    def __init__(self, using: str):
        self.using = using
        self.done = False

    def __call__(self):
        self.done = True
        _bump(self.using)


def data_changed(*, using: str | None = None) -> None:
    """Public data changed: bump the version when the current transaction commits.

    Called many times in one transaction (an import of 500 rows), it bumps once.
    """
    using = using or router.db_for_write(DataVersion)
    connection = connections[using]
    if connection.in_atomic_block:
        # One bump per transaction, however many services ran inside it. The hook list is
        # Django's own: a rolled-back savepoint takes its hooks with it, so no flag can go stale.
        if any(
            isinstance(hook, _Bump) and not hook.done for _, hook, _ in connection.run_on_commit
        ):
            return
        transaction.on_commit(_Bump(using), using=using)
        return
    _bump(using)


def current(*, shared: bool = False) -> Version:
    """The version now, read from the primary: a replica that lags would serve old pages under
    a version that says they are new. `shared=True` accepts one this process read less than
    `WTS_DATA_VERSION_MEMO_SECONDS` ago (for readers without a session only)."""
    global _memo
    seconds = settings.WTS_DATA_VERSION_MEMO_SECONDS
    memo = _memo
    if shared and seconds > 0 and memo is not None and time.monotonic() - memo[0] < seconds:
        return memo[1]
    version = _read()
    _memo = (time.monotonic(), version)
    return version


def _read() -> Version:
    row = (
        DataVersion.objects.using(router.db_for_write(DataVersion))
        .values_list("number", "changed_at")
        .filter(pk=1)
        .first()
    )
    if row is None:
        return Version(0, datetime(2023, 1, 1, tzinfo=UTC))
    return Version(*row)
