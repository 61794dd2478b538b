"""`{% topic_url 'name' arg… param=value… %}`: a link that stays on the page's topic.

Every link from a page about one topic to another page must keep that topic, or the reader
lands on the default topic without noticing. The default topic's links carry no `topic=`, so
that its addresses stay short and stable. Empty parameters are left out.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def topic_url(context, view_name: str, *args, **query) -> str:
    """The URL of `view_name`, with `topic=` first when the page is not on the default topic,
    then each given parameter that has a value (autoescaping turns & into &amp;)."""
    topic_query = context.get("topic_query", "")
    parts = [topic_query] if topic_query else []
    given = {name: value for name, value in query.items() if value not in (None, "")}
    if given:
        parts.append(urlencode(given))
    url = reverse(view_name, args=args)
    return f"{url}?{'&'.join(parts)}" if parts else url
