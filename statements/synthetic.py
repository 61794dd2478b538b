"""A realistic, synthetic data set for measuring the site at full size (`manage.py generate_data`).

Deterministic from its seed: the same seed gives the same people, words, dates and positions, so
two runs of `make bench` measure the same rows. Nothing here is real: every quote is made up from
phrase tables, every source URL is on `news.example`, every peer's name is invented.

Two ways to write it, leaving the same stances and changes of position:

- `through_services=True` saves each statement as a draft and publishes it with the project's
  services (`statement_save_draft`, `statement_publish`), one at a time. Right by construction,
  but about 25 queries a statement: minutes for 50,000.
- the default, bulk path writes the published statements with `bulk_create` and then sets every
  stance and change of position with the rule `stance_refresh` applies, computed in Python. It
  holds because statements are published in the order they were said: each one published is then
  the speaker's newest, so the stance follows it and a change is logged whenever its position
  differs from the one before. `tests/statements/test_synthetic.py` checks the two paths agree.
  The bulk path writes no history rows (django-simple-history) for the generated statements.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.data_version import data_changed
from politicians.models import House, Party, Politician, sort_name_for, unique_slug_for

from .models import (
    Position,
    PositionChange,
    SourceKind,
    Stance,
    Statement,
    Topic,
    published_by,
)

FIRST_DAY = datetime.date(2023, 2, 1)
DAYS = 900

OUTLETS = [
    "PoliticsHome",
    "BBC News",
    "The Times",
    "The Guardian",
    "Hansard",
    "The Telegraph",
    "Sky News",
    "The House magazine",
    "LBC",
    "Financial Times",
]

# Phrases by position. “ban” appears in most of them, as it does in the real record: a search
# for it matches most statements, the worst case for ranking.
OPENINGS = {
    Position.WANTS_EXTENDED: [
        "The ban on government phones should go further",
        "We need to extend the ban to every device used for work",
        "A ban limited to ministers' phones is not enough",
        "The ban must cover personal devices of officials too",
    ],
    Position.SUPPORTS: [
        "I support the ban on government devices",
        "The ban is a sensible precaution",
        "Banning the app on official phones is the right call",
        "Security advice on the app is clear and the ban follows it",
    ],
    Position.MIXED: [
        "I have not made up my mind on whether the ban goes far enough",
        "There are arguments on both sides of this ban",
        "The security case deserves scrutiny before any wider ban",
        "I understand the concern but want to see the evidence",
    ],
    Position.OPPOSES: [
        "Using TikTok should be a personal choice",
        "The ban is gesture politics",
        "Banning one app does nothing for our data security",
        "I will keep using the platform to reach young constituents",
    ],
}
ENDINGS = [
    "and the government should say so plainly.",
    "given what we know about data held in China.",
    "as the security services have advised.",
    "and I have written to the minister about it.",
    "which is what my constituents tell me.",
    "whatever the platform's owners say.",
    "and Parliament deserves a proper debate.",
    "before the summer recess.",
]

LORDS_PARTIES = [
    ("Conservative", 0.33),
    ("Labour", 0.22),
    ("Crossbench", 0.23),
    ("Liberal Democrat", 0.10),
    ("Bishops", 0.03),
    ("Non-affiliated", 0.09),
]
GIVEN_NAMES = [
    "Anne", "David", "Margaret", "Robert", "Helen", "James", "Susan", "Peter", "Jane", "Michael",
    "Elizabeth", "John", "Patricia", "Richard", "Catherine", "William", "Mary", "Thomas",
    "Frances", "Andrew", "Ruth", "Charles", "Diana", "George",
]  # fmt: skip
TITLES_OF = [
    "Ashworth", "Brampton", "Carrick", "Denholm", "Elstow", "Fenwick", "Garside", "Haddow",
    "Ingleby", "Jesmond", "Kirkland", "Langholm", "Marlow", "Netherby", "Ormsby", "Penrith",
    "Quarndon", "Redmire", "Skelton", "Thornaby", "Ulverston", "Wetherby", "Yarm", "Alnwick",
    "Bowes", "Clitheroe", "Dunmore", "Eskdale", "Frome", "Glaisdale",
]  # fmt: skip


class SyntheticDataError(Exception):
    """The data set cannot be generated here; the message says why."""


@dataclass
class GeneratedData:
    peers: int
    statements: int
    stances: int
    changes: int


def _system_user(username: str, group: str):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=group))
    return get_user_model().objects.get(pk=user.pk)


def _add_peers(rng: random.Random, count: int) -> int:
    """Peers on the roll, as the frontbench import adds them (bulk: 800 rows in one query)."""
    held = Politician.objects.filter(house=House.LORDS, slug__startswith="lord-gen-").count()
    if held >= count:
        return 0
    parties = {}
    for name, _ in LORDS_PARTIES:
        parties[name], _ = Party.objects.get_or_create(
            name=name, defaults={"slug": unique_slug_for(name, set())}
        )
    taken = set(Politician.objects.values_list("slug", flat=True))
    names, weights = zip(*LORDS_PARTIES, strict=True)
    peers = []
    for n in range(held, count):
        title = "Baroness" if rng.random() < 0.3 else "Lord"
        name = f"{title} {TITLES_OF[n % len(TITLES_OF)]} of {rng.choice(TITLES_OF)} {n}"
        slug = unique_slug_for(f"lord-gen-{n}", taken)
        taken.add(slug)
        peers.append(
            Politician(
                name=name,
                sort_name=sort_name_for(name),
                slug=slug,
                party=parties[rng.choices(names, weights)[0]],
                house=House.LORDS,
                on_roll=True,
            )
        )
    Politician.objects.bulk_create(peers, batch_size=1000)
    return len(peers)


def _speakers(rng: random.Random) -> list[tuple[int, float]]:
    """Who is quoted, and how often: a few people say much of it (a Zipf-like curve)."""
    ids = list(
        Politician.objects.legislators()
        .filter(on_roll=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng.shuffle(ids)
    # Alicia Kearns is the most quoted, as in the record the issue measured.
    kearns = Politician.objects.filter(slug="alicia-kearns").values_list("pk", flat=True).first()
    if kearns in ids:
        ids.remove(kearns)
        ids.insert(0, kearns)
    # Weights 1/(rank + 30) over four in five members: the most quoted says about 0.85% of
    # everything (421 of 50,000 in the record), and one member in five is never quoted.
    quoted = ids[: max(1, len(ids) * 4 // 5)]
    return [(pk, 1 / (rank + 30)) for rank, pk in enumerate(quoted)]


def _statement_rows(rng: random.Random, count: int, topic: Topic):
    """(politician id, said on, position, words, outlet, kind, url), in the order said."""
    speakers = _speakers(rng)
    ids = [pk for pk, _ in speakers]
    weights = [w for _, w in speakers]
    chosen = rng.choices(ids, weights, k=count)
    # Most people hold a position and move rarely: each keeps one until a 1-in-8 change.
    held_position = {}
    rows = []
    days = sorted(rng.randrange(DAYS) for _ in range(count))
    for n, (pk, day) in enumerate(zip(chosen, days, strict=True)):
        position = held_position.get(pk)
        if position is None or rng.random() < 0.125:
            position = rng.choice(Position.values)
            held_position[pk] = position
        words = f"{rng.choice(OPENINGS[position])}, {rng.choice(ENDINGS)}"
        rows.append(
            dict(
                politician_id=pk,
                topic=topic,
                said_on=FIRST_DAY + datetime.timedelta(days=day),
                position=position,
                words=words,
                outlet=rng.choice(OUTLETS),
                source_kind=rng.choice(SourceKind.values),
                source_url=f"https://news.example/{topic.slug}/{n + 1}",
            )
        )
    return rows


def _write_through_services(rows, editor, reviewer) -> None:
    from .services import statement_publish, statement_save_draft

    for row in rows:
        statement = statement_save_draft(statement=Statement(**row), actor=editor)
        statement_publish(statement=statement, reviewer=reviewer)


def _write_in_bulk(rows, editor, reviewer) -> None:
    """The services' outcome for statements published in the order they were said."""
    topic = rows[0]["topic"] if rows else None
    if Statement.objects.published().filter(topic=topic).exists():
        # A statement said after a generated one would hold the stance: the order-said rule
        # below no longer gives the services' outcome.
        raise SyntheticDataError(
            f"“{topic}” already has published statements: generate into a database without "
            "them, or use --through-services."
        )
    start = timezone.now()
    statements = []
    for n, row in enumerate(rows):
        # Published one after another, a second apart: the order said is the order published.
        at = start + datetime.timedelta(seconds=n)
        statements.append(
            Statement(
                **row,
                **published_by(reviewer, at),
                entered_by=editor,
                last_edited_by=editor,
                first_published_at=at,
            )
        )
    Statement.objects.bulk_create(statements, batch_size=2000)
    # With no published statement, a stance held is one editors pinned: it stays as it is.
    stances = {(s.politician_id, s.topic_id): s for s in Stance.objects.filter(topic=topic)}
    changes = []
    newest = {}
    for statement in statements:
        key = (statement.politician_id, statement.topic_id)
        stance = stances.get(key)
        if stance is not None and stance.is_pinned:
            continue
        before = newest[key].position if key in newest else (stance.position if stance else "")
        if before != statement.position:
            changes.append(
                PositionChange(
                    politician_id=key[0],
                    topic_id=key[1],
                    from_position=before,
                    to_position=statement.position,
                    changed_on=statement.said_on,
                    statement=statement,
                    set_by_editors=False,
                )
            )
        newest[key] = statement
    PositionChange.objects.bulk_create(changes, batch_size=2000)
    new_stances, changed = [], []
    for key, statement in newest.items():
        stance = stances.get(key)
        if stance is None:
            new_stances.append(
                Stance(
                    politician_id=key[0],
                    topic_id=key[1],
                    position=statement.position,
                    as_of=statement.said_on,
                    based_on=statement,
                )
            )
            continue
        if stance.position != statement.position:
            stance.summary = ""
        stance.position, stance.as_of, stance.based_on = (
            statement.position,
            statement.said_on,
            statement,
        )
        changed.append(stance)
    Stance.objects.bulk_create(new_stances, batch_size=2000)
    Stance.objects.bulk_update(
        changed, ["position", "as_of", "based_on", "summary"], batch_size=2000
    )


@transaction.atomic
def data_generate(
    *, lords: int, statements: int, seed: int, through_services: bool = False
) -> GeneratedData:
    """Add `lords` invented peers and `statements` published statements on the default topic.

    Run after `import_members` (and `load_demo` if wanted): the MPs held are among the speakers.
    All or nothing, in one transaction; the public data version is bumped once at commit.
    """
    topic = Topic.objects.default()
    editor = _system_user("generated-data-editor", "Editors")
    reviewer = _system_user("generated-data-reviewer", "Reviewers")
    # One stream each, so that peers added by an earlier run leave the statements the same.
    peers = _add_peers(random.Random(f"peers-{seed}"), lords)
    rows = _statement_rows(random.Random(f"statements-{seed}"), statements, topic)
    if through_services:
        _write_through_services(rows, editor, reviewer)
    else:
        _write_in_bulk(rows, editor, reviewer)
    data_changed()
    return GeneratedData(
        peers=peers,
        statements=len(rows),
        stances=Stance.objects.filter(topic=topic).count(),
        changes=PositionChange.objects.filter(topic=topic).count(),
    )
