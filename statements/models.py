import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import holds_a_choice
from politicians.models import Politician

# Links open in a journalist's browser: javascript:, data: or ftp: have no business there.
validate_web_url = URLValidator(
    schemes=["http", "https"], message="Enter a web address that starts with http:// or https://."
)

# “No known position” is the absence of a stance. Filters, tallies and exports spell it "none";
# a PositionChange stores "" for no stance before or after. position_label() reads both.
NO_POSITION = "none"
NO_POSITION_LABEL = "No known position"


class Position(models.TextChoices):
    """The one position scale, ordered from the hardest line on TikTok to the softest."""

    WANTS_EXTENDED = "wants_extended", "Wants the ban extended"
    SUPPORTS = "supports", "Supports the ban on government devices"
    MIXED = "mixed", "Mixed or undecided"
    OPPOSES = "opposes", "Opposes the ban"


# The scale every page counts, sorts and filters across: the positions, hardest line first,
# then no known position. Defined here once; tallies, filters, exports and the admin read it.
POSITION_SCALE = [*Position.values, NO_POSITION]
POSITION_LABELS = {**dict(Position.choices), NO_POSITION: NO_POSITION_LABEL}
POSITION_CHOICES = list(POSITION_LABELS.items())


def position_label(value: str) -> str:
    """A position's label; "" (a PositionChange to or from no stance) reads as no position."""
    return POSITION_LABELS[value or NO_POSITION]


POSITION_DESCRIPTIONS = {
    Position.WANTS_EXTENDED: (
        "Wants the ban to go further: to personal phones, to every device used for work, "
        "or nationwide."
    ),
    Position.SUPPORTS: "Backs the ban on government-issued devices as announced.",
    Position.MIXED: "Has said things on both sides, or has not made up their mind.",
    Position.OPPOSES: ("Opposes the ban, or says using the app should stay a personal choice."),
    NO_POSITION: "Has not said anything on the record that we hold.",
}


class SourceKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    NEWS_ARTICLE = "news_article", "News article"
    DEBATE = "debate", "Parliamentary debate"
    SOCIAL_MEDIA = "social_media", "Social media post"
    PRESS_RELEASE = "press_release", "Press release"
    LETTER = "letter", "Letter"
    VIDEO = "video", "Video"


class DatePrecision(models.TextChoices):
    """How exact a statement's date is. A month or a year is stored as its first day, so lists
    and the position a politician is shown at sort it at the start of its period."""

    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"
    REPORTED = "reported", "Said by this date (first reported then)"


def date_in_words(day, precision: str, *, short: bool = False) -> str:
    """A date no more exact than we know it: “13 March 2023”, “March 2023” or “2023”; with
    `short`, for tables: “13 Mar 2023”, “Mar 2023”."""
    month = "%b" if short else "%B"
    if precision == DatePrecision.MONTH:
        return day.strftime(f"{month} %Y")
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    return f"{day.day} {day.strftime(f'{month} %Y')}"


def said_on_in_words(day, precision: str) -> str:
    """When a statement was said, as exactly as we know it (see Statement.said_on_display)."""
    shown = date_in_words(day, precision)
    return f"by {shown}" if precision == DatePrecision.REPORTED else shown


def date_for_machines(day, precision: str) -> str:
    """The same for `<time datetime>` and the import: “2023-03-13”, “2023-03” or “2023”."""
    if precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    return day.isoformat()


def _precision_of_date_from(statement, day) -> str:
    """How exact a date taken from a statement is: a stance as of a statement said “in March
    2023” is as of March 2023, not of the 1st, which is only where the month is stored."""
    if (
        statement is not None
        and statement.said_on == day
        and statement.said_on_precision in (DatePrecision.MONTH, DatePrecision.YEAR)
    ):
        return statement.said_on_precision
    return DatePrecision.DAY


# Filters on the politicians list that only some topics' readers need: each topic names the ones
# it offers in `Topic.politician_filters`, so a new topic shows none of them until an editor says.
TOPIC_FILTER_CHOICES = [("tiktok", "Whether they run a TikTok account")]


def validate_topic_filters(value):
    known = {name for name, _ in TOPIC_FILTER_CHOICES}
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ValidationError('A list of filter names, such as ["tiktok"].')
    unknown = [name for name in value if name not in known]
    if unknown:
        raise ValidationError(
            f"No filter called {', '.join(unknown)}. The filters are: "
            + ", ".join(f"{name} ({label})" for name, label in TOPIC_FILTER_CHOICES)
            + "."
        )


class TopicQuerySet(models.QuerySet):
    def default(self):
        """The topic a bare URL shows: the one flagged default, else the oldest."""
        return self.order_by("-is_default", "opened_on", "pk").first()

    def choices(self) -> list[tuple[str, str, bool]]:
        """Every topic as (slug, title, is default), the default first: what a topic selector
        offers."""
        return list(
            self.order_by("-is_default", "title").values_list("slug", "title", "is_default")
        )


class Topic(models.Model):
    """A question we track, such as the TikTok ban. The next ban is a new row, not a new app."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    question = models.CharField(
        max_length=200,
        blank=True,
        help_text="The question the positions answer, for example “Should TikTok be banned?”",
    )
    summary = models.TextField(blank=True)
    opened_on = models.DateField("date it opened")
    is_default = models.BooleanField(
        "default topic", default=False, help_text="Shown on the home page. Only one topic can be."
    )
    politician_filters = models.JSONField(
        "extra filters on the politicians list",
        default=list,
        blank=True,
        validators=[validate_topic_filters],
        help_text="Filters only this topic's readers need, as a list of names: "
        + ", ".join(f"“{name}” ({label.lower()})" for name, label in TOPIC_FILTER_CHOICES)
        + '. For example ["tiktok"].',
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-is_default", "-opened_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_topic"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("statements:topic", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # A former address keeps leading to its topic: another topic may not take it over.
        taken = TopicFormerSlug.objects.filter(slug=self.slug).exclude(topic_id=self.pk)
        if self.slug and taken.exists():
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” was the address of another topic, and links to it "
                    "still lead there. Choose another slug."
                }
            )


class SourceQuerySet(models.QuerySet):
    def with_dead_link(self):
        """Sources whose original address the last link check found gone."""
        return self.filter(link_dead_since__isnull=False)

    def for_url(self, url: str):
        return self.filter(url=url)


class Source(models.Model):
    """An article, debate record or post that statements are taken from, held once.

    Every statement taken from it points here; the statement keeps its own copy of the address,
    outlet and date too, because those are what readers, exports and the import have always
    read, and a correction to one statement must not move the others.
    """

    url = models.URLField("address", max_length=500, unique=True, validators=[validate_web_url])
    outlet = models.CharField(max_length=150, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    kind = models.CharField(
        max_length=20, choices=SourceKind.choices, default=SourceKind.NEWS_ARTICLE
    )
    # Set by the link check when the original address stops answering; cleared when it answers
    # again. The check's full history is kept beside it (sources.LinkCheck).
    link_dead_since = models.DateTimeField("original link dead since", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            holds_a_choice("kind", SourceKind, name="source_kind_valid"),
        ]

    def __str__(self):
        return self.title or self.url

    @property
    def is_link_dead(self):
        return self.link_dead_since is not None


class StatementStatus(models.TextChoices):
    DRAFT = "draft", "Draft, awaiting review"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


def published_by(reviewer, at) -> dict:
    """A statement's fields once `reviewer` publishes it at `at`: the publish service sets
    them, and so does the synthetic data's bulk writer, which stands in for it."""
    return {
        "status": StatementStatus.PUBLISHED,
        "reviewed_by": reviewer,
        "reviewed_at": at,
        "published_at": at,
    }


def published_q(prefix: str = "") -> Q:
    """The one definition of “the public may see this statement”, reusable across relations."""
    return Q(**{f"{prefix}status": StatementStatus.PUBLISHED})


def has_permalink_q() -> Q:
    """The one definition of “this statement has a public permalink”: published, or retracted
    after it had been public, so that a story which linked to it can see it was retracted."""
    return published_q() | Q(status=StatementStatus.RETRACTED, first_published_at__isnull=False)


def awaiting_review_q() -> Q:
    """A reviewer's queue: new drafts, and corrections waiting beside a published statement."""
    return Q(status=StatementStatus.DRAFT) | correction_awaiting_review_q()


def correction_awaiting_review_q() -> Q:
    return Q(status=StatementStatus.PUBLISHED, pending_content__isnull=False)


class StatementQuerySet(models.QuerySet):
    def published(self):
        """Reviewed, published and not retracted: the only statements public pages may show."""
        return self.filter(published_q())

    def corrections_awaiting_review(self):
        return self.filter(correction_awaiting_review_q())

    def for_topic(self, topic):
        return self.filter(topic=topic)

    def with_permalink(self):
        """Statements whose permalink a reader may open (has_permalink_q)."""
        return self.filter(has_permalink_q())

    def newest_first(self):
        """The one meaning of “newest”, for the stance, every page and the embed: said most
        recently; of two said the same day, the one first published here later. A correction
        does not make old words new, so the time it was published does not count."""
        return self.order_by("-said_on", "-first_published_at", "-pk")

    def latest_publications_first(self):
        """What is new to us rather than newest said: feeds list statements as they are
        published (a correction republishes one)."""
        return self.order_by("-published_at", "-pk")

    def with_people(self):
        """Everything a statement row shows: speaker, party and topic, in the same query."""
        return self.select_related("politician", "politician__party", "topic")

    def for_permalink_pages(self):
        """What a statement's own pages (its permalink, our copy of its source) start from:
        open to readers, with its speaker, topic and source in the same query."""
        return self.with_permalink().with_people().select_related("source")


def _staff_member():
    """Who entered, last edited or reviewed a statement: kept while the account is."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )


class Statement(models.Model):
    """Something a politician said on the record, with the source that proves it."""

    # The words with what a search matched marked, set by the statements browser on the page's
    # statements; everywhere else none, found here rather than by a failed template lookup.
    highlighted_words = ""

    politician = models.ForeignKey(
        Politician, on_delete=models.PROTECT, related_name="statements", verbose_name="speaker"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="statements")
    words = models.TextField(
        help_text="Verbatim, as published. If you are summarising, tick “paraphrase”."
    )
    is_paraphrase = models.BooleanField(
        "paraphrase",
        default=False,
        help_text="Tick when the words are the outlet's summary rather than a direct quote.",
    )
    said_on = models.DateField("date said")
    said_on_precision = models.CharField(
        "how exact the date is",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=(
            "When a source says only “in February”, pick “month only” (any day of the month "
            "will do: it is kept as the 1st); “in 2023”, pick “year only”."
        ),
    )
    outlet = models.CharField("source outlet", max_length=150)
    source_url = models.URLField("source URL", max_length=500, validators=[validate_web_url])
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The source held once for every statement taken from it.",
    )
    archive_url = models.URLField(
        "archived copy URL",
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text="A Wayback Machine or archive.today copy, in case the source changes.",
    )
    context = models.TextField(
        "context note", blank=True, help_text="Public note: where and why this was said."
    )
    position = models.CharField("position it expresses", max_length=20, choices=Position.choices)
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    entered_by = _staff_member()
    last_edited_by = _staff_member()
    reviewed_by = _staff_member()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    pending_correction_note = models.TextField(
        "correction note",
        blank=True,
        help_text=(
            "Required when changing a statement that has been published: what was wrong and "
            "what changed. It appears on the public corrections page once a reviewer publishes."
        ),
    )
    # A correction to a published statement waits here, beside the published words, until a
    # reviewer publishes it: the permalink, the stance and every count stay as published
    # (Wagtail keeps a live page and its draft revision the same way).
    pending_content = models.JSONField(
        "correction awaiting review",
        null=True,
        blank=True,
        editable=False,
        encoder=DjangoJSONEncoder,
        help_text="The content fields as the correction would make them; empty when none waits.",
    )
    pending_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name="correction started by",
    )
    pending_saved_at = models.DateTimeField(
        "correction last saved", null=True, blank=True, editable=False
    )
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-said_on", "-pk"]
        permissions = [
            ("publish_statement", "Can publish statements"),
            ("retract_statement", "Can retract statements"),
        ]
        constraints = [
            holds_a_choice("position", Position, name="statement_position_valid"),
            holds_a_choice("status", StatementStatus, name="statement_status_valid"),
            holds_a_choice("source_kind", SourceKind, name="statement_source_kind_valid"),
            holds_a_choice(
                "said_on_precision", DatePrecision, name="statement_said_on_precision_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=StatementStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="published_statement_has_publish_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=StatementStatus.RETRACTED) | ~Q(retraction_reason=""),
                name="retracted_statement_has_reason",
            ),
            # A draft is edited in place; only a published statement keeps a correction aside.
            models.CheckConstraint(
                condition=Q(pending_content__isnull=True) | Q(status=StatementStatus.PUBLISHED),
                name="only_published_statement_has_pending_correction",
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "status", "-said_on"]),
            models.Index(fields=["politician", "topic", "status"]),
        ]

    def __str__(self):
        words = self.words if len(self.words) <= 60 else f"{self.words[:57]}…"
        return f"{self.politician.name}: “{words}”"

    def get_absolute_url(self):
        return reverse("statements:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.said_on:
            # “March 2023” entered as 15 March is kept as 1 March: ordering, the stance and the
            # exports all read said_on, and must see the start of the period, not a made-up day.
            if self.said_on_precision == DatePrecision.MONTH:
                self.said_on = self.said_on.replace(day=1)
            elif self.said_on_precision == DatePrecision.YEAR:
                self.said_on = self.said_on.replace(month=1, day=1)
            if self.said_on > timezone.localdate():
                raise ValidationError({"said_on": "The date said cannot be in the future."})

    @property
    def said_on_display(self):
        """The date as exactly as we know it, in words.

        “13 March 2023”, “February 2023”, “2023”, or “by 13 March 2023” when only the report
        date is known.
        """
        return said_on_in_words(self.said_on, self.said_on_precision)

    @property
    def said_on_iso(self):
        """The date for machines, no more exact than we know it: “2023-03-13”, “2023-03” or
        “2023”. Valid in HTML's `<time datetime>` and what the import's date column takes."""
        return date_for_machines(self.said_on, self.said_on_precision)

    @property
    def is_draft(self):
        return self.status == StatementStatus.DRAFT

    @property
    def is_published(self):
        return self.status == StatementStatus.PUBLISHED

    @property
    def is_retracted(self):
        return self.status == StatementStatus.RETRACTED

    @property
    def has_pending_correction(self):
        return self.pending_content is not None

    def apply_content(self, content: dict) -> None:
        """Set the content fields from `content_of()`'s dict, in memory only."""
        for name in STATEMENT_CONTENT_FIELDS:
            field = self._meta.get_field(name)
            if field.attname in content:
                setattr(self, field.attname, field.to_python(content[field.attname]))

    def editorial_content(self) -> dict:
        """What editors are working on: the correction awaiting review if one waits, else the
        statement as it stands."""
        return self.pending_content if self.has_pending_correction else content_of(self)


# What a statement says and where it was said: what a reader sees, what a correction changes
# and what restoring a version gives back. Workflow fields (status, reviewer, publication times)
# change on every save and are never restored.
STATEMENT_CONTENT_FIELDS = (
    "politician",
    "topic",
    "words",
    "is_paraphrase",
    "said_on",
    "said_on_precision",
    "outlet",
    "source_url",
    "source_kind",
    "archive_url",
    "context",
    "position",
)


def content_of(statement) -> dict:
    """A statement's (or a historical version's) content fields as JSON values, keyed by
    attribute name (`politician_id`, `said_on` as YYYY-MM-DD): the form a pending correction is
    kept in, so that two versions compare as plain dicts."""
    content = {}
    for name in STATEMENT_CONTENT_FIELDS:
        field = Statement._meta.get_field(name)
        value = field.to_python(getattr(statement, field.attname))
        content[field.attname] = value.isoformat() if isinstance(value, datetime.date) else value
    return content


def version_content(version) -> dict:
    """The content a historical version held as editors saw it: its correction awaiting review
    when it had one, else its own fields."""
    pending = getattr(version, "pending_content", None)
    return pending if pending is not None else content_of(version)


class Stance(models.Model):
    """Where one politician stands on one topic now.

    It follows their newest published statement on the topic, unless an editor pins it.
    """

    politician = models.ForeignKey(Politician, on_delete=models.CASCADE, related_name="stances")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="stances")
    position = models.CharField(max_length=20, choices=Position.choices)
    summary = models.CharField(
        "one-line public summary",
        max_length=280,
        blank=True,
        help_text="Shown beside the position. Left empty, the position's meaning is shown.",
    )
    as_of = models.DateField("as of")
    based_on = models.ForeignKey(
        Statement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The newest published statement this position follows.",
    )
    is_pinned = models.BooleanField(
        "set by editors",
        default=False,
        help_text="Pinned positions stay as set here whatever new statements say.",
    )
    pinned_reason = models.TextField(blank=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["politician__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["politician", "topic"], name="one_stance_per_politician_and_topic"
            ),
            holds_a_choice("position", Position, name="stance_position_valid"),
            models.CheckConstraint(
                condition=Q(is_pinned=False) | ~Q(pinned_reason=""),
                name="pinned_stance_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["topic", "position"])]

    def __str__(self):
        return f"{self.politician.name} on {self.topic}: {self.get_position_display()}"

    @property
    def public_summary(self):
        return self.summary or POSITION_DESCRIPTIONS[self.position]

    # Pages load based_on with the stance (select_related), so these cost no query.
    @property
    def as_of_precision(self):
        based_on = None if self.is_pinned else self.based_on
        return _precision_of_date_from(based_on, self.as_of)

    @property
    def as_of_display(self):
        return date_in_words(self.as_of, self.as_of_precision)

    @property
    def as_of_display_short(self):
        return date_in_words(self.as_of, self.as_of_precision, short=True)

    @property
    def as_of_iso(self):
        return date_for_machines(self.as_of, self.as_of_precision)


class PositionChangeQuerySet(models.QuerySet):
    def public(self):
        """Changes the public may see: set by editors, or resting on a published statement."""
        return self.filter(Q(statement__isnull=True) | published_q("statement__"))


class PositionChange(models.Model):
    """A moment a politician's position on a topic changed, for “X moved from A to B”."""

    politician = models.ForeignKey(
        Politician, on_delete=models.CASCADE, related_name="position_changes"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="position_changes")
    from_position = models.CharField(
        max_length=20, choices=Position.choices, blank=True, help_text="Empty: no known position."
    )
    to_position = models.CharField(
        max_length=20, choices=Position.choices, blank=True, help_text="Empty: no known position."
    )
    changed_on = models.DateField()
    statement = models.ForeignKey(
        Statement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_by_editors = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = PositionChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-recorded_at", "-pk"]
        indexes = [models.Index(fields=["topic", "-changed_on"])]

    def __str__(self):
        return f"{self.politician.name}: {self.from_label} → {self.to_label}"

    # Pages load the statement with the change (select_related), so these cost no query.
    @property
    def changed_on_precision(self):
        return _precision_of_date_from(self.statement, self.changed_on)

    @property
    def changed_on_display(self):
        return date_in_words(self.changed_on, self.changed_on_precision)

    @property
    def changed_on_iso(self):
        return date_for_machines(self.changed_on, self.changed_on_precision)

    @property
    def from_label(self):
        return position_label(self.from_position)

    @property
    def to_label(self):
        return position_label(self.to_position)


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    RETRACTION = "retraction", "Retraction"


class Correction(models.Model):
    """A public record that a published statement was corrected or retracted."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(max_length=12, choices=CorrectionKind.choices)
    note = models.TextField()
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-made_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_has_note"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.statement_id} on {self.made_at:%d %b %Y}"


class TopicFormerSlug(models.Model):
    """An address a topic had before an editor changed its slug.

    Stories, feed readers and embeds already carry the old address: it keeps leading to the topic,
    with a permanent redirect to the new one.
    """

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=100, unique=True)
    retired_at = models.DateTimeField("replaced on", default=timezone.now)

    class Meta:
        ordering = ["-retired_at", "-pk"]

    def __str__(self):
        return f"{self.slug} (now {self.topic.slug})"


class ImportJobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class StatementImportJob(models.Model):
    """A statement file imported on the task queue (statements.import_jobs): who sent it, how
    far the run has got, and what came of it. The upload waits in the private upload folder
    (statements.import_files) under `file_name` until the run reads it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=32, editable=False)
    original_name = models.CharField(max_length=255, blank=True)
    state = models.CharField(
        max_length=10, choices=ImportJobState.choices, default=ImportJobState.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0, help_text="Rows checked so far.")
    errors = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    drafts_created = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "statement import"

    def __str__(self):
        return f"Import of {self.original_name or 'a file'} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (ImportJobState.DONE, ImportJobState.FAILED)
