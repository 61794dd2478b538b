from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from statements.synthetic import SyntheticDataError, data_generate


class Command(BaseCommand):
    help = (
        "Add invented peers and published statements, the same for the same seed, to measure "
        "the site at full size (make bench). Run import_members first: its MPs are among the "
        "speakers. Never run it on a database the public reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lords", type=int, default=800, help="peers to add (default 800)")
        parser.add_argument(
            "--statements", type=int, default=50000, help="published statements (default 50000)"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--through-services",
            action="store_true",
            help="publish each statement with the services (slow) instead of the bulk path",
        )

    def handle(self, *args, lords, statements, seed, through_services, **options):
        if lords < 0 or statements < 0:
            raise CommandError("--lords and --statements take a number of zero or more.")
        try:
            made = data_generate(
                lords=lords, statements=statements, seed=seed, through_services=through_services
            )
        except SyntheticDataError as error:
            raise CommandError(str(error)) from error
        # Fresh planner statistics: until autovacuum catches up, the database plans for the
        # empty tables it last saw. Measured on 50,000 statements on PostgreSQL, the statements
        # list's query took 163 ms with the stale figures and 1 ms after ANALYZE.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Added {made.peers} peers and {made.statements} published statements; "
            f"{made.stances} people now hold a position, with {made.changes} changes of position."
        )
