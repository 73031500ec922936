"""Django's ``DATABASES`` entry from the configuration: a SQLite file, or a PostgreSQL URL.

SQLite is tuned for a small web app with a few threads: write-ahead logging so readers never wait for
the writer, a 5 s busy timeout instead of an immediate "database is locked", ``synchronous=NORMAL``
(safe with WAL; a power cut may lose the last commit but never corrupts the file), foreign keys on,
and ``BEGIN IMMEDIATE`` transactions so that a transaction which will write takes the write lock at
its start (a deferred one that upgrades later can fail at once with "database is locked", because
SQLite cannot wait for the lock without risking a deadlock). ``secure_delete`` overwrites deleted
rows with zeros instead of leaving them in free pages (see ``erasure.py`` for the WAL).

The database file is created by ``make_private_database`` (from settings.py), mode 0600, before the
first connection: SQLite gives its -wal and -shm files the database file's mode, so no copy of the
journal is ever readable by other users.
An encrypted file (SQLCipher, ``encryption.py``) is opened with the ``benzotaper.web.sqlcipher``
backend and the key unlocked at start-up, on one persistent connection per thread.

The PostgreSQL URL is parsed here with ``urllib.parse`` rather than with dj-database-url: one URL
form, one small function. ``postgresql://user:password@host:port/name?sslmode=require``; user and
password may be percent-encoded; any query parameter is passed to the driver (libpq), so
``?host=/run/postgresql`` selects a Unix socket.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

SQLITE_INIT_COMMAND = (
    "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
    "PRAGMA secure_delete=ON"
)
POSTGRES_SCHEMES = ("postgresql", "postgres")


def sqlite_database(path: Path) -> dict[str, Any]:
    from benzotaper.web.encryption import EncryptionError, is_encrypted, unlocked_key

    options: dict[str, Any] = {"init_command": SQLITE_INIT_COMMAND, "transaction_mode": "IMMEDIATE"}
    if not is_encrypted(path):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}
    key = unlocked_key()
    if key is None:
        raise EncryptionError(
            f"The database {path} is encrypted: start benzotaper from the command line, which asks "
            "for its passphrase."
        )
    # Persistent connections: the key is cheap, but a new connection still reads the schema.
    return {"ENGINE": "benzotaper.web.sqlcipher", "NAME": str(path), "CONN_MAX_AGE": None,
            "OPTIONS": {**options, "key": key}}  # fmt: skip


def make_private_database(path: Path) -> None:
    """Create the database file for its owner only, and close an older install's open -wal and -shm."""
    from benzotaper.config import create_private_file

    create_private_file(path)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            create_private_file(companion)


def postgres_database(url: str) -> dict[str, Any]:
    """The Django database settings for a ``postgresql://`` URL (ValueError when it is not one)."""
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise ValueError(
            f"The database URL must start with postgresql://, not {parts.scheme or 'nothing'}://. "
            "Leave BENZOTAPER_DATABASE_URL unset to use SQLite."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ValueError("The database URL names no database: end it with /<name>, like /benzotaper.")
    options = dict(parse_qsl(parts.query))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": options.pop("host", None) or unquote(parts.hostname or ""),
        "PORT": str(parts.port or ""),
        # Reuse connections for a minute: a new PostgreSQL connection costs a few milliseconds.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def database_settings(database_url: str | None, sqlite_path: Path) -> dict[str, Any]:
    return postgres_database(database_url) if database_url else sqlite_database(sqlite_path)
