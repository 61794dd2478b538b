from django.core.management.base import BaseCommand, CommandError

from guards.backups import BackupError, database_restore


class Command(BaseCommand):
    help = "Load a backup made by backup_database into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite a database that already has tables."
        )

    def handle(self, *args, file, replace, **options):
        try:
            database_restore(source=file, replace=replace)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database from {file}.")
