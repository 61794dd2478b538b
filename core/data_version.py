"""The public data version: one counter for “what the public side shows has changed”.

Services call `data_changed()` inside their transaction; the counter moves once that
transaction commits (and not at all if it rolls back), so a page cached under the new version
was rendered from committed data. Readers call `current()`: one primary-key read.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone

from .models import DataVersion


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime


def _bump(using: str) -> None:
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


def current() -> Version:
    """The version now, read from the primary: a replica that lags would serve old pages under
    a version that says they are new."""
    row = (
        DataVersion.objects.using(router.db_for_write(DataVersion))
        .values_list("number", "changed_at")
        .filter(pk=1)
        .first()
    )
    if row is None:
        return Version(0, datetime(2023, 1, 1, tzinfo=UTC))
    return Version(*row)
