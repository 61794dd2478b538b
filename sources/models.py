from django.db import models
from django.db.models import Q

from statements.models import Position, Topic


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
            models.CheckConstraint(
                condition=Q(position__in=Position.values), name="position_cue_position_valid"
            ),
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
