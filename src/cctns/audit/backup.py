"""Backup and restore of the whole database (issue 4 §8).

- PostgreSQL: ``pg_dump --format=custom`` (compressed, restorable table by table) and
  ``pg_restore --clean --if-exists --no-owner --single-transaction`` into an existing database.
- SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a consistent
  snapshot while the application keeps running; restore copies the file back page by page.

After a restore :func:`summary` gives the audit chain's verification and the number of rows of
every police-record table, to compare with the figures printed at backup time.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from .chain import verify_chain
from .registry import police_record_models


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def _pg_env(settings_dict) -> tuple[list[str], dict]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed).")
    return path


def backup(path: str | Path, using: str = "default") -> Path:
    """Write a backup of database ``using`` to ``path``; return the path.

    Raises :class:`BackupError` when the tool fails or the engine is not supported.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connections[using]
    if conn.vendor == "postgresql":
        args, env = _pg_env(conn.settings_dict)
        cmd = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args,
               "--dbname", conn.settings_dict["NAME"]]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise BackupError(done.stderr.strip() or "pg_dump failed")
    elif conn.vendor == "sqlite":
        conn.ensure_connection()
        target = sqlite3.connect(str(path))
        try:
            conn.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups of {conn.vendor} databases are not supported.")
    return path


def restore(path: str | Path, using: str = "default") -> None:
    """Replace the contents of database ``using`` with the backup at ``path``.

    PostgreSQL: the database must exist (it may be empty); objects in the backup are dropped
    and recreated in one transaction. SQLite: the database is overwritten page by page.
    Raises :class:`BackupError`.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    conn = connections[using]
    if conn.vendor == "postgresql":
        args, env = _pg_env(conn.settings_dict)
        cmd = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
               "--exit-on-error", *args, "--dbname", conn.settings_dict["NAME"], str(path)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise BackupError(done.stderr.strip() or "pg_restore failed")
    elif conn.vendor == "sqlite":
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{path} is not an SQLite backup.")
        source = sqlite3.connect(str(path))
        try:
            conn.ensure_connection()
            source.backup(conn.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"Restores into {conn.vendor} databases are not supported.")


def record_counts(using: str = "default") -> dict[str, int]:
    """Rows of every police-record table and of the audit log, by model label."""
    from .models import AuditChainLink, AuditEntry

    models = [*police_record_models(), AuditEntry, AuditChainLink]
    return {m._meta.label_lower: m._base_manager.using(using).count() for m in models}


def summary(using: str = "default") -> dict:
    """``{"counts": record_counts(), "chain_ok": bool, "chain_links": int, "chain_problem": str}``."""
    result = verify_chain(using=using)
    return {"counts": record_counts(using), "chain_ok": result.ok, "chain_links": result.checked,
            "chain_problem": result.problem}
