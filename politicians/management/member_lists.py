"""What the member-list commands share: reading the file, reporting problems, the summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from politicians.services import MemberImportError, MemberImportResult


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


class MemberListCommand(BaseCommand):
    """Import one CSV list of members with a service; subclasses say which (`import_list`)."""

    what = "members"
    # A first import changes hundreds of people: list the first few, all of them with -v 2.
    changes_shown = 20

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )

    def import_list(self, *, text: str, file: Path, dry_run: bool, **options):
        raise NotImplementedError

    def handle(self, *args, file: Path, dry_run: bool, verbosity: int = 1, **options):
        text = read_csv_file(file)
        try:
            result: MemberImportResult = self.import_list(
                text=text, file=file, dry_run=dry_run, **options
            )
        except MemberImportError as error:
            for problem in error.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
        shown = result.changes if verbosity > 1 else result.changes[: self.changes_shown]
        for change in shown:
            self.stdout.write(f"  {change}")
        if len(shown) < len(result.changes):
            self.stdout.write(
                f"  … and {len(result.changes) - len(shown)} more changes (-v 2 lists them all)."
            )
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        nothing = "" if result.changed_anything else " Nothing changed."
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{result.total} {self.what}: {result.created} added, "
                f"{result.updated} updated, {result.unchanged} unchanged.{nothing}"
            )
        )
