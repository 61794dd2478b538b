import re
from urllib.parse import quote

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from core.models import holds_a_choice

HEX_COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"

validate_hex_colour = RegexValidator(
    HEX_COLOUR_PATTERN, "Enter a colour as # followed by six hex digits, for example #0087dc."
)


class House(models.TextChoices):
    """Where a person sits; `other` is for speakers who are not politicians at all."""

    COMMONS = "commons", "House of Commons"
    LORDS = "lords", "House of Lords"
    SCOTTISH_PARLIAMENT = "scottish-parliament", "Scottish Parliament"
    SENEDD = "senedd", "Senedd"
    NI_ASSEMBLY = "ni-assembly", "Northern Ireland Assembly"
    # A company spokesperson, the government as a body, a campaigner: their words are public
    # and searchable, but they are never listed or counted with the politicians.
    OTHER = "other", "Other voices"


# The Houses whose members we list and count, in the order pages show them.
LEGISLATURES = [house for house in House if house != House.OTHER]

# What one member of each House is called, and many: “650 MPs”, “3 peers”, “1 MSP”.
MEMBER_NOUNS = {
    House.COMMONS: ("MP", "MPs"),
    House.LORDS: ("peer", "peers"),
    House.SCOTTISH_PARLIAMENT: ("MSP", "MSPs"),
    House.SENEDD: ("Member of the Senedd", "Members of the Senedd"),
    House.NI_ASSEMBLY: ("MLA", "MLAs"),
}

# Seats in each House on 16 March 2023, where the number is fixed: a tally of fewer members than
# this says it counts only those we hold. The Lords has no fixed size.
SEATS = {
    House.COMMONS: 650,
    House.SCOTTISH_PARLIAMENT: 129,
    House.SENEDD: 60,
    House.NI_ASSEMBLY: 90,
}


# The Houses whose whole membership on 16 March 2023 we import. For the others (the Lords, the
# Northern Ireland Assembly) no complete list is available to us: their counts are only of the
# members we hold, and every page that shows one says so.
LISTED_IN_FULL = frozenset({House.COMMONS, House.SCOTTISH_PARLIAMENT, House.SENEDD})


class Bench(models.TextChoices):
    FRONT = "front", "Frontbench"
    BACK = "back", "Backbench"
    # The default: a bench is only known where a dated source says so (see bench_as_of).
    UNKNOWN = "unknown", "Not known"


class Party(models.Model):
    """A party, or a parliamentary grouping such as Independent or the Speaker."""

    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    colour = models.CharField(
        "brand colour",
        max_length=7,
        default="#6b6b6b",
        validators=[validate_hex_colour],
        help_text="As #rrggbb. Never the only cue: every chart shows the party name too.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=HEX_COLOUR_PATTERN), name="party_colour_is_hex"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("politicians:party_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.short_name or self.name


class PoliticianQuerySet(models.QuerySet):
    def public(self):
        """Whom the public side may show: people on an official list we import, and anyone
        else once at least one of their statements is published.

        A person an editor or a statement import adds has no page, row or count until a reviewer
        publishes something they said: an unreviewed name must not reach the public any more than
        an unreviewed quote. “Published” is the statements app's own definition, read through the
        reverse relation, because that app imports this one.
        """
        statement_model = self.model._meta.get_field("statements").related_model
        # EXISTS, one index probe a person: `pk IN (every published statement's speaker)` read
        # all 50,000 statements again in each of a list page's six counting queries.
        published = statement_model.objects.published().filter(politician_id=OuterRef("pk"))
        return self.filter(Q(on_roll=True) | Exists(published))

    def legislators(self):
        """Members of a House, never the other voices (campaigners, companies, the government)."""
        return self.exclude(house=House.OTHER)

    def sitting(self):
        """Members who currently hold their seat; the denominator of every public share."""
        return self.filter(is_sitting=True)

    def counted(self):
        """Whom every public tally counts: public, sitting members of a House."""
        return self.public().legislators().sitting()

    def search(self, text: str):
        """Name or constituency contains the text, case-insensitively."""
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(constituency__icontains=text))


class Politician(models.Model):
    """A person whose words we track (Popolo: Person, with their current Membership folded in)."""

    name = models.CharField(max_length=150)
    sort_name = models.CharField(
        max_length=150, help_text="Surname first, as a list is sorted: “Kearns, Alicia”."
    )
    slug = models.SlugField(max_length=150, unique=True)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="politicians", null=True, blank=True
    )
    house = models.CharField(max_length=20, choices=House.choices, default=House.COMMONS)
    constituency = models.CharField(max_length=150, blank=True)
    role = models.CharField(
        "current role",
        max_length=200,
        blank=True,
        help_text="For example “Secretary of State for Energy Security and Net Zero”.",
    )
    bench = models.CharField(max_length=7, choices=Bench.choices, default=Bench.UNKNOWN)
    bench_as_of = models.DateField(
        "bench and role as of",
        null=True,
        blank=True,
        help_text="The date the source gives the bench and role for, such as 16 March 2023.",
    )
    member_id = models.PositiveIntegerField(
        "UK Parliament member id",
        null=True,
        blank=True,
        unique=True,
        help_text="The id in members.parliament.uk/member/ID.",
    )
    contact_email = models.EmailField(
        "parliamentary contact address",
        blank=True,
        help_text="Staff only: where outreach is sent. Never shown to the public.",
    )
    has_tiktok_account = models.BooleanField("runs a TikTok account", default=False)
    is_sitting = models.BooleanField("sitting", default=True)
    on_roll = models.BooleanField(
        "on an official list",
        default=False,
        help_text=(
            "Set by the member, frontbench and devolved imports. Anyone else is public only once "
            "one of their statements is published."
        ),
    )

    history = HistoricalRecords()

    objects = PoliticianQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        constraints = [
            holds_a_choice("house", House, name="politician_house_valid"),
            holds_a_choice("bench", Bench, name="politician_bench_valid"),
        ]
        indexes = [models.Index(fields=["is_sitting", "house"])]
        # What the public sees about a person or party changes only by a reviewer's hand.
        permissions = [
            ("change_public_record", "Can change what the public sees about people and parties")
        ]

    def __str__(self):
        if self.constituency:
            return f"{self.name} ({self.constituency})"
        return self.name

    def get_absolute_url(self):
        return reverse("politicians:detail", kwargs={"slug": self.slug})

    @property
    def bench_is_known(self) -> bool:
        """Whether a dated source gives their bench; pages say “Bench not known” otherwise."""
        return self.bench != Bench.UNKNOWN

    @property
    def is_other_voice(self) -> bool:
        return self.house == House.OTHER

    @property
    def parliament_profile_url(self):
        if self.member_id and self.house in (House.COMMONS, House.LORDS):
            return f"https://members.parliament.uk/member/{self.member_id}"
        return ""

    @property
    def theyworkforyou_url(self):
        # TheyWorkForYou keys MPs by its own person id, not the Parliament one, but it resolves
        # /mp/<name>/<constituency> (lower case, underscores) to the member's page.
        if self.member_id and self.house == House.COMMONS and self.constituency:

            def part(text):
                return quote(re.sub(r"\s+", "_", text.strip().lower()))

            return f"https://www.theyworkforyou.com/mp/{part(self.name)}/{part(self.constituency)}"
        return ""


def sort_name_for(name: str) -> str:
    """“Alicia Kearns” → “Kearns, Alicia”; good enough for the UK names we hold."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


def unique_slug_for(name: str, taken: set[str]) -> str:
    # Cut short enough that a “-2” still fits the slug field.
    base = slugify(name)[:140].strip("-") or "politician"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
