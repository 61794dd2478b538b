"""Copies of the whole database: pg_dump/pg_restore on PostgreSQL, the backup API on SQLite.

One file holds everything: statements and their full histories, stances, people, accounts.
A restore goes into an empty database (or replaces one when asked), so a slip cannot merge a
backup into live data.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def _postgres_environment() -> tuple[dict[str, str], str]:
    params = connection.settings_dict
    env = dict(os.environ)
    for key, name in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")]:
        if params.get(key):
            env[name] = str(params[key])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return env, params["NAME"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: apt-get install postgresql-client")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed")


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def database_backup(*, target: Path) -> Path:
    """Write the whole database to `target`."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        env, name = _postgres_environment()
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-acl",
                "--file",
                str(target),
                name,
            ],
            env,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial)
        try:
            # The backup API copies a consistent snapshot even while the app writes.
            connection.connection.backup(copy)
        finally:
            copy.close()
        partial.replace(target)
    else:
        raise BackupError(f"No backup for a {connection.vendor} database.")
    return target


def database_restore(*, source: Path, replace: bool = False) -> None:
    """Load a backup made by database_backup into this (empty, unless `replace`) database."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup file {source}.")
    if not replace and not database_is_empty():
        raise BackupError(
            "The database already has tables. Restore into an empty database, or pass --replace "
            "to overwrite this one."
        )
    if connection.vendor == "postgresql":
        env, name = _postgres_environment()
        options = ["--clean", "--if-exists"] if replace else []
        _run(
            [_tool("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", *options,
             "--dbname", name, str(source)],
            env,
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        with open(source, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source} is not a SQLite backup.")
        connection.ensure_connection()
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        raise BackupError(f"No restore for a {connection.vendor} database.")
