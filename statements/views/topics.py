"""Which topic a request is about: the URL's slug, the `topic` parameter, or the default."""

from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import validate_slug
from django.http import Http404

from statements.models import Topic


def topic_query(topic: Topic) -> str:
    """`topic=<slug>` for links that must stay on this topic; empty for the default topic."""
    return "" if topic.is_default else f"topic={topic.slug}"


def topic_for_request(request, slug: str | None = None) -> Topic:
    if slug is not None:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404(f"No topic “{slug}”.")
        return topic
    requested = request.GET.get("topic", "").strip()
    if requested:
        try:
            # Checked before the query: PostgreSQL refuses a NUL byte in a string outright,
            # which would otherwise answer a hand-edited link with a 500.
            validate_slug(requested)
        except ValidationError:
            raise BadRequest(f"topic: there is no topic “{requested}”.") from None
        topic = Topic.objects.filter(slug=requested).first()
        if topic is None:
            raise BadRequest(f"topic: there is no topic “{requested}”.")
        return topic
    topic = Topic.objects.default()
    if topic is None:
        raise Http404("No topic has been set up yet.")
    return topic
