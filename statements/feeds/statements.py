"""Atom feeds of newly published statements: all, and per topic, politician and party."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from politicians.models import Party, Politician
from statements.citations import cited_words
from statements.models import Statement
from statements.views.topics import topic_for_request

from .atom import PrintableAtom1Feed


class StatementsFeed(Feed):
    """Every newly published statement, newest publication first. Two queries, one per item set."""

    feed_type = PrintableAtom1Feed
    item_count = 50

    def title(self, obj=None):
        return f"{settings.WTS_SITE_NAME}: newly published statements"

    def subtitle(self, obj=None):
        return "Statements by UK politicians, each with its source, as we publish them."

    def link(self, obj=None):
        return reverse("statements:browser")

    def statements(self, obj):
        return Statement.objects.published()

    def items(self, obj=None):
        # Newest publication first, not newest said: a feed reader wants what is new to us.
        return self.statements(obj).with_people().latest_publications_first()[: self.item_count]

    def item_title(self, statement):
        return (
            f"{statement.politician.name} on {statement.topic.title}: "
            f"{statement.get_position_display()}"
        )

    def item_description(self, statement):
        # Atom summaries are type="html": a reader parses the text as HTML once the XML is
        # read, so editor-typed words are escaped here as well as by the XML writer.
        return escape(
            f"{capfirst(cited_words(statement))} — {statement.outlet}, "
            f"{statement.said_on_display}. Source: {statement.source_url}"
        )

    def item_link(self, statement):
        return statement.get_absolute_url()

    def item_pubdate(self, statement):
        return statement.published_at

    def item_updateddate(self, statement):
        return statement.published_at

    def item_author_name(self, statement):
        return statement.politician.name


class TopicStatementsFeed(StatementsFeed):
    def get_object(self, request, slug):
        return topic_for_request(request, slug)

    def title(self, topic):
        return f"{settings.WTS_SITE_NAME}: new statements on the {topic.title}"

    def link(self, topic):
        return topic.get_absolute_url()

    def statements(self, topic):
        return Statement.objects.published().for_topic(topic)


class SpeakerStatementsFeed(StatementsFeed):
    """New statements by one speaker, or by every politician of one party: the object's slug is
    looked up in `speakers()` and its statements are those whose `by` names it."""

    by = ""
    title_words = "{name}"

    def speakers(self):
        raise NotImplementedError

    def get_object(self, request, slug):
        return get_object_or_404(self.speakers(), slug=slug)

    def title(self, speaker):
        words = self.title_words.format(name=speaker.name)
        return f"{settings.WTS_SITE_NAME}: new statements by {words}"

    def link(self, speaker):
        return speaker.get_absolute_url()

    def statements(self, speaker):
        return Statement.objects.published().filter(**{self.by: speaker})


class PoliticianStatementsFeed(SpeakerStatementsFeed):
    by = "politician"

    def speakers(self):
        # Like the profile page: no feed for a person who is not public yet.
        return Politician.objects.public()


class PartyStatementsFeed(SpeakerStatementsFeed):
    by = "politician__party"
    title_words = "{name} politicians"

    def speakers(self):
        return Party.objects.all()
