from django.core.management.base import BaseCommand, CommandError

from guards.backups import BackupError, database_backup


class Command(BaseCommand):
    help = "Write the whole database to FILE (pg_dump on PostgreSQL, the backup API on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            target = database_backup(target=file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database to {target}.")
