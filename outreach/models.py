"""Who we asked about a topic, how, and what they answered.

A politician with no position may never have been asked, may have been asked and said nothing,
or may have declined to say: three facts a journalist must never confuse. Each approach is one
Outreach row. Who made it (`asked_by`) and the staff notes are newsroom records: no public page,
export or API ever shows them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import holds_a_choice
from politicians.models import Politician
from statements.models import Statement, Topic


class Method(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    SOCIAL = "social", "Social media"
    IN_PERSON = "in_person", "In person"


class Outcome(models.TextChoices):
    NO_REPLY = "no_reply", "No reply yet"
    HOLDING = "holding", "Holding reply"
    DECLINED = "declined", "Declined to comment"
    REPLIED = "replied", "Replied"


class Coverage(models.TextChoices):
    """What we know of a politician on a topic; the values are a contract with other tools."""

    NOT_ASKED = "not_asked", "Not yet asked"
    NO_REPLY = "no_reply", "Asked, no reply"
    DECLINED = "declined", "Declined to say"
    REPLIED = "replied", "Replied or on the record"


class OutreachQuerySet(models.QuerySet):
    def for_topic(self, topic):
        return self.filter(topic=topic)

    def newest_first(self):
        return self.order_by("-asked_on", "-pk")


class Outreach(models.Model):
    """One approach to one politician about one topic, and its outcome."""

    politician = models.ForeignKey(Politician, on_delete=models.PROTECT, related_name="outreaches")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="outreaches")
    asked_on = models.DateField("date asked")
    method = models.CharField("how", max_length=10, choices=Method.choices)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Staff only: never shown to the public.",
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.NO_REPLY)
    outcome_on = models.DateField(
        "date of the answer",
        null=True,
        blank=True,
        help_text="When they replied, declined or sent a holding reply.",
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreaches",
        help_text="For a reply: the statement it produced (enter it first, as a draft).",
    )
    their_words = models.TextField(
        "their words",
        blank=True,
        help_text="For a refusal or a holding reply: what they said, if anything.",
    )
    notes = models.TextField("staff notes", blank=True, help_text="Never shown to the public.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = OutreachQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_on", "-pk"]
        verbose_name = "outreach"
        verbose_name_plural = "outreach"
        constraints = [
            holds_a_choice("method", Method, name="outreach_method_valid"),
            holds_a_choice("outcome", Outcome, name="outreach_outcome_valid"),
            # A reply is the statement it produced; any other outcome produced none.
            models.CheckConstraint(
                condition=Q(outcome=Outcome.REPLIED, statement__isnull=False)
                | (~Q(outcome=Outcome.REPLIED) & Q(statement__isnull=True)),
                name="outreach_reply_has_statement",
            ),
        ]
        indexes = [models.Index(fields=["politician", "topic", "outcome"])]

    def __str__(self):
        return f"{self.politician.name}, {self.topic}: {self.get_outcome_display()}"

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.asked_on and self.asked_on > today:
            errors["asked_on"] = "The date asked cannot be in the future."
        if self.outcome_on:
            if self.outcome == Outcome.NO_REPLY:
                errors["outcome_on"] = "There is no answer to date: leave this empty."
            elif self.outcome_on > today:
                errors["outcome_on"] = "The date of the answer cannot be in the future."
            elif self.asked_on and self.outcome_on < self.asked_on:
                errors["outcome_on"] = "They cannot have answered before they were asked."
        if self.outcome == Outcome.REPLIED:
            if self.statement_id is None:
                errors["statement"] = "A reply needs the statement it produced."
            elif self.politician_id and (
                self.statement.politician_id != self.politician_id
                or self.statement.topic_id != self.topic_id
            ):
                errors["statement"] = (
                    "That statement is by someone else or on another topic: choose the one "
                    "this reply produced."
                )
        elif self.statement_id is not None:
            errors["statement"] = "Only a reply has a statement: choose “Replied” or clear it."
        if errors:
            raise ValidationError(errors)

    @property
    def answered_on(self):
        """The date the outcome is dated by: the answer if dated, else the approach."""
        return self.outcome_on or self.asked_on
