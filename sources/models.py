from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import holds_a_choice
from statements.models import Position, Source, Topic


class PositionCueQuerySet(models.QuerySet):
    def for_topic(self, topic):
        return self.filter(topic=topic)


class PositionCue(models.Model):
    """A phrase that points to a position on one topic (“extend the ban”, “personal choice”).

    The extractor's fallback when the topic has too few published statements for its classifier
    to learn from, or when the classifier is unsure. Editors keep the list in the admin.
    """

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="position_cues")
    position = models.CharField(max_length=20, choices=Position.choices)
    phrase = models.CharField(
        max_length=120,
        help_text=(
            "Words as they appear in copy, matched whole and ignoring case and quotation marks: "
            "“extend the ban”, “personal choice”."
        ),
    )

    objects = PositionCueQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "position", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "phrase"], name="one_cue_per_phrase_and_topic"
            ),
            holds_a_choice("position", Position, name="position_cue_position_valid"),
            models.CheckConstraint(condition=~Q(phrase=""), name="position_cue_has_phrase"),
        ]

    def __str__(self):
        return f"“{self.phrase}” → {self.get_position_display()}"


class TopicTermQuerySet(models.QuerySet):
    def for_topic(self, topic):
        return self.filter(topic=topic)


class TopicTerm(models.Model):
    """A word that shows a passage is about the topic (“TikTok”, “ByteDance”).

    A quotation with none of its topic's terms nearby gets no position suggestion: an MP on the
    budget in the same live blog is not taking a side on TikTok.
    """

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="terms")
    phrase = models.CharField(max_length=120)

    objects = TopicTermQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "phrase"], name="one_term_per_phrase_and_topic"
            ),
            models.CheckConstraint(condition=~Q(phrase=""), name="topic_term_has_phrase"),
        ]

    def __str__(self):
        return self.phrase


class CaptureState(models.TextChoices):
    QUEUED = "queued", "Queued"
    FETCHED = "fetched", "Fetched"
    ARCHIVED = "archived", "Archived"
    FAILED = "failed", "Failed"


class CaptureQuerySet(models.QuerySet):
    def archived(self):
        """Captures whose WARC is stored and whose text was read: what readers may be shown."""
        return self.filter(state=CaptureState.ARCHIVED)

    def newest_first(self):
        return self.order_by("-captured_at", "-pk")


class Capture(models.Model):
    """One fetch of a source: what was asked for, what answered, and our copy of it.

    A capture moves queued → fetched → archived, or ends failed with a reason an editor can act
    on. The WARC holds the exact response as it came over the wire; the text, title, date and
    site name are what trafilatura read from it.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="captures")
    state = models.CharField(
        max_length=10, choices=CaptureState.choices, default=CaptureState.QUEUED
    )
    failure_reason = models.TextField(blank=True)
    final_url = models.URLField("address that answered", max_length=2000, blank=True)
    redirects = models.JSONField(
        "redirects followed",
        default=list,
        blank=True,
        help_text="Each hop's address and the status that sent us on, in order.",
    )
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    warc = models.FileField("WARC file", upload_to="warc/%Y/%m/", blank=True, max_length=300)
    text = models.TextField("article text", blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    site_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    captured_at = models.DateTimeField(null=True, blank=True)

    objects = CaptureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            holds_a_choice("state", CaptureState, name="capture_state_valid"),
            models.CheckConstraint(
                condition=~Q(state=CaptureState.FAILED) | ~Q(failure_reason=""),
                name="failed_capture_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=CaptureState.ARCHIVED) | ~Q(warc=""),
                name="archived_capture_has_warc",
            ),
        ]

    def __str__(self):
        return f"{self.source.url} ({self.get_state_display()})"


class LinkCheckQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-checked_at", "-pk")


class LinkCheck(models.Model):
    """One look at whether a source's original address still answers: its status history."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="link_checks")
    checked_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    is_dead = models.BooleanField("link dead", default=False)
    reason = models.TextField(blank=True)

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["source", "-checked_at"])]

    def __str__(self):
        state = "dead" if self.is_dead else "alive"
        return f"{self.source.url}: {state} on {self.checked_at:%d %b %Y %H:%M}"


class ArticleIntake(models.Model):
    """An editor's “New from an article”: the pasted address or text, until drafts are made.

    With an address, the text comes from the source's archived capture; with pasted text, the
    editor gives the outlet and date, which a web page would have told us.
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="intakes"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    pasted_text = models.TextField(blank=True)
    outlet = models.CharField(max_length=150, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(pasted_text=""),
                name="intake_has_address_or_text",
            ),
        ]

    def __str__(self):
        return self.source.url if self.source_id else f"Pasted text of {self.created_at:%d %b %Y}"
