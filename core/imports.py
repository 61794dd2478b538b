"""The one shape of every CSV import: parse, check every row, then write all or nothing.

A problem names its row as a spreadsheet shows it (the header is row 1) and its column; an
import that finds any raises ImportRefused with all of them, having written nothing. The
commands read the file and report the same way (CsvImportCommand).
"""

from dataclasses import dataclass
from pathlib import Path

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


def read_csv_file(file: Path) -> str:
    """The file's text, or a command error that says what is wrong with it."""
    try:
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
