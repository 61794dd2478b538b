from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from statements.imports import (
    HEADER,
    StatementImportError,
    import_limits_problem,
    import_user,
    statements_import,
)


class Command(BaseCommand):
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
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="The editor the drafts are entered by (default: the “import” account).",
        )

    def handle(self, *args, file: Path, dry_run: bool, username: str | None, **options):
        try:
            too_big = import_limits_problem(size=file.stat().st_size)
            if too_big:
                raise CommandError(f"{file}: {too_big.field} {too_big.message}")
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason})") from error
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        if username:
            actor = get_user_model().objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"--as: there is no active user “{username}”.")
        else:
            actor = import_user()
        try:
            result = statements_import(text=text, actor=actor, dry_run=dry_run)
        except StatementImportError as error:
            for problem in error.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
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
