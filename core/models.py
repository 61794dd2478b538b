from django.db import models
from django.db.models import Q


def holds_a_choice(field: str, choices, *, name: str) -> models.CheckConstraint:
    """The database's own check that `field` holds one of its `choices` (a TextChoices):
    Django checks choices only in forms, and imports and services write rows without one."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class DataVersion(models.Model):
    """One row: how many times public data has changed, and when it last did.

    Every service that changes what the public side shows bumps it when its transaction commits
    (`core.data_version.data_changed`). Public pages take their ETag and Last-Modified from it, and
    the server-side cache of rendered pages is keyed by it, so nothing else ever has to be
    invalidated. It lives in the database, not the cache, so that every app server agrees on it
    even when each keeps its own in-process cache.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_data_version")]

    def __str__(self):
        return f"version {self.number} of {self.changed_at:%Y-%m-%d %H:%M:%S}"
