"""Backups of the SQLite database: one on demand (``benzotaper backup``), a daily one while the app
runs, and putting one back (``benzotaper restore``).

A backup is made with SQLite's online backup API (``Connection.backup``): it copies the database
page by page as one consistent snapshot while the server goes on reading and writing, which a file
copy of a WAL database cannot promise. An encrypted database gives an encrypted backup with the same
key; its salt (``encryption_salt``) is copied beside it as ``<backup>.encryption_salt``, since the
passphrase alone cannot open it. Every backup is written to a private file (0600) under a temporary
name, checked with ``PRAGMA integrity_check``, and only then given its name: a backup that exists is
a whole one.

Restoring checks the backup's integrity first, refuses to replace a database that holds data unless
asked (``--force``), and replaces the file whole (the server must be stopped).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

from benzotaper.config import create_private_file, make_private_dir
from benzotaper.web.encryption import (
    EncryptionError,
    connect,
    derive_key,
    is_encrypted,
    salt_path,
)

AUTOMATIC_PREFIX = "benzotaper-"
AUTOMATIC_SUFFIX = ".sqlite3"
CHECK_EVERY = dt.timedelta(hours=1)
logger = logging.getLogger(__name__)


class BackupError(ValueError):
    """A backup or restore that cannot be done as asked; the message says what to do."""


def _open(path: Path, key: str | None) -> Any:
    return connect(path, key) if key is not None else sqlite3.connect(path)


def backup_salt(backup: Path) -> Path:
    return backup.with_name(backup.name + ".encryption_salt")


def _check(connection: Any, what: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what} failed its integrity check ({result}).")


def make_backup(database: Path, out: Path, key: str | None) -> None:
    """Copy ``database`` (encrypted with ``key``, or plain) to the new file ``out``."""
    if out.exists():
        raise BackupError(f"{out} exists already. Choose another name, or delete it first.")
    if not database.exists() or database.stat().st_size == 0:
        raise BackupError(f"There is no database at {database} to back up yet.")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    try:
        source, target = _open(database, key), _open(partial, key)
        try:
            source.backup(target)
            _check(target, partial)
        finally:
            source.close()
            target.close()
        if key is not None:
            shutil.copyfile(salt_path(database), backup_salt(partial))
            create_private_file(backup_salt(partial))
            os.replace(backup_salt(partial), backup_salt(out))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
        backup_salt(partial).unlink(missing_ok=True)


def backup_key(backup: Path, database: Path, passphrase: str | None) -> str | None:
    """The key of ``backup``: None for a plain one; from ``passphrase`` and the backup's salt (or,
    missing, the database's) for an encrypted one."""
    if not is_encrypted(backup):
        return None
    if passphrase is None:
        raise BackupError(f"{backup} is encrypted: give its passphrase.")
    salt_file = backup_salt(backup) if backup_salt(backup).exists() else salt_path(database)
    if not salt_file.exists():
        raise BackupError(f"{backup} is encrypted and its salt file {backup_salt(backup).name} is missing.")
    return derive_key(passphrase, bytes.fromhex(salt_file.read_text(encoding="ascii").strip()))


def restore_backup(backup: Path, database: Path, key: str | None, *, force: bool) -> None:
    """Put ``backup`` in the place of ``database`` after checking it (the server must be stopped)."""
    if not backup.is_file():
        raise BackupError(f"There is no backup file {backup}.")
    try:
        connection = _open(backup, key)
        try:
            _check(connection, backup)
        finally:
            connection.close()
    except (sqlite3.DatabaseError, EncryptionError) as error:
        raise BackupError(f"{backup} is not a benzotaper backup that can be read: {error}") from None
    if database.exists() and database.stat().st_size > 0 and not force:
        raise BackupError(
            f"{database} already holds a journal. Add --force to replace it with the backup "
            "(back it up first if you may want it)."
        )
    make_private_dir(database.parent)
    incoming = database.with_name(database.name + ".restoring")
    incoming.unlink(missing_ok=True)
    create_private_file(incoming)
    shutil.copyfile(backup, incoming)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    if key is not None:
        salt = salt_path(database)
        salt.unlink(missing_ok=True)
        create_private_file(salt)
        shutil.copyfile(backup_salt(backup) if backup_salt(backup).exists() else salt_path(database), salt)
    os.replace(incoming, database)


def automatic_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{AUTOMATIC_PREFIX}*{AUTOMATIC_SUFFIX}") if p.is_file())


def backup_if_due(
    database: Path, folder: Path, key: str | None, *, every: dt.timedelta, keep: int
) -> Path | None:
    """Make an automatic backup when the newest is ``every`` old (or there is none), then delete all
    but the newest ``keep``. The new backup, or None when none was due."""
    now = dt.datetime.now(dt.UTC)
    existing = automatic_backups(folder)
    if existing:
        newest = dt.datetime.fromtimestamp(existing[-1].stat().st_mtime, dt.UTC)
        if now - newest < every:
            return None
    make_private_dir(folder)
    made = folder / f"{AUTOMATIC_PREFIX}{now:%Y%m%d-%H%M%S-%f}{AUTOMATIC_SUFFIX}"
    make_backup(database, made, key)
    for old in automatic_backups(folder)[:-keep]:
        old.unlink()
        backup_salt(old).unlink(missing_ok=True)
    return made


class DailyBackups(threading.Thread):
    """While the server runs: a backup when one is due, checked at start and then every hour."""

    def __init__(
        self, database: Path, folder: Path, key: str | None, *, every: dt.timedelta, keep: int
    ) -> None:
        super().__init__(name="benzotaper-backups", daemon=True)
        self.database, self.folder, self.key, self.every, self.keep = database, folder, key, every, keep
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                made = backup_if_due(self.database, self.folder, self.key, every=self.every, keep=self.keep)
            except (OSError, sqlite3.Error, ValueError) as error:
                logger.error("The automatic backup failed: %s", error)
            else:
                if made is not None:
                    logger.info("Made the automatic backup %s", made)
            self.stopped.wait(CHECK_EVERY.total_seconds())
