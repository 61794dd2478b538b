from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from politicians.services import MemberImportError, members_import


class Command(BaseCommand):
    help = (
        "Add or update members of a legislature from a CSV with the columns "
        "name,party,constituency,mnis_id (optional: role, bench, house, sort_name). "
        "Members are matched on member id, then name. Any bad row stops the whole import: "
        "nothing is written, and every problem is listed by row (the header is row 1) and field."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason})") from error
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        try:
            result = members_import(text=text, dry_run=dry_run)
        except MemberImportError as error:
            for problem in error.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
        for change in result.changes:
            self.stdout.write(f"  {change}")
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{result.total} members: {result.created} added, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
        )
