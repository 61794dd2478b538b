"""Outreach records from a CSV, as a newsroom's survey spreadsheet holds them.

The same rules as the statement import: every row is checked before anything is written, a file
with any bad row writes nothing, and each problem names its row as a spreadsheet numbers it (the
header is row 1) and the column at fault.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from core.imports import ImportProblem, ImportRefused
from politicians.models import Politician
from politicians.names import NameMatcher
from politicians.services import politician_update
from statements.models import Statement, Topic

from .models import Method, Outcome, Outreach
from .services import outreach_save

HEADER = (
    "politician",
    "member_id",
    "topic",
    "asked_on",
    "method",
    "outcome",
    "outcome_on",
    "statement_id",
    "their_words",
    "notes",
    # The person's parliamentary contact address, kept on them for the next mail merge.
    "contact_email",
)
# Columns a file may leave out: a first survey has no answers yet.
OPTIONAL = {
    "outcome",
    "outcome_on",
    "statement_id",
    "their_words",
    "notes",
    "member_id",
    "contact_email",
}
COLUMN_FOR_FIELD = {"statement": "statement_id", "asked_by": "politician"}
DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class OutreachImportError(ImportRefused):
    """One or more rows of an outreach file are wrong; nothing was written."""


# A survey of every member of every House is a few thousand rows; more is a wrong file.
MAX_ROWS = 5000


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    """The header and the rows as dicts; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    if not rows:
        return [], []
    header = [name.strip() for name in rows[0]]
    return header, [dict(zip(header, cells, strict=False)) for cells in rows[1:] if any(cells)]


def _text(row: dict, column: str) -> str:
    return (row.get(column) or "").strip()


def _date(value: str) -> datetime.date | None:
    for day_format in DAY_FORMATS:
        try:
            return datetime.datetime.strptime(value, day_format).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


@dataclass
class _Lookups:
    """Everything the rows refer to, read once for the file, never once a row."""

    by_member_id: dict
    names: NameMatcher
    topics: dict
    default_topic: Topic | None
    statements: dict

    @classmethod
    def for_rows(cls, rows: list[dict]) -> "_Lookups":
        people = list(Politician.objects.all())
        ids = {int(v) for row in rows if (v := _text(row, "statement_id")).isdigit()}
        return cls(
            by_member_id={p.member_id: p for p in people if p.member_id},
            names=NameMatcher(people),
            topics={topic.slug: topic for topic in Topic.objects.all()},
            default_topic=Topic.objects.default(),
            statements=Statement.objects.in_bulk(ids),
        )


def _check_row(number: int, row: dict, lookups: _Lookups, actor) -> tuple[Outreach, str, list]:
    problems = []

    def problem(column, message):
        problems.append(ImportProblem(number, column, message))

    politician = _row_politician(row, lookups, problem)
    slug = _text(row, "topic")
    topic = lookups.topics.get(slug) if slug else lookups.default_topic
    if topic is None:
        problem("topic", f"“{slug}” is not a topic" if slug else "no topic is held")
    dates = _row_dates(row, problem)
    method = _row_choice(row, "method", Method.values, "", problem)
    outcome = _row_choice(row, "outcome", Outcome.values, Outcome.NO_REPLY, problem)
    statement = None
    statement_id = _text(row, "statement_id")
    if statement_id:
        statement = lookups.statements.get(int(statement_id)) if statement_id.isdigit() else None
        if statement is None:
            problem("statement_id", f"“{statement_id}” is not a statement held")
    contact_email = _text(row, "contact_email")
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            problem("contact_email", f"“{contact_email}” is not an email address")

    outreach = Outreach(
        politician=politician,
        topic=topic,
        asked_on=dates["asked_on"],
        method=method,
        asked_by=actor,
        outcome=outcome,
        outcome_on=dates["outcome_on"],
        statement=statement,
        their_words=_text(row, "their_words"),
        notes=_text(row, "notes"),
    )
    if not problems:
        try:
            # The relations were looked up above, for the whole file at once.
            outreach.full_clean(exclude=["politician", "topic", "asked_by", "statement"])
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                for message in messages:
                    problem(COLUMN_FOR_FIELD.get(field_name, field_name), message)
    return outreach, contact_email, problems


def _row_politician(row: dict, lookups: _Lookups, problem) -> Politician | None:
    """The row's politician: by member id when given, else by the name exactly as held."""
    member_id, name = _text(row, "member_id"), _text(row, "politician")
    if member_id:
        politician = lookups.by_member_id.get(int(member_id)) if member_id.isdigit() else None
        if politician is None:
            problem("member_id", f"“{member_id}” is not the member id of anyone held")
        return politician
    if not name:
        problem("politician", "is empty")
        return None
    found = lookups.names.exact(name)
    if len(found) == 1:
        return found[0]
    if found:
        problem("politician", f"“{name}” matches {len(found)} people: add their member id")
    else:
        problem("politician", f"“{name}” is not held: write the name as held, or the id")
    return None


def _row_dates(row: dict, problem) -> dict:
    dates = {}
    for column in ("asked_on", "outcome_on"):
        value = _text(row, column)
        dates[column] = _date(value) if value else None
        if value and dates[column] is None:
            problem(column, f"“{value}” is not a date (YYYY-MM-DD or DD/MM/YYYY)")
        elif column == "asked_on" and not value:
            problem(column, "is empty")
    return dates


def _row_choice(row: dict, column: str, values: list, default: str, problem) -> str:
    value = _text(row, column).lower() or default
    if value not in values:
        problem(column, f"“{value}” is not one of {', '.join(values)}")
    return value


def _rows_of(text: str) -> list[dict]:
    """The file's rows, once its header and size are right; refused whole otherwise."""
    try:
        header, rows = read_csv(text)
    except csv.Error as error:
        raise OutreachImportError([ImportProblem(1, "file", f"is not CSV ({error})")]) from error
    if not header:
        raise OutreachImportError([ImportProblem(1, "file", "is empty")])
    missing = [c for c in HEADER if c not in header and c not in OPTIONAL]
    if missing:
        raise OutreachImportError(
            [ImportProblem(1, column, "column is missing from the header") for column in missing]
        )
    if len(rows) > MAX_ROWS:
        raise OutreachImportError(
            [
                ImportProblem(
                    1, "file", f"has {len(rows):,} rows; split it into files of {MAX_ROWS:,}"
                )
            ]
        )
    return rows


def outreach_import(*, text: str, actor, dry_run: bool = False) -> list[Outreach]:
    """Record every row of a CSV as outreach by `actor`, or nothing if any row is wrong."""
    rows = _rows_of(text)
    lookups = _Lookups.for_rows(rows)
    checked = [_check_row(number, row, lookups, actor) for number, row in enumerate(rows, 2)]
    problems = [problem for *_, row_problems in checked for problem in row_problems]
    if problems:
        raise OutreachImportError(problems)
    with transaction.atomic():
        records = []
        for number, (outreach, contact_email, _) in enumerate(checked, 2):
            if contact_email:
                politician_update(
                    politician=outreach.politician,
                    fields={"contact_email": contact_email},
                    actor=actor,
                    reason=f"Outreach import row {number}",
                )
            records.append(outreach_save(outreach=outreach, actor=actor))
        if dry_run:
            transaction.set_rollback(True)
    return records
