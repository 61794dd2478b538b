import datetime

from django.core.management.base import CommandError

from politicians.management.member_lists import MemberListCommand
from politicians.services import as_of_from_file_name, frontbench_import


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of: “{text}” is not a date written YYYY-MM-DD") from error


class Command(MemberListCommand):
    help = (
        "Set the role and bench of the UK frontbench from a CSV with the header "
        "name,mnis_id,house,party,role,side,source (house Commons or Lords, side government or "
        "opposition). MPs must be held already (run import_members first); peers are added to "
        "the Lords. MPs of a governing party who are not in the file become backbench. The date "
        "the file is true for comes from --as-of, else from its name "
        "(uk-frontbench-2023-03-16.csv). Any bad row stops the whole import."
    )
    what = "people"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--as-of",
            type=str,
            help="The date the posts are held on, YYYY-MM-DD; default: the date in the file name.",
        )

    def import_list(self, *, text, file, dry_run, as_of=None, **options):
        # A bench without a date would be read as current: refuse to guess.
        date = iso_date(as_of) if as_of else as_of_from_file_name(file.name)
        if date is None:
            raise CommandError(
                f"{file}: no date in the file name; say which day the posts are held on with "
                "--as-of YYYY-MM-DD"
            )
        self.stdout.write(f"Frontbench as of {date:%Y-%m-%d}.")
        return frontbench_import(text=text, as_of=date, dry_run=dry_run)
