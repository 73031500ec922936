"""Django's ``DATABASES`` entry from the configuration: a SQLite file, or a PostgreSQL URL.

SQLite is tuned for a small web app with a few threads: write-ahead logging so readers never wait for
the writer, a 5 s busy timeout instead of an immediate "database is locked", ``synchronous=NORMAL``
(safe with WAL; a power cut may lose the last commit but never corrupts the file), foreign keys on,
and ``BEGIN IMMEDIATE`` transactions so that a transaction which will write takes the write lock at
its start (a deferred one that upgrades later can fail at once with "database is locked", because
SQLite cannot wait for the lock without risking a deadlock).

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
    "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"
)
POSTGRES_SCHEMES = ("postgresql", "postgres")


def sqlite_database(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {"init_command": SQLITE_INIT_COMMAND, "transaction_mode": "IMMEDIATE"},
    }


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
