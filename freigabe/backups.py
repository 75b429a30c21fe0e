"""Backups of the SQLite database with SQLite's online backup API.

The copy is consistent even while servers write (SQLite copies a snapshot page by page and
starts over if a writer changed a page it had copied). PostgreSQL is backed up with its own
tools, pg_dump and pg_restore (docs/deploy.md).
"""

import os
import sqlite3
from pathlib import Path

from django.conf import settings

PAGES_PER_STEP = 1024
PG_HELP = (
    "This database is PostgreSQL: back it up with pg_dump and restore with pg_restore "
    "(the commands are in docs/deploy.md, section 'Backups')."
)


class BackupRefused(Exception):
    """Said to the operator as it is: nothing was written."""


def sqlite_path():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupRefused(PG_HELP)
    return Path(database["NAME"])


def backup(target, progress=lambda done, total: None, overwrite=False):
    """Copy the live database to `target` (written beside it first, then renamed)."""
    source_path = sqlite_path()
    target = Path(target)
    if target.exists() and not overwrite:
        raise BackupRefused(f"{target} exists; choose a new name or pass --force.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path)
    copy = sqlite3.connect(partial)
    try:
        source.backup(
            copy,
            pages=PAGES_PER_STEP,
            progress=lambda status, remaining, total: progress(total - remaining, total),
        )
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)
    return describe(target)


def restore(backup_file, progress=lambda done, total: None):
    """Replace the live database's content with the backup's, after checking the backup."""
    target_path = sqlite_path()
    summary = describe(backup_file)
    source = sqlite3.connect(f"file:{Path(backup_file)}?mode=ro", uri=True)
    live = sqlite3.connect(target_path, timeout=30)
    try:
        source.backup(
            live,
            pages=PAGES_PER_STEP,
            progress=lambda status, remaining, total: progress(total - remaining, total),
        )
    finally:
        live.close()
        source.close()
    return summary


def describe(path):
    """Check that `path` is an intact Freigabe database; what it holds."""
    path = Path(path)
    if not path.is_file():
        raise BackupRefused(f"{path} is not a file.")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {
                name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if integrity != "ok" or "django_migrations" not in tables:
                raise BackupRefused(f"{path} is not an intact Freigabe database ({integrity}).")
            comments = connection.execute("SELECT count(*) FROM comments_comment").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"{path} is not a SQLite database: {error}") from None
    return {"path": str(path), "bytes": path.stat().st_size, "comments": comments}
