"""Bulk entry of statements from a CSV: one validator for the command line and the admin.

Every row is checked before anything is written; a file with any bad row writes nothing. Each
problem names its row as a spreadsheet numbers it (the header is row 1) and the column at fault.
Imported statements are drafts, saved through statement_save_draft like any typed-in quote.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from politicians.models import House, Party, Politician, sort_name_for, unique_slug_for

from .models import Position, SourceKind, Statement, Topic, validate_web_url
from .services import statement_save_draft, words_nearly_match

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
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

IMPORT_USERNAME = "import"


@dataclass(frozen=True)
class ImportProblem:
    row: int  # as a spreadsheet shows it: the header is row 1
    field: str
    message: str

    def __str__(self):
        return f"row {self.row}, {self.field}: {self.message}"


class StatementImportError(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass
class CheckedRow:
    """One data row after checking: a statement ready to save, or the reasons it is not."""

    number: int
    values: dict
    statement: Statement | None = None
    new_speaker: Politician | None = None
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


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    if not rows:
        return [], []
    header = [name.strip() for name in rows[0]]
    return header, [dict(zip(header, cells, strict=False)) for cells in rows[1:] if any(cells)]


def check_header(header: list[str]) -> list[ImportProblem]:
    return [
        ImportProblem(1, column, "column is missing from the header")
        for column in HEADER
        if column not in header
    ]


class _Lookups:
    """What the rows refer to, fetched once for the whole file rather than once a row."""

    def __init__(self, rows: list[dict]):
        member_ids = {int(v) for r in rows if (v := _text(r, "member_id")).isdigit()}
        names = {_text(r, "speaker").casefold() for r in rows if _text(r, "speaker")}
        name_q = Q(pk__in=[])
        for name in names:
            name_q |= Q(name__iexact=name)
        speakers = Politician.objects.filter(Q(member_id__in=member_ids) | name_q)
        self.by_member_id = {p.member_id: p for p in speakers if p.member_id}
        self.by_name: dict[str, list[Politician]] = {}
        for politician in speakers:
            self.by_name.setdefault(politician.name.casefold(), []).append(politician)
        self.parties: dict[str, Party] = {}
        for party in Party.objects.all():
            self.parties[party.name.casefold()] = party
            self.parties[party.slug.casefold()] = party
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self.default_topic = Topic.objects.default()
        self.held_words: dict[int, list[tuple[int, str, str]]] = {}
        held = Statement.objects.filter(politician__in=speakers).values_list(
            "politician_id", "pk", "words", "source_url"
        )
        for politician_id, pk, words, url in held:
            self.held_words.setdefault(politician_id, []).append((pk, words, url))
        self.taken_slugs = set(Politician.objects.values_list("slug", flat=True))
        self.new_speakers: dict[str, Politician] = {}


def _text(row: dict, column: str) -> str:
    return (row.get(column) or "").strip()


def _check_speaker(checked: CheckedRow, lookups: _Lookups) -> Politician | None:
    values = checked.values
    name, member_id_text = values["speaker"], values["member_id"]
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
            return lookups.by_member_id[member_id]
    candidates = [
        p
        for p in lookups.by_name.get(name.casefold(), [])
        if member_id is None or p.member_id in (None, member_id)
    ]
    if len(candidates) > 1:
        checked.problem("speaker", f"“{name}” matches several people; add their member id")
        return None
    if candidates:
        return candidates[0]
    if name.casefold() in lookups.new_speakers:
        return lookups.new_speakers[name.casefold()]
    # Peers and members of devolved legislatures are not in the member list: add them, but only
    # with enough to place them on the public pages.
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
    lookups.new_speakers[name.casefold()] = speaker
    checked.new_speaker = speaker
    return speaker


def _parse_date(checked: CheckedRow) -> datetime.date | None:
    text = checked.values["date"]
    if not text:
        checked.problem("date", "is empty")
        return None
    for date_format in DATE_FORMATS:
        try:
            said_on = datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007
        except ValueError:
            continue
        if said_on > timezone.localdate():
            checked.problem("date", f"{said_on:%Y-%m-%d} is in the future")
            return None
        return said_on
    checked.problem("date", f"“{text}” is not a date; write it as YYYY-MM-DD")
    return None


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
    said_on = _parse_date(checked)
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
        outlet=values["outlet"],
        source_url=source_url,
        source_kind=source_kind,
        archive_url=archive_url,
        context=values["context"],
        position=position,
    )
    try:
        # A speaker added by this file has no primary key yet; everything else is checked.
        statement.full_clean(exclude=["politician"], validate_unique=False)
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
    seen: list[CheckedRow] = []
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
        for earlier in seen:
            if earlier.statement.politician is not speaker or not words_nearly_match(
                statement.words, earlier.statement.words
            ):
                continue
            if earlier.statement.source_url == statement.source_url:
                checked.problem("words", f"row {earlier.number} has these words from this url")
            else:
                checked.warn("words", f"nearly the same words as row {earlier.number}")
        seen.append(checked)


def check_rows(header: list[str], rows: list[dict]) -> list[CheckedRow]:
    """Check every row of a file; raise StatementImportError listing every problem found."""
    problems = check_header(header)
    if problems:
        raise StatementImportError(problems)
    lookups = _Lookups(rows)
    checked_rows = [check_row(number, row, lookups) for number, row in enumerate(rows, start=2)]
    _check_duplicates(checked_rows, lookups)
    return checked_rows


def problems_of(checked_rows: list[CheckedRow]) -> list[ImportProblem]:
    return [problem for checked in checked_rows for problem in checked.problems]


def save_row(checked: CheckedRow, *, actor) -> Statement:
    """Write one checked row: its new speaker if any, then the statement as a draft."""
    statement = checked.statement
    speaker = statement.politician
    if speaker.pk is None:
        speaker.full_clean(validate_unique=False)
        speaker._change_reason = f"Added by a statement import (row {checked.number})"
        speaker._history_user = actor
        speaker.save()
        statement.politician = speaker  # re-read the primary key the save just gave it
    statement._change_reason = f"Imported (row {checked.number})"
    return statement_save_draft(statement=statement, actor=actor)


@dataclass
class StatementImportResult:
    statements: list[Statement]
    new_speakers: list[Politician]
    warnings: list[ImportProblem]


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
        statements = [save_row(checked, actor=actor) for checked in checked_rows]
        result = StatementImportResult(
            statements=statements,
            new_speakers=[c.new_speaker for c in checked_rows if c.new_speaker],
            warnings=[warning for checked in checked_rows for warning in checked.warnings],
        )
        if dry_run:
            transaction.set_rollback(True)
    return result
