from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from outreach.imports import HEADER, OPTIONAL, OutreachImportError, outreach_import


class Command(BaseCommand):
    help = (
        f"Record outreach from a CSV with the header {','.join(HEADER)} "
        f"({', '.join(sorted(OPTIONAL))} may be left out). People are found by member id, else "
        "by name; topic is a slug (empty: the default topic); dates are YYYY-MM-DD or "
        "DD/MM/YYYY; a reply names the id of the statement it produced. Any bad row stops the "
        "whole import: nothing is written, and every problem is listed by row and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument(
            "--as", dest="username", required=True, help="The staff member who asked."
        )

    def handle(self, *args, file: Path, username: str, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason})") from error
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"--as: there is no active user “{username}”.")
        try:
            records = outreach_import(text=text, actor=actor)
        except OutreachImportError as error:
            for problem in error.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
        except PermissionDenied as error:
            raise CommandError(f"--as: {username}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Recorded {len(records)} outreach record(s)."))
