"""`{% topic_url 'name' arg… param=value… %}`: a link that stays on the page's topic.

Every link from a page about one topic to another page must keep that topic, or the reader
lands on the default topic without noticing. The default topic's links carry no `topic=`, so
that its addresses stay short and stable. Empty parameters are left out.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from core.caching import per_data_version
from statements.models import Topic

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


@register.inclusion_tag("statements/includes/_topic_selector.html", takes_context=True)
def topic_selector(context, action: str, field_id: str, button: str = "Show"):
    """A plain GET form that changes the topic: a labelled list of topics and a button, so it
    works from the keyboard and without JavaScript. `action` is where it goes: the list it sits
    on, or the dashboard, which takes `topic=` too. Hidden while there is only one topic.

    The topics come from one query, kept per data version where the fragment cache is on."""
    # The navigation's selector and the list's share the one read.
    if "topic_choices" not in context.render_context:
        context.render_context["topic_choices"] = per_data_version(
            "topic-choices", Topic.objects.choices
        )
    topics = context.render_context["topic_choices"]
    current = context.get("topic")
    current_slug = current.slug if isinstance(current, Topic) else None
    return {
        "topics": [
            {
                "slug": slug,
                "title": title,
                "selected": slug == current_slug or (current_slug is None and is_default),
            }
            for slug, title, is_default in topics
        ],
        "action": action,
        "field_id": field_id,
        "button": button,
        "shown": len(topics) > 1,
    }
