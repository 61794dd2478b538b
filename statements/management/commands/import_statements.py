from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from core.imports import CsvImportCommand
from statements.imports import HEADER, import_user, statements_import


class Command(CsvImportCommand):
    help = (
        "Import statements from a CSV with the header "
        f"{','.join(HEADER)}. Every statement arrives as a draft awaiting review. Any bad row "
        "stops the whole import: nothing is written, and every problem is listed by row (the "
        "header is row 1) and column. date is YYYY-MM-DD, YYYY-MM or YYYY, as exactly as the "
        "source says. Speakers are found by member id, else by name ignoring titles, accents "
        "and hyphens; a name that only resembles someone held is an error naming them. A "
        "filled-in role becomes the speaker's current role."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--as",
            dest="username",
            help="The editor the drafts are entered by (default: the “import” account).",
        )

    def import_file(self, *, text: str, file: Path, dry_run: bool, username: str | None, **options):
        if username:
            actor = get_user_model().objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"--as: there is no active user “{username}”.")
        else:
            actor = import_user()
        self.actor = actor
        return statements_import(text=text, actor=actor, dry_run=dry_run)

    def report(self, result, *, file: Path, dry_run: bool, verbosity: int):
        actor = self.actor
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"{file}: warning: {warning}"))
        for speaker in result.new_speakers:
            party = speaker.party.name if speaker.party else "no party"
            self.stdout.write(
                f"  new speaker: {speaker.name} ({speaker.get_house_display()}, {party})"
            )
        for change in result.role_changes:
            self.stdout.write(f"  row {change.row}: {change}")
        prefix = "Dry run, nothing written: would have imported" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix} {len(result.statements)} statement(s) as drafts awaiting review, "
                f"entered by {actor.username}."
            )
        )
