"""Bulk entry of statements from a CSV: one validator for the command line and the admin.

Every row is checked before anything is written; a file with any bad row writes nothing. Each
problem names its row as a spreadsheet numbers it (the header is row 1) and the column at fault.
Imported statements are drafts, checked by the same service code as any typed-in quote
(statement_save_draft; a whole file is written in bulk by statements_create_drafts).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.imports import ImportProblem, ImportRefused, import_limits_problem
from politicians.models import House, Party, Politician, sort_name_for, unique_slug_for
from politicians.names import NameMatcher, may_be_the_same_name
from politicians.services import politician_update_role, public_records_out_of_reach

from .models import DatePrecision, Position, SourceKind, Statement, Topic, validate_web_url
from .services import statement_save_draft, statements_create_drafts, words_nearly_match

HEADER = (
    "speaker",
    "member_id",
    "party",
    "house",
    "role",
    "date",
    "words",
    "is_paraphrase",
    "outlet",
    "url",
    "source_kind",
    "archive_url",
    "position",
    "context",
    "topic",
)

# The model's names for the columns whose CSV names are shorter, so model errors name the column.
COLUMN_FOR_FIELD = {
    "said_on": "date",
    "source_url": "url",
    "politician": "speaker",
}
TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"", "no", "n", "false", "0"}
# A source that says only “in March 2023” is imported as 2023-03, month precision; “in 2023”
# as 2023. DD/MM/YYYY is what a British spreadsheet writes a day as.
DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
MONTH_PATTERN = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
YEAR_PATTERN = re.compile(r"(?P<year>\d{4})")
ROLE_MAX_LENGTH = Politician._meta.get_field("role").max_length

IMPORT_USERNAME = "import"


class StatementImportError(ImportRefused):
    """One or more rows of a statements file are wrong; nothing was written."""


@dataclass(frozen=True)
class RoleChange:
    """A row's role for a person we hold, where it differs from the role held."""

    row: int
    politician: Politician
    old: str
    new: str

    def __str__(self):
        old = f"“{self.old}”" if self.old else "no role"
        return f"{self.politician.name}: role will change from {old} to “{self.new}”"


@dataclass
class CheckedRow:
    """One data row after checking: a statement ready to save, or the reasons it is not."""

    number: int
    values: dict
    statement: Statement | None = None
    new_speaker: Politician | None = None
    role_change: RoleChange | None = None
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(ImportProblem(self.number, column, message))

    def warn(self, column: str, message: str) -> None:
        self.warnings.append(ImportProblem(self.number, column, message))


def import_user():
    """The account imports from the command line are entered by; it can never log in."""
    user, created = get_user_model().objects.get_or_create(
        username=IMPORT_USERNAME, defaults={"is_staff": False}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


# A quote, a context or a name longer than this is not one but a pasted page (or an attack on
# the importer's memory): the row is refused, with its length.
MAX_FIELD_CHARACTERS = 10_000


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    """The header and the rows of a CSV, or StatementImportError naming every broken row.

    Strict where a spreadsheet program is lenient: an unclosed quotation mark, a NUL byte, a
    field past MAX_FIELD_CHARACTERS, a column named twice or not ours, and a row with more or
    fewer cells than the header are each a problem of their row, and nothing is imported.
    """
    limit = import_limits_problem(size=len(text.encode("utf-8", "surrogatepass")))
    if limit:
        raise StatementImportError([limit])
    text = text.lstrip("\ufeff")
    problems = [
        ImportProblem(number, "file", "has a NUL byte: the file is not plain text")
        for number, line in enumerate(text.splitlines(), start=1)
        if "\x00" in line
    ]
    if problems:
        raise StatementImportError(problems)
    records = _csv_records(text)
    if not records:
        return [], []
    header = [name.strip() for name in records[0][1]]
    problems = _header_problems(header)
    rows = _rows_of(header, records[1:], problems)
    if problems:
        raise StatementImportError(problems)
    return header, rows


def _csv_records(text: str) -> list[tuple[int, list[str]]]:
    """Each record with the file line it ends on; a broken quotation mark or too many rows
    stop the import at once."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records = []
    try:
        for cells in reader:
            records.append((reader.line_num, cells))
            if len(records) > settings.WTS_IMPORT_MAX_ROWS + 1:
                raise StatementImportError([
                    ImportProblem(
                        reader.line_num, "file",
                        f"has more than {settings.WTS_IMPORT_MAX_ROWS:,} rows, the most one "
                        "import takes. Split it into smaller files.",
                    )
                ])  # fmt: skip
    except csv.Error as error:
        # Nothing after a broken quotation mark can be trusted to be where it seems.
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"has a field longer than {MAX_FIELD_CHARACTERS:,} characters"
        elif "unexpected end of data" in reason or "quote" in reason:
            reason = f"has a quotation mark that is never closed ({reason})"
        raise StatementImportError([ImportProblem(reader.line_num, "file", reason)]) from error
    return records


def _header_problems(header: list[str]) -> list[ImportProblem]:
    problems, seen = [], set()
    for name in header:
        if name in seen:
            problems.append(ImportProblem(1, name, "column appears twice in the header"))
        elif name not in HEADER:
            problems.append(
                ImportProblem(1, name or "(blank)", "is not a column this import reads")
            )
        seen.add(name)
    return problems


def _rows_of(header: list[str], records, problems: list[ImportProblem]) -> list[dict]:
    """The data rows as dicts; a row of the wrong width or with an overlong cell is a problem."""
    rows = []
    for position, (line, cells) in enumerate(records, start=2):
        if not any(cells):
            continue
        if len(cells) != len(header):
            problems.append(
                ImportProblem(
                    position, "file",
                    f"has {len(cells)} cells but the header names {len(header)} columns "
                    f"(line {line} of the file)",
                )
            )  # fmt: skip
            continue
        for name, cell in zip(header, cells, strict=True):
            if len(cell) > MAX_FIELD_CHARACTERS:
                problems.append(
                    ImportProblem(
                        position, name,
                        f"is {len(cell):,} characters; the longest a field may be is "
                        f"{MAX_FIELD_CHARACTERS:,}",
                    )
                )  # fmt: skip
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def check_header(header: list[str]) -> list[ImportProblem]:
    return [
        ImportProblem(1, column, "column is missing from the header")
        for column in HEADER
        if column not in header
    ]


class _Lookups:
    """What the rows refer to, fetched once for the whole file rather than once a row."""

    def __init__(self, rows: list[dict]):
        # Everyone held, in one query: names are compared after taking off titles, accents and
        # hyphens, which no lookup does alike on SQLite and PostgreSQL. That is the 650 MPs plus
        # the peers and devolved members added since, a few thousand rows at most.
        people = list(Politician.objects.select_related("party"))
        self.by_member_id = {p.member_id: p for p in people if p.member_id}
        self.names = NameMatcher(people)
        self.parties: dict[str, Party] = {}
        for party in Party.objects.all():
            self.parties[party.name.casefold()] = party
            self.parties[party.slug.casefold()] = party
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self.default_topic = Topic.objects.default()
        speaker_ids = {p.pk for r in rows for p in self.names.exact(_text(r, "speaker"))}
        speaker_ids |= {
            self.by_member_id[int(v)].pk
            for r in rows
            if (v := _text(r, "member_id")).isdigit() and int(v) in self.by_member_id
        }
        self.held_words: dict[int, list[tuple[int, str, str]]] = {}
        held = Statement.objects.filter(politician_id__in=speaker_ids).values_list(
            "politician_id", "pk", "words", "source_url"
        )
        for politician_id, pk, words, url in held:
            self.held_words.setdefault(politician_id, []).append((pk, words, url))
        self.taken_slugs = {p.slug for p in people}
        self.new_speakers: NameMatcher[Politician] = NameMatcher([])
        self.new_speaker_rows: dict[int, int] = {}  # id() of a new speaker → its first row
        # id() of a speaker → the first row giving them a role, and that role.
        self.roles_given: dict[int, tuple[int, str]] = {}


def _text(row: dict, column: str) -> str:
    return (row.get(column) or "").strip()


def _describe(politician: Politician, lookups: _Lookups) -> str:
    """Enough to tell two people of one name apart: party, seat or house, member id."""
    if politician.pk is None:
        return f"{politician.name} (added by row {lookups.new_speaker_rows[id(politician)]})"
    details = [
        politician.party.name if politician.party else "no party",
        politician.constituency or politician.get_house_display(),
    ]
    if politician.member_id:
        details.append(f"member id {politician.member_id}")
    return f"{politician.name} ({', '.join(details)})"


# A name not found among the people held: the row may add them as a new speaker.
_NOT_HELD = object()


def _check_speaker(checked: CheckedRow, lookups: _Lookups) -> Politician | None:
    """The row's speaker: held (by member id, else by name), or new; None with a problem."""
    name, member_id_text = checked.values["speaker"], checked.values["member_id"]
    if not name:
        checked.problem("speaker", "is empty")
        return None
    member_id = None
    if member_id_text:
        if not member_id_text.isdigit() or int(member_id_text) == 0:
            checked.problem("member_id", f"“{member_id_text}” is not a member id")
            return None
        member_id = int(member_id_text)
        if member_id in lookups.by_member_id:
            return _held_with_member_id(checked, lookups.by_member_id[member_id], lookups)
    found = _speaker_by_name(checked, name, member_id, lookups)
    if found is not _NOT_HELD:
        return found
    return _new_speaker(checked, name, member_id, lookups)


def _held_with_member_id(checked: CheckedRow, held: Politician, lookups) -> Politician | None:
    # A mistyped id would put the quote on someone else without a word: the name must at least
    # look like theirs (“Mrs A. Kearns” for Alicia Kearns will do).
    name = checked.values["speaker"]
    if not may_be_the_same_name(held.name, name):
        checked.problem(
            "member_id",
            f"{held.member_id} is {_describe(held, lookups)}, not “{name}”; check the id",
        )
        return None
    return held


def _speaker_by_name(checked: CheckedRow, name: str, member_id: int | None, lookups):
    """The one person held (or added by an earlier row) under this name; None with a problem
    when several are, or when the name only resembles someone's; _NOT_HELD when nobody is."""

    def could_be(people: list[Politician]) -> list[Politician]:
        # Someone held under another member id is someone else, whatever their name.
        return [p for p in people if member_id is None or p.member_id in (None, member_id)]

    candidates = could_be(lookups.names.exact(name))
    if len(candidates) > 1:
        checked.problem(
            "speaker",
            f"“{name}” matches several people: "
            f"{'; '.join(_describe(p, lookups) for p in candidates)}; add their member id",
        )
        return None
    if candidates:
        return candidates[0]
    added = could_be(lookups.new_speakers.exact(name))
    if added:
        return added[0]
    # A name nobody holds that looks like one we do is a misspelling far more often than a new
    # person: stop and ask rather than add a second Lindsay Hoyle.
    alike = could_be(lookups.names.resembling(name) + lookups.new_speakers.resembling(name))
    if alike:
        checked.problem(
            "speaker",
            f"“{name}” is not held, but resembles "
            f"{'; '.join(_describe(p, lookups) for p in alike)}: write the name exactly as "
            "held, or give the member id. If this is someone else, add them in the admin first.",
        )
        return None
    return _NOT_HELD


def _new_speaker(
    checked: CheckedRow, name: str, member_id: int | None, lookups
) -> Politician | None:
    """Peers and members of devolved legislatures are not in the member list: add them, but
    only with enough to place them on the public pages."""
    values = checked.values
    house, party_name = values["house"], values["party"]
    reasons = []
    if house not in House.values:
        reasons.append(
            f"house “{house}” is not one of {', '.join(House.values)}"
            if house
            else "house is empty"
        )
    party = lookups.parties.get(party_name.casefold()) if party_name else None
    if party is None:
        reasons.append(f"party “{party_name}” is not held" if party_name else "party is empty")
    if reasons:
        checked.problem(
            "speaker",
            f"“{name}” is not held; to add them the row needs a house and a known party "
            f"({'; '.join(reasons)})",
        )
        return None
    slug = unique_slug_for(name, lookups.taken_slugs)
    lookups.taken_slugs.add(slug)
    speaker = Politician(
        name=name,
        sort_name=sort_name_for(name),
        slug=slug,
        party=party,
        house=house,
        role=values["role"],
        member_id=member_id,
        is_sitting=True,
    )
    lookups.new_speakers.add(speaker)
    lookups.new_speaker_rows[id(speaker)] = checked.number
    checked.new_speaker = speaker
    return speaker


def _check_role(checked: CheckedRow, speaker: Politician, lookups: _Lookups) -> None:
    """A row's role is the speaker's current role: it changes the role of someone we hold.

    One person has one current role, so two rows giving them different roles is an error.
    """
    role = checked.values["role"]
    if not role:
        return
    if len(role) > ROLE_MAX_LENGTH:
        checked.problem("role", f"is longer than {ROLE_MAX_LENGTH} characters")
        return
    first = lookups.roles_given.setdefault(id(speaker), (checked.number, role))
    if first[1] != role:
        checked.problem(
            "role", f"“{role}” differs from “{first[1]}” on row {first[0]} for {speaker.name}"
        )
        return
    if first[0] == checked.number and speaker.pk is not None and speaker.role != role:
        checked.role_change = RoleChange(checked.number, speaker, speaker.role, role)


def _parse_date(checked: CheckedRow) -> tuple[datetime.date | None, str]:
    """The date a row gives, as the start of its period, and how exact it is."""
    text = checked.values["date"]
    if not text:
        checked.problem("date", "is empty")
        return None, DatePrecision.DAY
    said_on, precision, shown = None, DatePrecision.DAY, ""
    if match := MONTH_PATTERN.fullmatch(text):
        year, month = int(match["year"]), int(match["month"])
        if 1 <= month <= 12 and year >= 1:
            said_on, precision = datetime.date(year, month, 1), DatePrecision.MONTH
            shown = f"{said_on:%Y-%m}"
    elif match := YEAR_PATTERN.fullmatch(text):
        if int(match["year"]) >= 1:
            said_on, precision = datetime.date(int(match["year"]), 1, 1), DatePrecision.YEAR
            shown = f"{said_on:%Y}"
    else:
        for date_format in DAY_FORMATS:
            try:
                said_on = datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007
            except ValueError:
                continue
            shown = f"{said_on:%Y-%m-%d}"
            break
    if said_on is None:
        checked.problem(
            "date", f"“{text}” is not a date; write it as YYYY-MM-DD, or YYYY-MM or YYYY"
        )
        return None, precision
    # A month or year that has begun is not in the future: “March” is fine on 2 March.
    if said_on > timezone.localdate():
        checked.problem("date", f"{shown} is in the future")
        return None, precision
    return said_on, precision


def _check_choice(checked: CheckedRow, column: str, allowed: list[str]) -> str:
    value = checked.values[column]
    if value not in allowed:
        shown = f"“{value}”" if value else "empty"
        checked.problem(column, f"{shown} is not one of {', '.join(allowed)}")
    return value


def _check_url(checked: CheckedRow, column: str, *, required: bool) -> str:
    value = checked.values[column]
    if not value:
        if required:
            checked.problem(column, "is empty")
        return ""
    try:
        validate_web_url(value)
    except ValidationError:
        checked.problem(column, f"“{value}” is not a web address starting http:// or https://")
    return value


def check_row(number: int, row: dict, lookups: _Lookups) -> CheckedRow:
    checked = CheckedRow(number=number, values={column: _text(row, column) for column in HEADER})
    values = checked.values
    speaker = _check_speaker(checked, lookups)
    if speaker is not None:
        _check_role(checked, speaker, lookups)
    said_on, precision = _parse_date(checked)
    for column in ("words", "outlet"):
        if not values[column]:
            checked.problem(column, "is empty")
    paraphrase = values["is_paraphrase"].casefold()
    if paraphrase not in TRUE_WORDS | FALSE_WORDS:
        checked.problem("is_paraphrase", f"“{values['is_paraphrase']}” is not yes or no")
    source_url = _check_url(checked, "url", required=True)
    archive_url = _check_url(checked, "archive_url", required=False)
    source_kind = _check_choice(checked, "source_kind", SourceKind.values)
    position = _check_choice(checked, "position", Position.values)
    topic = lookups.topics.get(values["topic"]) if values["topic"] else lookups.default_topic
    if topic is None:
        checked.problem("topic", f"there is no topic “{values['topic']}”")
    if checked.problems:
        return checked

    statement = Statement(
        politician=speaker,
        topic=topic,
        words=values["words"],
        is_paraphrase=paraphrase in TRUE_WORDS,
        said_on=said_on,
        said_on_precision=precision,
        outlet=values["outlet"],
        source_url=source_url,
        source_kind=source_kind,
        archive_url=archive_url,
        context=values["context"],
        position=position,
    )
    try:
        # A speaker added by this file has no primary key yet, and the topic was found by the
        # lookups. Django checks a foreign key, and each check constraint, with a query: a
        # query a row, for what the fields' own checks (choices) already said. The database
        # still enforces every constraint when the row is written.
        statement.full_clean(
            exclude=["politician", "topic"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                checked.problem(COLUMN_FOR_FIELD.get(name, name), message)
        return checked
    checked.statement = statement
    return checked


def _check_duplicates(checked_rows: list[CheckedRow], lookups: _Lookups) -> None:
    """Same speaker, same words, same source: the file, or this row, was imported already.

    That is an error, because re-running a file must not double the record. Nearly the same
    words from a different source is a warning only: MPs repeat themselves to several outlets,
    and each report is worth holding; the reviewer sees the warning's twin before publishing.
    """
    # Earlier rows by speaker (the same Politician object, held or new): a row is compared with
    # its own speaker's rows only, not with every row before it (25 million pairs in 5,000 rows).
    seen: dict[int, list[CheckedRow]] = {}
    for checked in checked_rows:
        statement = checked.statement
        if statement is None:
            continue
        speaker = statement.politician
        held = lookups.held_words.get(speaker.pk, []) if speaker.pk else []
        for pk, words, url in held:
            if not words_nearly_match(statement.words, words):
                continue
            if url == statement.source_url:
                checked.problem("words", f"statement {pk} already holds these words from this url")
            else:
                checked.warn("words", f"nearly the same words as statement {pk}, held already")
        for earlier in seen.get(id(speaker), []):
            if not words_nearly_match(statement.words, earlier.statement.words):
                continue
            if earlier.statement.source_url == statement.source_url:
                checked.problem("words", f"row {earlier.number} has these words from this url")
            else:
                checked.warn("words", f"nearly the same words as row {earlier.number}")
        seen.setdefault(id(speaker), []).append(checked)


# How many rows are checked between two reports of progress (a queued import shows them).
PROGRESS_EVERY = 500


def check_rows(
    header: list[str], rows: list[dict], *, actor=None, on_progress=None
) -> list[CheckedRow]:
    """Check every row of a file; raise StatementImportError listing every problem found.

    `actor` is the member of staff importing through the admin; a role change they may not
    make is a problem of its row. The command line (whoever holds the server) passes none.
    `on_progress(rows_checked)` is told every PROGRESS_EVERY rows, before anything is written.
    """
    problems = check_header(header)
    if problems:
        raise StatementImportError(problems)
    lookups = _Lookups(rows)
    checked_rows = []
    for number, row in enumerate(rows, start=2):
        checked_rows.append(check_row(number, row, lookups))
        if on_progress is not None and len(checked_rows) % PROGRESS_EVERY == 0:
            on_progress(len(checked_rows))
    _check_duplicates(checked_rows, lookups)
    if actor is not None:
        _check_role_permission(checked_rows, actor)
    return checked_rows


def _check_role_permission(checked_rows: list[CheckedRow], actor) -> None:
    """Only reviewers change the role of someone the public already sees (one query)."""
    changing = [checked for checked in checked_rows if checked.role_change]
    if not changing:
        return
    out_of_reach = public_records_out_of_reach(
        user=actor, politicians=[checked.role_change.politician for checked in changing]
    )
    for checked in changing:
        if checked.role_change.politician.pk in out_of_reach:
            checked.problem(
                "role",
                f"only a reviewer changes the role of {checked.role_change.politician.name}, "
                "whom the public already sees: leave it empty, or ask a reviewer to import "
                "this file",
            )


def problems_of(checked_rows: list[CheckedRow]) -> list[ImportProblem]:
    return [problem for checked in checked_rows for problem in checked.problems]


def _with_saved_speaker(checked: CheckedRow, *, actor) -> Statement:
    """Write a checked row's new speaker or their new role, if any; returns the row's statement,
    ready to be saved as a draft."""
    statement = checked.statement
    speaker = statement.politician
    if checked.role_change:
        politician_update_role(
            politician=speaker,
            role=checked.role_change.new,
            actor=actor,
            reason=f"Statement import row {checked.number}",
        )
    if speaker.pk is None:
        speaker.full_clean(validate_unique=False)
        speaker._change_reason = f"Added by a statement import (row {checked.number})"
        speaker._history_user = actor
        speaker.save()
    # Re-read the primary key the save gave the speaker: a statement assigned an unsaved person
    # keeps a null id, on this row and on every later row by the same new person.
    statement.politician = speaker
    statement._change_reason = f"Imported (row {checked.number})"
    return statement


def save_row(checked: CheckedRow, *, actor) -> Statement:
    """Write one checked row: its new speaker or their new role if any, then the statement as a
    draft. The admin's import (django-import-export) writes a row at a time."""
    return statement_save_draft(statement=_with_saved_speaker(checked, actor=actor), actor=actor)


def save_rows(checked_rows: list[CheckedRow], *, actor) -> list[Statement]:
    """Write every checked row, leaving what save_row a row at a time would: each row's new
    speaker or role first, in row order, then every statement as a draft in bulk."""
    return statements_create_drafts(
        statements=(_with_saved_speaker(checked, actor=actor) for checked in checked_rows),
        actor=actor,
    )


@dataclass
class StatementImportResult:
    statements: list[Statement]
    new_speakers: list[Politician]
    role_changes: list[RoleChange]
    warnings: list[ImportProblem]


def new_speakers_of(checked_rows: list[CheckedRow]) -> list[Politician]:
    return [checked.new_speaker for checked in checked_rows if checked.new_speaker]


def role_changes_of(checked_rows: list[CheckedRow]) -> list[RoleChange]:
    return [checked.role_change for checked in checked_rows if checked.role_change]


def statements_import(*, text: str, actor, dry_run: bool = False) -> StatementImportResult:
    """Import every row of a CSV as a draft, or nothing: the command line's way in."""
    header, rows = read_csv(text)
    if not header:
        raise StatementImportError([ImportProblem(1, "file", "is empty")])
    checked_rows = check_rows(header, rows)
    problems = problems_of(checked_rows)
    if problems:
        raise StatementImportError(problems)
    with transaction.atomic():
        statements = save_rows(checked_rows, actor=actor)
        result = StatementImportResult(
            statements=statements,
            new_speakers=new_speakers_of(checked_rows),
            role_changes=role_changes_of(checked_rows),
            warnings=[warning for checked in checked_rows for warning in checked.warnings],
        )
        if dry_run:
            transaction.set_rollback(True)
    return result
