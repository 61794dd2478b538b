"""Which topic a request is about: the URL's slug, the `topic` parameter, or the default."""

from dataclasses import dataclass

from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import validate_slug
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from core.caching import PageMoved, per_data_version, rendering_public_page
from core.filters import must_be_one_of
from statements.models import Topic


class TopicMoved(PageMoved):
    """The request names a topic by a slug it used to have; `location` is the same page now.

    core.caching.public_page, which wraps every public view, answers it with a redirect."""


def topic_query(topic: Topic) -> str:
    """`topic=<slug>` for links that must stay on this topic; empty for the default topic."""
    return "" if topic.is_default else f"topic={topic.slug}"


def unknown_topic_message(requested: str) -> str:
    return must_be_one_of(
        "topic", Topic.objects.order_by("title").values_list("slug", "title"), requested
    )


def _topic_known_as(slug: str) -> Topic | None:
    """The topic whose slug is, or used to be, `slug`: one query, or none on a public page."""
    if rendering_public_page():
        topic = kept_topics().by_slug.get(slug)
        if topic is not None:
            return topic
        # Not a topic's slug now: an old link to a renamed topic (rare), or no topic at all.
        return Topic.objects.filter(former_slugs__slug=slug).first()
    return Topic.objects.filter(Q(slug=slug) | Q(former_slugs__slug=slug)).first()


def _default_topic() -> Topic | None:
    if rendering_public_page():
        return kept_topics().default
    return Topic.objects.default()


@dataclass
class KeptTopics:
    """Every topic, by its slug, and the default, as of one data version."""

    in_order: list[Topic]
    by_slug: dict[str, Topic]
    default: Topic | None


def kept_topics() -> KeptTopics:
    """The topics, read once per data version (a topic's edit bumps it): every public page
    names its topic, and the dashboard lists the others."""
    return per_data_version("topics", _read_topics)


def _read_topics() -> KeptTopics:
    topics = list(Topic.objects.all())
    # As Topic.objects.default(): the one flagged default, else the oldest.
    default = min(
        topics, key=lambda topic: (not topic.is_default, topic.opened_on, topic.pk), default=None
    )
    return KeptTopics(topics, {topic.slug: topic for topic in topics}, default)


def topic_for_request(request, slug: str | None = None) -> Topic:
    if slug is not None:
        topic = _topic_known_as(slug)
        if topic is None:
            raise Http404(f"No topic “{slug}”.")
        if topic.slug != slug:
            match = request.resolver_match
            path = reverse(
                match.view_name, args=match.args, kwargs={**match.kwargs, "slug": topic.slug}
            )
            query = request.META.get("QUERY_STRING", "")
            raise TopicMoved(f"{path}?{query}" if query else path)
        return topic
    requested = request.GET.get("topic", "").strip()
    if requested:
        try:
            # Checked before the query: PostgreSQL refuses a NUL byte in a string outright,
            # which would otherwise answer a hand-edited link with a 500.
            validate_slug(requested)
        except ValidationError:
            raise BadRequest(unknown_topic_message(requested)) from None
        topic = _topic_known_as(requested)
        if topic is None:
            raise BadRequest(unknown_topic_message(requested))
        if topic.slug != requested:
            query = request.GET.copy()
            query["topic"] = topic.slug
            raise TopicMoved(f"{request.path}?{query.urlencode()}")
        return topic
    topic = _default_topic()
    if topic is None:
        raise Http404("No topic has been set up yet.")
    return topic
