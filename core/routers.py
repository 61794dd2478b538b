"""Public reads from a read replica, everything else from the primary.

With `DATABASE_REPLICA_URL` set, the views that `public_page` wraps read from the replica: they
are most of the traffic, and a replica a second behind is fine for them because their cache keys
and ETags come from the data version, which is always read from the primary. Writes, the admin,
imports, commands, and anything else not inside a public page use the primary, so an editor
never reads back a stale copy of what they just saved.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import connections

REPLICA = "replica"

_public_read = contextvars.ContextVar("public_read", default=False)


@contextlib.contextmanager
def public_reads():
    """Inside this block, reads may go to the replica."""
    token = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(token)


def stream_public_reads(chunks):
    """A streamed download reads its rows after the view has returned: keep it on the replica."""
    iterator = iter(chunks)
    while True:
        with public_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def replica_in_use() -> bool:
    return settings.WTS_REPLICA_READS and REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and replica_in_use():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects from either may be related.
        return True
