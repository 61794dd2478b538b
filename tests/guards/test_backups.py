"""`make backup` then `make restore` into an empty database gives back exactly what was there."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from statements.services import statement_publish, statement_retract, statement_save_draft
from tests.factories import EditorFactory, PoliticianFactory, ReviewerFactory, StatementFactory

ROOT = Path(__file__).resolve().parents[2]

# Every table's row count and every statement's full history, as the restored database sees it.
SUMMARY = """
import json
import django
django.setup()
from django.apps import apps
from statements.models import Statement

counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
history = [
    [h.id, h.history_id, h.history_type, h.history_date.isoformat(), h.words, h.status,
     h.history_user_id, h.history_change_reason]
    for h in Statement.history.order_by("history_id")
]
print(json.dumps({"counts": counts, "history": history}))
"""


def summary_here():
    from django.apps import apps

    from statements.models import Statement

    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    history = [
        [h.id, h.history_id, h.history_type, h.history_date.isoformat(), h.words, h.status,
         h.history_user_id, h.history_change_reason]
        for h in Statement.history.order_by("history_id")
    ]  # fmt: skip
    return json.loads(json.dumps({"counts": counts, "history": history}))


def a_newsroom_with_history(topic):
    editor, reviewer = EditorFactory(), ReviewerFactory()
    for n in range(3):
        politician = PoliticianFactory()
        draft = statement_save_draft(
            statement=StatementFactory.build(politician=politician, words=f"Quote {n}."),
            actor=editor,
        )
        statement_publish(statement=draft, reviewer=reviewer)
    draft.words = "Quote 2, corrected."
    draft.pending_correction_note = "We had cut it short."
    statement_save_draft(statement=draft, actor=editor)
    statement_publish(statement=draft, reviewer=reviewer)
    statement_retract(statement=draft, actor=reviewer, reason="The source withdrew the story.")


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a database with nothing in it, of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"wts_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
        password=params["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip
    admin.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield f"postgres://{auth}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def run_in(database_url, *command):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "backup-test-not-secret",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(list(command), capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_into_an_empty_database_gives_identical_counts_and_histories(
    topic, tmp_path, empty_database
):
    a_newsroom_with_history(topic)
    before = summary_here()
    backup = tmp_path / "backups" / "newsroom.backup"

    call_command("backup_database", str(backup))
    restored = run_in(
        empty_database, "make", "--no-print-directory", "restore", f"BACKUP_FILE={backup}"
    )

    assert restored.returncode == 0, restored.stderr
    assert "Restored the database" in restored.stdout
    after = run_in(empty_database, sys.executable, "-c", SUMMARY)
    assert after.returncode == 0, after.stderr
    after = json.loads(after.stdout.splitlines()[-1])
    assert after["counts"] == before["counts"]
    assert after["history"] == before["history"]
    assert before["counts"]["statements.Statement"] == 3
    assert len(before["history"]) >= 8  # drafts, publishes, the correction and the retraction


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_already_has_tables(topic, tmp_path):
    backup = tmp_path / "newsroom.backup"
    call_command("backup_database", str(backup))

    with pytest.raises(CommandError, match="Restore into an empty database"):
        call_command("restore_database", str(backup))


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore_database", str(tmp_path / "nothing.backup"), "--replace")


def test_make_backup_and_restore_take_the_file_as_a_variable():
    def dry_run(target):
        result = subprocess.run(
            ["make", "--no-print-directory", "-n", target, "BACKUP_FILE=/srv/nightly.backup"],
            capture_output=True, text=True, cwd=ROOT, check=True,
        )  # fmt: skip
        return result.stdout

    assert "manage.py backup_database /srv/nightly.backup" in dry_run("backup")
    assert "manage.py restore_database /srv/nightly.backup" in dry_run("restore")
