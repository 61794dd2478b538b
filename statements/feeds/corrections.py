from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape

from statements.citations import cited_words
from statements.models import Correction

from .atom import PrintableAtom1Feed


class CorrectionsFeed(Feed):
    """Every correction and retraction, newest first, for newsrooms that cited our quotes."""

    feed_type = PrintableAtom1Feed
    item_count = 50

    def title(self):
        return f"{settings.WTS_SITE_NAME}: corrections and retractions"

    def subtitle(self):
        return "Every correction or retraction of a statement we had published, newest first."

    def link(self):
        return reverse("statements:corrections")

    def items(self):
        return Correction.objects.select_related(
            "statement__politician", "statement__topic"
        ).order_by("-made_at", "-pk")[: self.item_count]

    def item_title(self, correction):
        statement = correction.statement
        return (
            f"{correction.get_kind_display()}: {statement.politician.name} on "
            f"{statement.topic.title}"
        )

    def item_description(self, correction):
        statement = correction.statement
        said = (
            f"The statement, {cited_words(statement, limit=200)}"
            if statement.is_paraphrase
            else f"The statement: {cited_words(statement, limit=200)}"
        )
        # Atom summaries are type="html": a reader parses the text as HTML once the XML is
        # read, so editor-typed notes and words are escaped here as well as by the XML writer.
        return escape(f"{correction.note} ({said})")

    def item_link(self, correction):
        statement = correction.statement
        # A correction waits beside a published statement, which stays live; only a statement
        # taken offline for correction before that was so has no permalink to point at.
        if statement.is_published or statement.is_retracted:
            return statement.get_absolute_url()
        return f"{reverse('statements:corrections')}#correction-{correction.pk}"

    def item_guid(self, correction):
        # One statement can be corrected several times, so its permalink cannot be the id.
        return f"{reverse('statements:corrections')}#correction-{correction.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, correction):
        return correction.made_at

    def item_updateddate(self, correction):
        return correction.made_at

    def item_author_name(self, correction):
        return settings.WTS_SITE_NAME
