"""What the member-list commands share: the summary of what an import changed."""

from pathlib import Path

from core.imports import CsvImportCommand
from politicians.services import MemberImportResult


class MemberListCommand(CsvImportCommand):
    """Import one CSV list of members with a service; subclasses say which (`import_list`)."""

    what = "members"
    # A first import changes hundreds of people: list the first few, all of them with -v 2.
    changes_shown = 20

    # The service that imports the list: members_import, devolved_import…
    service = None

    def import_list(self, *, text: str, file: Path, dry_run: bool, **options):
        return type(self).service(text=text, dry_run=dry_run)

    def import_file(self, **options):
        return self.import_list(**options)

    def report(self, result: MemberImportResult, *, file: Path, dry_run: bool, verbosity: int):
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
