"""A stored search vector for the statements' words, GIN-indexed, on PostgreSQL only.

Ranking read `to_tsvector(words)` again for every match: a common word (“ban”, in most
statements) re-parsed tens of thousands of quotes per search. The generated column holds the
vector once, PostgreSQL keeps it in step with the words, and the index replaces 0004's
expression index. Not a model field: SQLite has its FTS5 index instead (0006), and
statements.search reads the column by name.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "statement_search_vector"
OLD_INDEX = "statement_words_fts"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE statements_statement ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(words, ''))) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement USING gin ({COLUMN})"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON statements_statement "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(words, '')))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE statements_statement DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("statements", "0011_link_statements_to_sources")]

    operations = [migrations.RunPython(add_column, drop_column, elidable=False)]
