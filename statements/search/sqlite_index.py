"""SQLite's full-text index of statements' words: an FTS5 table kept in step by triggers.

PostgreSQL needs no such table (its GIN index is over an expression, migration 0004). On SQLite
the index is an FTS5 “external content” table: it stores only the index, and reads the words
themselves from statements_statement, so a quote is never copied. Porter's stemmer makes
“banning” find “ban”; unicode61 splits words at anything but a letter or a digit, as the search
syntax does (statements.search.syntax.WORD).
"""

from django.db import connections

TABLE = "statements_statement_fts"
CONTENT_TABLE = "statements_statement"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    f"words, content='{CONTENT_TABLE}', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)

# An external content table must be told the old words to forget them, hence 'delete' with old.
# Only a change of the words touches the index: publishing or retracting a statement does not.
TRIGGERS = {
    f"{TABLE}_after_insert": (
        f"AFTER INSERT ON {CONTENT_TABLE} BEGIN "
        f"INSERT INTO {TABLE}(rowid, words) VALUES (new.id, new.words); END"
    ),
    f"{TABLE}_after_delete": (
        f"AFTER DELETE ON {CONTENT_TABLE} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, words) VALUES ('delete', old.id, old.words); END"
    ),
    f"{TABLE}_after_update": (
        f"AFTER UPDATE OF id, words ON {CONTENT_TABLE} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, words) VALUES ('delete', old.id, old.words); "
        f"INSERT INTO {TABLE}(rowid, words) VALUES (new.id, new.words); END"
    ),
}

REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"


def create_index(connection) -> None:
    """Create the index, its triggers, and index the statements already there."""
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
        for name, body in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        cursor.execute(REBUILD)


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def restore_index_triggers(*, using: str, **kwargs) -> None:
    """After `migrate` (post_migrate): put back triggers that a later migration took away.

    To alter a table, Django's SQLite schema editor copies it into a new one and drops the old,
    and a table's triggers go with it: any migration that adds a column to statements_statement
    would silently stop the index following edits. If the index exists (migration applied, not
    reversed) and a trigger is missing, the triggers are created again and the index rebuilt.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name = %s OR (type = 'trigger' AND "
            "tbl_name = %s)",
            [TABLE, CONTENT_TABLE],
        )
        found = {name for _, name in cursor.fetchall()}
    if TABLE in found and not set(TRIGGERS) <= found:
        create_index(connection)
