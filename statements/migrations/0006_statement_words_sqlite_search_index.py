"""SQLite's full-text index of statements' words (FTS5, Porter-stemmed), kept in step by triggers.

PostgreSQL has its own (0004) and is left alone. The SQL lives in statements.search.sqlite_index,
because the same triggers are put back after any later migration that rebuilds the statements
table (see restore_index_triggers there).
"""

from django.db import migrations

from statements.search import sqlite_index


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_index.create_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_index.drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("statements", "0005_statement_pending_correction")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
