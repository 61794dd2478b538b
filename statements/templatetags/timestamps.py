"""Times for machines: the `datetime` attribute of a <time> element."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attribute(value: datetime.datetime | None) -> str:
    """An instant as HTML's `datetime` attribute takes it, to the second, in local time.

    `|date:'c'` prints microseconds, and HTML allows at most three digits of a second.
    """
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
