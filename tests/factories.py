import datetime
import time
from pathlib import Path

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from outreach.models import Method, Outcome, Outreach
from politicians.models import Bench, House, Party, Politician
from statements.models import (
    Correction,
    CorrectionKind,
    Position,
    PositionChange,
    Source,
    SourceKind,
    Stance,
    Statement,
    StatementStatus,
    Topic,
)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    groups = factory.PostGeneration(lambda user, create, extracted, **kw: _join(user, extracted))


def _join(user, group_names):
    if group_names:
        user.groups.add(*Group.objects.filter(name__in=group_names))
    user.save()
    if user.is_staff:
        # Staff need a second factor before any admin page; tests' staff have one set up.
        second_factor_device(user)


def second_factor_device(user) -> TOTPDevice:
    """The staff member's confirmed authenticator, made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def second_factor_code(user) -> str:
    """A code the staff member's authenticator app shows, one the site has not yet accepted.

    A code is good once (the device remembers the last time step used) and the site accepts
    the next step's code too, so a second sign-in within 30 seconds types that one; a third
    waits for the clock.
    """
    device = second_factor_device(user)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    now = totp.t()
    target = max(now, (device.last_t if device.last_t is not None else -1) + 1)
    if target > now + device.tolerance:
        time.sleep(device.step - (totp.time - device.t0) % device.step + 0.1)
        return second_factor_code(user)
    totp.time += (target - now) * device.step
    return f"{totp.token():0{device.digits}d}"


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kw: _join(user, extracted or ["Editors"])
    )


class ReviewerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"reviewer{n}")
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kw: _join(user, extracted or ["Reviewers"])
    )


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_superuser = True


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.LazyAttribute(lambda party: party.name.lower().replace(" ", "-"))
    short_name = factory.LazyAttribute(lambda party: party.name[:4])
    colour = "#336699"


class PoliticianFactory(DjangoModelFactory):
    class Meta:
        model = Politician

    name = factory.Sequence(lambda n: f"Member {n} Smith")
    sort_name = factory.LazyAttribute(lambda p: f"Smith, {p.name.removesuffix(' Smith')}")
    slug = factory.Sequence(lambda n: f"member-{n}-smith")
    party = factory.SubFactory(PartyFactory)
    house = House.COMMONS
    constituency = factory.Sequence(lambda n: f"Constituency {n}")
    bench = Bench.BACK
    member_id = factory.Sequence(lambda n: 10000 + n)
    is_sitting = True
    # As if a member import had brought them in; other voices never come from an official list.
    on_roll = factory.LazyAttribute(lambda p: p.house != House.OTHER)


# The member import's shipped file: the 650 MPs elected in 2019, for tests that need them all.
SHIPPED_MEMBERS_CSV = (
    Path(__file__).resolve().parents[1] / "politicians" / "data" / "uk-commons-2019-mps.csv"
)

# The fields of an other voice: a company's spokesperson or a campaigner quoted on the record,
# who sits in no House and speaks for no party.
OTHER_VOICE = {
    "house": House.OTHER,
    "party": None,
    "constituency": "",
    "member_id": None,
    "is_sitting": False,
}


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Ban number {n}")
    slug = factory.Sequence(lambda n: f"ban-{n}")
    summary = "A question we track."
    opened_on = datetime.date(2024, 1, 1)


class PoliticianOnTopicFactory(DjangoModelFactory):
    """What a politician said, holds or changed on a topic: the TikTok ban unless given."""

    class Meta:
        abstract = True

    politician = factory.SubFactory(PoliticianFactory)
    topic = factory.LazyFunction(lambda: Topic.objects.get(slug="tiktok-ban"))


class StatementFactory(PoliticianOnTopicFactory):
    """A statement straight in the database; tests of the workflow use the services instead."""

    class Meta:
        model = Statement

    words = factory.Sequence(lambda n: f"Statement number {n} about the app.")
    said_on = datetime.date(2023, 3, 13)
    outlet = "The Daily Example"
    source_url = factory.Sequence(lambda n: f"https://news.example/story-{n}")
    source_kind = SourceKind.INTERVIEW
    position = Position.SUPPORTS
    status = StatementStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=StatementStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            first_published_at=factory.LazyFunction(timezone.now),
        )


class StanceFactory(PoliticianOnTopicFactory):
    class Meta:
        model = Stance

    position = Position.SUPPORTS
    as_of = datetime.date(2023, 3, 13)


class CorrectionFactory(DjangoModelFactory):
    class Meta:
        model = Correction

    statement = factory.SubFactory(StatementFactory, published=True)
    kind = CorrectionKind.CORRECTION
    note = "The date was wrong."


def politician_with_statements(position=None, *, statements=3, topic=None, **politician_fields):
    """A politician with published statements on the topic and the stance they lead to.

    `position=None` leaves them with no known position (and no statements). The stance follows
    the newest statement, as the publish service would set it.
    """
    politician = PoliticianFactory(**politician_fields)
    if position is None:
        return politician
    topic = topic or Topic.objects.get(slug="tiktok-ban")
    said = [
        StatementFactory(
            published=True,
            politician=politician,
            topic=topic,
            position=position,
            said_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=n),
        )
        for n in range(statements)
    ]
    stance_following(said[-1])
    return politician


def published_statement(politician, position, words, said_on, **fields):
    """A published statement: what `politician` said on `said_on`, taking `position`."""
    return StatementFactory(
        published=True,
        politician=politician,
        position=position,
        words=words,
        said_on=said_on,
        **fields,
    )


def published_words(*said):
    """Published statements by anybody, for tests of the words alone: (words, said_on) pairs."""
    return [
        StatementFactory(published=True, words=words, said_on=said_on) for words, said_on in said
    ]


def position_change(politician, before, after, changed_on, *, topic=None, **fields):
    """`politician` moved from `before` ("" for no position) to `after` on `changed_on`, on the
    TikTok ban unless `topic` is given."""
    return PositionChange.objects.create(
        politician=politician,
        topic=topic or Topic.objects.get(slug="tiktok-ban"),
        from_position=before,
        to_position=after,
        changed_on=changed_on,
        **fields,
    )


def stance_following(statement):
    """The stance a published statement leads to when it is its politician's newest, as the
    publish service would set it."""
    return StanceFactory(
        politician=statement.politician,
        topic=statement.topic,
        position=statement.position,
        as_of=statement.said_on,
        based_on=statement,
    )


# The day OutreachFactory's approaches are made, unless given.
MARCH_14 = datetime.date(2023, 3, 14)


class OutreachFactory(PoliticianOnTopicFactory):
    """An approach with no reply yet; set `outcome` (and `statement` for a reply) for others."""

    class Meta:
        model = Outreach

    asked_on = MARCH_14
    method = Method.EMAIL
    asked_by = factory.SubFactory(EditorFactory)
    outcome = Outcome.NO_REPLY


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example/source-{n}")
    outlet = "The Daily Example"
    title = factory.Sequence(lambda n: f"Story number {n}")
    published_on = datetime.date(2023, 3, 13)


class CaptureFactory(DjangoModelFactory):
    """An archived capture as the fetcher leaves it; its WARC name points to no file."""

    class Meta:
        model = "sources.Capture"

    source = factory.SubFactory(SourceFactory)
    state = "archived"
    final_url = factory.LazyAttribute(lambda capture: capture.source.url)
    status_code = 200
    content_type = "text/html; charset=utf-8"
    warc = "warc/2023/03/example.warc.gz"
    title = factory.LazyAttribute(lambda capture: capture.source.title)
    site_name = "The Daily Example"
    published_on = datetime.date(2023, 3, 13)
    text = "Opening paragraph.\nShe said the words we quote.\nClosing paragraph."
    captured_at = factory.LazyFunction(timezone.now)


def statement_with_archived_source(**statement_fields):
    """A published statement whose source we hold an archived copy of, its words inside it."""
    capture = CaptureFactory()
    capture.text = (
        f"Opening paragraph.\nShe said: “{statement_fields.get('words', 'We quote this.')}”\nEnd."
    )
    capture.save()
    statement_fields.setdefault("words", "We quote this.")
    return StatementFactory(
        published=True,
        source=capture.source,
        source_url=capture.source.url,
        **statement_fields,
    )
