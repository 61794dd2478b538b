from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from core.imports import CsvImportCommand
from outreach.imports import HEADER, OPTIONAL, outreach_import


class Command(CsvImportCommand):
    help = (
        f"Record outreach from a CSV with the header {','.join(HEADER)} "
        f"({', '.join(sorted(OPTIONAL))} may be left out). People are found by member id, else "
        "by name; topic is a slug (empty: the default topic); dates are YYYY-MM-DD or "
        "DD/MM/YYYY; a reply names the id of the statement it produced. Any bad row stops the "
        "whole import: nothing is written, and every problem is listed by row and column."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--as", dest="username", required=True, help="The staff member who asked."
        )

    def import_file(self, *, text: str, file: Path, dry_run: bool, username: str, **options):
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"--as: there is no active user “{username}”.")
        try:
            return outreach_import(text=text, actor=actor, dry_run=dry_run)
        except PermissionDenied as error:
            raise CommandError(f"--as: {username}: {error}") from error

    def report(self, records, *, file: Path, dry_run: bool, verbosity: int) -> None:
        done = "Would record" if dry_run else "Recorded"
        self.stdout.write(self.style.SUCCESS(f"{done} {len(records)} outreach record(s)."))
