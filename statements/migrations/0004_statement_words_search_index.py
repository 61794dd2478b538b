"""A GIN index for the statements browser's full-text search, on PostgreSQL only.

The expression must match what django.contrib.postgres's SearchVector("words", config="english")
compiles to, or the planner will not use it. SQLite has an FTS5 index instead (0006).
"""

from django.db import migrations

INDEX = "statement_words_fts"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement "
            "USING gin (to_tsvector('english'::regconfig, COALESCE(words, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("statements", "0003_create_editor_and_reviewer_groups")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
