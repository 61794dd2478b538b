"""State changes for politicians and parties: the imports of official member lists.

Three lists, one set of rules: every row is checked before anything is written, every problem is
named by row (the header is row 1) and column, a file is written whole or not at all, and
re-running a file changes nothing. Whoever an import holds is on the roll (`on_roll`): public
whether or not they have said anything.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.data_version import data_changed
from core.imports import ImportProblem, ImportRefused

from .models import Bench, House, Party, Politician, sort_name_for, unique_slug_for

# Short names and brand colours of the parties we hold members of. The colour is decoration only:
# every chart and badge prints the party's name beside it.
PARTY_STYLE = {
    "Conservative": ("Con", "#0087dc"),
    "Labour": ("Lab", "#e4003b"),
    "Scottish National Party": ("SNP", "#fdf38e"),
    "Liberal Democrat": ("LD", "#faa61a"),
    "Independent": ("Ind", "#6b6b6b"),
    "Democratic Unionist Party": ("DUP", "#d46a4c"),
    "Sinn Féin": ("SF", "#326760"),
    "Plaid Cymru": ("PC", "#005b54"),
    "Social Democratic and Labour Party": ("SDLP", "#2aa82c"),
    "Alba Party": ("Alba", "#005eb8"),
    "Green Party": ("Green", "#02a95b"),
    "Alliance Party": ("APNI", "#f6cb2f"),
    "Speaker": ("Spkr", "#4a4a4a"),
    # The Scottish Parliament and the Senedd.
    "Scottish Green": ("SGP", "#00b140"),
    "Presiding Officer": ("PO", "#4a4a4a"),
}

REQUIRED_COLUMNS = ("name", "party", "constituency", "mnis_id")
OPTIONAL_COLUMNS = ("role", "bench", "house", "sort_name")
# Other tools write these files: the headers are a contract.
FRONTBENCH_COLUMNS = ("name", "mnis_id", "house", "party", "role", "side", "source")
DEVOLVED_COLUMNS = ("name", "legislature", "party", "constituency_or_region", "source")

FRONTBENCH_HOUSES = {"commons": House.COMMONS, "lords": House.LORDS}
GOVERNMENT, OPPOSITION = "government", "opposition"
DEVOLVED_HOUSES = (House.SCOTTISH_PARLIAMENT, House.SENEDD, House.NI_ASSEMBLY)


class MemberImportError(ImportRefused):
    """One or more rows of a member list are wrong; nothing was written."""


@dataclass
class MemberImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


def party_for_name(name: str) -> Party:
    party = Party.objects.filter(name=name).first()
    if party is None:
        short_name, colour = PARTY_STYLE.get(name, ("", "#6b6b6b"))
        party = Party.objects.create(
            name=name, slug=slugify(name), short_name=short_name, colour=colour
        )
    return party


# Reading a file --------------------------------------------------------------------------------


class CheckedRow:
    """One row's cells, stripped, and the problems found in them so far."""

    def __init__(self, number: int, values: dict[str, str], problems: list[ImportProblem]):
        self.number = number
        self.values = values
        self._problems = problems
        self.ok = True

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def problem(self, column: str, message: str) -> None:
        self._problems.append(ImportProblem(self.number, column, message))
        self.ok = False

    def require(self, *columns: str) -> None:
        for column in columns:
            if not self[column]:
                self.problem(column, "is empty")

    def fits(self, column: str, field_name: str) -> None:
        """The cell fits the model field it is stored in (a wrong file must not be a crash)."""
        limit = Politician._meta.get_field(field_name).max_length
        if len(self[column]) > limit:
            self.problem(column, f"is longer than {limit} characters")

    def one_of(self, column: str, allowed: Iterable[str]) -> str:
        allowed = list(allowed)
        value = self[column]
        if value and value.casefold() not in allowed:
            self.problem(column, f"“{value}” is not one of {', '.join(allowed)}")
        return value.casefold()

    def source(self, column: str = "source") -> None:
        # Each row says where its facts come from; a newsroom must be able to follow it.
        if self[column] and not re.match(r"https?://|github:", self[column]):
            self.problem(column, "does not start with http://, https:// or github:")


def read_rows(
    text: str, columns: Sequence[str]
) -> tuple[list[str], list[CheckedRow], list[ImportProblem]]:
    """The header and every row of a CSV, numbered as a spreadsheet shows them.

    A column missing from the header, a row with more cells than the header or text the CSV
    reader cannot parse is a problem named by row, never an exception.
    """
    problems: list[ImportProblem] = []
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        return [], [], [ImportProblem(1, "row", f"is not CSV ({error})")]
    missing = [column for column in columns if column not in header]
    if missing:
        problems = [ImportProblem(1, c, "column is missing from the header") for c in missing]
        return header, [], problems
    reader.fieldnames = header
    rows = []
    try:
        for row_number, raw in enumerate(reader, start=2):
            if None in raw:
                problems.append(ImportProblem(row_number, "row", "has more cells than the header"))
                continue
            values = {key: (value or "").strip() for key, value in raw.items()}
            rows.append(CheckedRow(row_number, values, problems))
    except csv.Error as error:
        problems.append(ImportProblem(reader.line_num, "row", f"is not CSV ({error})"))
    return header, rows, problems


class MemberIds:
    """Checks a file's member ids: whole numbers, each on one row only."""

    def __init__(self):
        self.seen: dict[int, int] = {}

    def check(self, row: CheckedRow, column: str = "mnis_id") -> int | None:
        text = row[column]
        if not text:
            return None
        if not text.isdigit() or int(text) == 0 or len(text) > 9:
            row.problem(column, f"“{text}” is not a member id")
            return None
        member_id = int(text)
        if member_id in self.seen:
            row.problem(column, f"{member_id} is also on row {self.seen[member_id]}")
        self.seen.setdefault(member_id, row.number)
        return member_id


class SeenNames:
    """Checks that a key (a name, or a name in a House) is on one row only."""

    def __init__(self, column: str, what: str):
        self.column, self.what = column, what
        self.seen: dict[object, int] = {}

    def check(self, row: CheckedRow, key) -> None:
        if key in self.seen:
            row.problem(self.column, f"“{row[self.column]}” {self.what} row {self.seen[key]}")
        self.seen.setdefault(key, row.number)


# Writing ---------------------------------------------------------------------------------------

# How each field a list can change reads in a history record.
_FIELD_WORDS = {
    "name": "name",
    "party_id": "party",
    "house": "house",
    "constituency": "constituency",
    "role": "role",
    "bench": "bench",
    "bench_as_of": "bench as of",
    "member_id": "member id",
    "is_sitting": "sitting",
    "on_roll": "on an official list",
}


def _shown(key: str, value, parties_by_pk: dict[int, Party]) -> str:
    if key == "party_id":
        return parties_by_pk[value].name if value in parties_by_pk else "no party"
    if key == "bench":
        return Bench(value).label
    if key == "house":
        return House(value).label
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, str):
        return f"“{value}”"
    return "none" if value is None else str(value)


class Changes:
    """The changes an import makes to people already held, written in one go with history.

    Each person's history record says, field by field, what this import changed and why.
    """

    def __init__(self, reason: str, parties: Iterable[Party]):
        self.reason = reason
        self.parties_by_pk = {party.pk: party for party in parties}
        self.changed: list[Politician] = []
        self.fields: set[str] = set()
        self.result = MemberImportResult()

    def add_party(self, party: Party) -> None:
        self.parties_by_pk[party.pk] = party

    def _shown(self, key: str, value) -> str:
        return _shown(key, value, self.parties_by_pk)

    def want(self, politician: Politician, wanted: dict, note: str = "") -> None:
        changed = {key: value for key, value in wanted.items() if getattr(politician, key) != value}
        if not changed:
            self.result.unchanged += 1
            return
        words = [
            f"{_FIELD_WORDS[key]} {self._shown(key, getattr(politician, key))}"
            f" → {self._shown(key, value)}"
            for key, value in changed.items()
        ]
        for key, value in changed.items():
            setattr(politician, key, value)
        politician._change_reason = f"{self.reason}: {'; '.join(words)}{note}"
        self.changed.append(politician)
        self.fields.update(changed)
        self.result.updated += 1
        self.result.changes.append(f"{politician.name}: {politician._change_reason}")

    def save(self, *, created: list[Politician], created_reason: str) -> MemberImportResult:
        if self.changed:
            bulk_update_with_history(
                self.changed,
                Politician,
                sorted(self.fields),
                batch_size=500,
                default_change_reason=self.reason,
            )
        if created:
            bulk_create_with_history(created, Politician, default_change_reason=created_reason)
            self.result.created = len(created)
        return self.result


def _new_slug(name: str, place: str, taken: set[str]) -> str:
    """The name's slug; with the seat added when another person has the name already."""
    slug = unique_slug_for(name, taken)
    if slug != unique_slug_for(name, set()) and place:
        slug = unique_slug_for(f"{name} {place}", taken)
    taken.add(slug)
    return slug


@dataclass(frozen=True)
class ListedRow:
    """A person as one of the lists gives them: the row they are on, their name and party."""

    row: int
    name: str
    party: str

    @classmethod
    def of(cls, row: CheckedRow, **more):
        return cls(row=row.number, name=row["name"], party=row["party"], **more)


def _parse_rows(text: str, columns: Sequence[str], row_of) -> tuple[list, list[ImportProblem]]:
    """Every row of a list, each checked by `row_of(row, header)`: it records the row's
    problems and gives the parsed row, or None when the row has any. The import writes
    nothing unless no row has a problem."""
    header, checked_rows, problems = read_rows(text, columns)
    rows = [parsed for row in checked_rows if (parsed := row_of(row, header)) is not None]
    return rows, problems


# The Commons member list -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow(ListedRow):
    constituency: str
    member_id: int | None
    extra: dict  # optional columns that the file actually has


def _check_member_row(row: CheckedRow, header: list[str]) -> str:
    """Check one row of the member list; the House it names (the Commons when it names none)."""
    row.require("name", "party")
    for column, field_name in (("name", "name"), ("constituency", "constituency")):
        row.fits(column, field_name)
    for column in ("role", "sort_name"):
        if column in header:
            row.fits(column, column)
    house = row["house"] or House.COMMONS
    if house not in House.values:
        row.problem("house", f"“{house}” is not one of {', '.join(House.values)}")
    if house == House.COMMONS and not row["constituency"]:
        row.problem("constituency", "is empty for an MP")
    if row["bench"] and row["bench"] not in Bench.values:
        row.problem("bench", f"“{row['bench']}” is not one of {', '.join(Bench.values)}")
    return house


def _parse(text: str) -> tuple[list[MemberRow], list[ImportProblem]]:
    member_ids = MemberIds()
    names = SeenNames("name", "has no member id and is also on")

    def member_row(row: CheckedRow, header: list[str]) -> MemberRow | None:
        house = _check_member_row(row, header)
        member_id = member_ids.check(row)
        if row["name"] and not member_id and row.ok:
            names.check(row, row["name"].casefold())
        if not row.ok:
            return None
        extra = {column: row[column] for column in OPTIONAL_COLUMNS if column in header}
        extra["house"] = house
        return MemberRow.of(row, constituency=row["constituency"], member_id=member_id, extra=extra)

    return _parse_rows(text, REQUIRED_COLUMNS, member_row)


class Roll:
    """Everyone and every party held, looked up the ways the lists find people: one query each.

    `problems` collects what the matching finds, beside what checking the rows found.
    """

    def __init__(self, politicians: Iterable[Politician], changes_reason: str, problems):
        self.politicians = list(politicians)
        self.by_member_id = {p.member_id: p for p in self.politicians if p.member_id}
        self.by_name: dict[str, list[Politician]] = {}
        self.by_house_and_name: dict[tuple[str, str], list[Politician]] = {}
        for politician in self.politicians:
            name = politician.name.casefold()
            self.by_name.setdefault(name, []).append(politician)
            self.by_house_and_name.setdefault((politician.house, name), []).append(politician)
        self.parties = {party.name: party for party in Party.objects.all()}
        self.taken_slugs = set(Politician.objects.values_list("slug", flat=True))
        self.changes = Changes(changes_reason, self.parties.values())
        self.to_create: list[Politician] = []
        self.problems = problems

    def named(self, name: str, houses: Iterable[str] | None = None) -> list[Politician]:
        """The people held under this name, in any House or in those given."""
        key = name.casefold()
        if houses is None:
            return self.by_name.get(key, [])
        return [p for house in houses for p in self.by_house_and_name.get((house, key), [])]

    def find(self, row, *, houses: Iterable[str] | None = None) -> tuple[bool, Politician | None]:
        """The person a row means: by member id, then by name among those without another id.

        (False, None) when the name matches several people: a problem is added for the row.
        """
        politician = self.by_member_id.get(row.member_id) if row.member_id else None
        if politician is not None:
            return True, politician
        candidates = [
            p
            for p in self.named(row.name, houses)
            if p.member_id is None or p.member_id == row.member_id
        ]
        if len(candidates) > 1:
            self.problem(row, "name", f"“{row.name}” matches several people; add a member id")
            return False, None
        return True, candidates[0] if candidates else None

    def problem(self, row, column: str, message: str) -> None:
        self.problems.append(ImportProblem(row.row, column, message))

    def party(self, name: str) -> Party:
        """The party of this name, added the first time a list names it."""
        if name not in self.parties:
            self.parties[name] = party_for_name(name)
            self.changes.add_party(self.parties[name])
        return self.parties[name]

    def create(self, *, name: str, place: str, sort_name: str, wanted: dict) -> None:
        self.to_create.append(
            Politician(slug=_new_slug(name, place, self.taken_slugs), sort_name=sort_name, **wanted)
        )

    def save(self, *, created_reason: str, dry_run: bool) -> MemberImportResult:
        """Write every change at once, or nothing if any row had a problem."""
        if self.problems:
            raise MemberImportError(self.problems)
        result = self.changes.save(created=self.to_create, created_reason=created_reason)
        if dry_run:
            transaction.set_rollback(True)
        else:
            data_changed()
        return result


def _member_wanted(row: MemberRow, party: Party) -> dict:
    """What the member list says of a person, field by field."""
    wanted = {
        "name": row.name,
        "party_id": party.pk,
        "constituency": row.constituency,
        "house": row.extra["house"],
        "is_sitting": True,
        "on_roll": True,
    }
    if row.member_id:
        wanted["member_id"] = row.member_id
    if "role" in row.extra:
        wanted["role"] = row.extra["role"]
    if row.extra.get("bench"):
        wanted["bench"] = row.extra["bench"]
    return wanted


@transaction.atomic
def members_import(*, text: str, dry_run: bool = False) -> MemberImportResult:
    """Add or update members from CSV text; all rows or none.

    A member already held is found by member id, then by name. Re-running the same file changes
    nothing; a party switch or new role is saved with a history record saying what changed.
    """
    rows, problems = _parse(text)
    if problems:
        raise MemberImportError(problems)
    roll = Roll(Politician.objects.all(), "Member import", problems)
    for row in rows:
        found, politician = roll.find(row)
        if not found:
            continue
        wanted = _member_wanted(row, roll.party(row.party))
        if politician is None:
            sort_name = row.extra.get("sort_name") or sort_name_for(row.name)
            roll.create(name=row.name, place=row.constituency, sort_name=sort_name, wanted=wanted)
        else:
            roll.changes.want(politician, wanted)
    return roll.save(created_reason="Member import", dry_run=dry_run)


# The frontbench --------------------------------------------------------------------------------

PEER_TITLE = re.compile(
    r"^(?P<title>(?:Lord|Baroness|Viscount|Viscountess|Earl|Countess|Duke|Duchess|Marquess"
    r"|Bishop)(?: of)?) (?P<rest>.+)$"
)


def sort_name_for_peer(name: str) -> str:
    """“Lord Ahmad of Wimbledon” → “Ahmad of Wimbledon, Lord”: a peer is found by title name."""
    match = PEER_TITLE.match(name)
    if not match:
        return sort_name_for(name)
    return f"{match['rest']}, {match['title']}"


@dataclass(frozen=True)
class FrontbenchRow(ListedRow):
    member_id: int | None
    house: str
    role: str
    side: str


def _parse_frontbench(text: str) -> tuple[list[FrontbenchRow], list[ImportProblem]]:
    member_ids = MemberIds()
    names = SeenNames("name", "is also on")

    def frontbench_row(row: CheckedRow, header: list[str]) -> FrontbenchRow | None:
        # A member id may be missing: one MP (Scott Benton) has none in any public file.
        row.require(*(column for column in FRONTBENCH_COLUMNS if column != "mnis_id"))
        row.fits("name", "name")
        row.fits("role", "role")
        house = row.one_of("house", ["commons", "lords"])
        side = row.one_of("side", [GOVERNMENT, OPPOSITION])
        row.source()
        member_id = member_ids.check(row)
        if row["name"]:
            names.check(row, row["name"].casefold())
        if not row.ok:
            return None
        return FrontbenchRow.of(
            row, member_id=member_id, house=FRONTBENCH_HOUSES[house], role=row["role"], side=side
        )

    return _parse_rows(text, FRONTBENCH_COLUMNS, frontbench_row)


def as_of_from_file_name(name: str) -> datetime.date | None:
    """The date a list is dated in its file name: uk-frontbench-2023-03-16.csv → 16 March 2023."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _frontbencher(row: FrontbenchRow, roll: Roll) -> tuple[bool, Politician | None]:
    """The person a frontbench row means, in the House it names; (False, None) on a problem."""
    politician = roll.by_member_id.get(row.member_id) if row.member_id else None
    if politician is not None and politician.house != row.house:
        house_label = "the Commons" if row.house == House.COMMONS else "the Lords"
        roll.problem(
            row,
            "mnis_id",
            f"{row.member_id} is held for {politician.name}, who does not sit in {house_label}",
        )
        return False, None
    return roll.find(row, houses=[row.house])


def _check_minister_mp(row: FrontbenchRow, politician: Politician | None, roll: Roll) -> bool:
    """The member list is the record of who sits for which party; this file only adds the
    post. An MP it does not know, or a different party, means the two files disagree."""
    if politician is None or not politician.is_sitting:
        roll.problem(
            row, "name", f"“{row.name}” is not a sitting MP we hold; import the members first"
        )
        return False
    held_party = next((p for p in roll.parties.values() if p.pk == politician.party_id), None)
    if held_party is None or held_party.name != row.party:
        roll.problem(
            row,
            "party",
            f"“{row.party}” is not {row.name}'s party in the member list "
            f"({held_party.name if held_party else 'no party'})",
        )
        return False
    return True


def _mark_backbenchers(roll: Roll, rows: list[FrontbenchRow], on_file: set[int], as_of) -> None:
    """The government side of the file is complete (every minister and government whip in the
    IfG Ministers Database on that date), so an MP of a governing party who is not on it was
    on the backbenches. The opposition and smaller parties' lists are known to be partial:
    calling their other MPs "backbench" would state something no source says, so their bench
    is left as it is (“not known” unless a dated source set it)."""
    governing = {roll.parties[row.party].pk for row in rows if row.side == GOVERNMENT}
    for politician in roll.politicians:
        if (
            politician.house == House.COMMONS
            and politician.is_sitting
            and politician.party_id in governing
            and politician.pk not in on_file
        ):
            roll.changes.want(
                politician,
                {"bench": Bench.BACK, "bench_as_of": as_of},
                note=" (a governing party's MP who holds no government post)",
            )


@transaction.atomic
def frontbench_import(
    *, text: str, as_of: datetime.date, dry_run: bool = False
) -> MemberImportResult:
    """Set the role and bench of everyone on the frontbench on `as_of`; all rows or none.

    An MP is found by member id, then by name, and must be held already (import the members
    first). A peer is found by member id, then by name among the peers held, and is added as a
    sitting member of the Lords when not held. Re-running the same file changes nothing.
    """
    rows, problems = _parse_frontbench(text)
    if problems:
        raise MemberImportError(problems)
    reason = f"Frontbench import, as of {as_of.day} {as_of:%B %Y}"
    roll = Roll(Politician.objects.all(), reason, problems)
    on_file: set[int] = set()
    for row in rows:
        found, politician = _frontbencher(row, roll)
        if not found:
            continue
        wanted = {"role": row.role, "bench": Bench.FRONT, "bench_as_of": as_of, "on_roll": True}
        if row.house == House.COMMONS:
            if not _check_minister_mp(row, politician, roll):
                continue
        else:
            wanted.update(
                name=row.name,
                party_id=roll.party(row.party).pk,
                house=House.LORDS,
                is_sitting=True,
                member_id=row.member_id,
            )
            if politician is None:
                sort_name = sort_name_for_peer(row.name)
                roll.create(name=row.name, place="", sort_name=sort_name, wanted=wanted)
                continue
        on_file.add(politician.pk)
        roll.changes.want(politician, wanted)
    if problems:
        raise MemberImportError(problems)
    _mark_backbenchers(roll, rows, on_file, as_of)
    return roll.save(
        created_reason=f"{reason}: added as a member of the House of Lords", dry_run=dry_run
    )


# The devolved legislatures ---------------------------------------------------------------------


@dataclass(frozen=True)
class DevolvedRow(ListedRow):
    house: str
    constituency: str


def _parse_devolved(text: str) -> tuple[list[DevolvedRow], list[ImportProblem]]:
    names = SeenNames("name", "in the same legislature is also on")

    def devolved_row(row: CheckedRow, header: list[str]) -> DevolvedRow | None:
        row.require(*DEVOLVED_COLUMNS)
        row.fits("name", "name")
        row.fits("constituency_or_region", "constituency")
        house = row.one_of("legislature", DEVOLVED_HOUSES)
        if row["name"] and row.ok:
            names.check(row, (house, row["name"].casefold()))
        if not row.ok:
            return None
        return DevolvedRow.of(row, house=house, constituency=row["constituency_or_region"])

    return _parse_rows(text, DEVOLVED_COLUMNS, devolved_row)


@transaction.atomic
def devolved_import(*, text: str, dry_run: bool = False) -> MemberImportResult:
    """Add or update the members of the devolved legislatures; all rows or none.

    A member is found by name within their legislature: the lists carry no member ids, and the
    same name can sit in two places (Douglas Ross was an MP and an MSP; two Gareth Davieses sat
    in the Commons and the Senedd). Re-running the same file changes nothing.
    """
    rows, problems = _parse_devolved(text)
    if problems:
        raise MemberImportError(problems)
    roll = Roll(Politician.objects.filter(house__in=DEVOLVED_HOUSES), "Devolved import", problems)
    for row in rows:
        candidates = roll.named(row.name, [row.house])
        if len(candidates) > 1:
            roll.problem(row, "name", f"“{row.name}” matches several people held")
            continue
        wanted = {
            "name": row.name,
            "party_id": roll.party(row.party).pk,
            "house": row.house,
            "constituency": row.constituency,
            "is_sitting": True,
            "on_roll": True,
        }
        if candidates:
            roll.changes.want(candidates[0], wanted)
        else:
            sort_name = sort_name_for(row.name)
            roll.create(name=row.name, place=row.constituency, sort_name=sort_name, wanted=wanted)
    return roll.save(created_reason="Devolved import", dry_run=dry_run)


@transaction.atomic
def politician_update_role(*, politician: Politician, role: str, actor, reason: str) -> Politician:
    """Set a person's current role; their history keeps the old one, who changed it and why.

    Nothing is saved when the role is already this one, so re-running an import adds no
    history. Raises ValidationError for a role the model refuses (too long).
    """
    role = role.strip()
    if politician.role == role:
        return politician
    data_changed()
    politician.role = role
    politician.full_clean(validate_unique=False)
    politician._change_reason = reason
    # Imports run outside a request; the history must still say who changed it.
    politician._history_user = actor
    politician.save(update_fields=["role"])
    return politician


def public_records_out_of_reach(*, user, politicians: Iterable[Politician]) -> set[int]:
    """The ids among `politicians` whose details `user` may not change. One query.

    What the public sees about people and parties changes only by a reviewer's hand (the
    `change_public_record` permission). Anyone who may edit people may still edit someone
    nobody sees yet: a person added by hand is public only once a reviewer publishes one of
    their statements.
    """
    if user.has_perm("politicians.change_public_record"):
        return set()
    held = [politician.pk for politician in politicians if politician.pk is not None]
    return set(Politician.objects.public().filter(pk__in=held).values_list("pk", flat=True))


def may_change_public_record(*, user, politician: Politician | None = None) -> bool:
    """Whether `user` may change this person's details (or, with none given, parties')."""
    if politician is None:
        return user.has_perm("politicians.change_public_record")
    return not public_records_out_of_reach(user=user, politicians=[politician])


@transaction.atomic
def politician_update(*, politician: Politician, fields: dict, actor, reason: str) -> Politician:
    """Set the fields that differ; their history says who changed them and why. Nothing is
    saved when nothing differs, so re-running a command adds no history."""
    changed = {key: value for key, value in fields.items() if getattr(politician, key) != value}
    if not changed:
        return politician
    data_changed()
    for key, value in changed.items():
        setattr(politician, key, value)
    politician.full_clean(validate_unique=False)
    politician._change_reason = reason
    politician._history_user = actor
    politician.save(update_fields=list(changed))
    return politician


@transaction.atomic
def politician_add(*, slug: str, actor, reason: str, **fields) -> Politician:
    """The person held under this slug, else a new one with these fields (checked first)."""
    held = Politician.objects.filter(slug=slug).first()
    if held is not None:
        return held
    politician = Politician(slug=slug, **fields)
    politician.full_clean()
    data_changed()
    politician._change_reason = reason
    politician._history_user = actor
    politician.save()
    return politician
