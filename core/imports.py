"""The one shape of every CSV import: parse, check every row, then write all or nothing.

A problem names its row as a spreadsheet shows it (the header is row 1) and its column; an
import that finds any raises ImportRefused with all of them, having written nothing. The
commands read the file and report the same way (CsvImportCommand).
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from .rules import RuleBroken


@dataclass(frozen=True)
class ImportProblem:
    row: int  # numbered as a spreadsheet shows it: the header is row 1
    field: str
    message: str

    def __str__(self):
        return f"row {self.row}, {self.field}: {self.message}"


class ImportRefused(RuleBroken):
    """One or more rows of a file are wrong; nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def import_limits_problem(*, size: int) -> ImportProblem | None:
    """A file over WTS_IMPORT_MAX_BYTES is refused before a byte of it is parsed."""
    limit = settings.WTS_IMPORT_MAX_BYTES
    if size > limit:
        return ImportProblem(
            1, "file", f"is {size / 1_000_000:.1f} MB; the most one import takes is "
            f"{limit / 1_000_000:.1f} MB. Split it into smaller files."
        )  # fmt: skip
    return None


def read_csv_file(file: Path) -> str:
    """The file's text, or a command error that says what is wrong with it.

    Its size is checked first: a 50 MB file of newlines once took 4 GB of memory to parse.
    """
    try:
        too_big = import_limits_problem(size=file.stat().st_size)
        if too_big:
            raise CommandError(f"{file}: {too_big.field} {too_big.message}")
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise CommandError(f"{file}: no such file") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{file}: not UTF-8 text ({error.reason})") from error
    except OSError as error:
        raise CommandError(f"{file}: {error.strerror}") from error


class CsvImportCommand(BaseCommand):
    """A command that imports one CSV file with a service: `import_file` runs the service and
    `report` says what it did. Every problem is printed with the file's name; none is written."""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )

    def import_file(self, *, text: str, file: Path, dry_run: bool, **options):
        raise NotImplementedError

    def report(self, result, *, file: Path, dry_run: bool, verbosity: int) -> None:
        raise NotImplementedError

    def handle(self, *args, file: Path, dry_run: bool, verbosity: int = 1, **options):
        text = read_csv_file(file)
        try:
            result = self.import_file(text=text, file=file, dry_run=dry_run, **options)
        except ImportRefused as error:
            for problem in error.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
        self.report(result, file=file, dry_run=dry_run, verbosity=verbosity)
