"""Deleting that deletes: after a person's data is deleted, no copy is left in the SQLite files.

Two places keep deleted rows in a SQLite database:

- the free pages of the main file. ``PRAGMA secure_delete=ON`` (``database.py``) overwrites deleted
  content with zeros as it is deleted;
- the write-ahead log. A deleted row's page is written to the WAL as a new version, but the old
  versions of that page, with the row, stay in the WAL until a checkpoint copies the newest pages
  back and the log is reset. So after every transaction that deleted something, a
  ``PRAGMA wal_checkpoint(TRUNCATE)`` copies the log back and cuts the -wal file to zero bytes.

A checkpoint cannot finish while another connection is reading an old snapshot; it then does what it
can, and the next one (after the next delete, or SQLite's automatic one every 1000 pages) finishes
the job. PostgreSQL is different and is described in docs/security.md: a deleted row stays in its
table file until VACUUM reuses the space, and in the write-ahead log and backups until they are
recycled; nothing here can erase those.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.signals import post_delete

logger = logging.getLogger(__name__)


def checkpoint(using: str = DEFAULT_DB_ALIAS) -> None:
    """Copy the WAL back into the database file and truncate it (SQLite only; elsewhere nothing)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseError as error:  # the delete is done; the next checkpoint will finish the job
        logger.warning("The WAL checkpoint after a delete did not run: %s", error)


class _Checkpoint:
    def __init__(self, using: str) -> None:
        self.using = using

    def __call__(self) -> None:
        checkpoint(self.using)


def _after_delete(sender: type[Any], using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    # Once per transaction, however many rows it deleted, after it commits (at once outside one).
    pending = connections[using].run_on_commit
    if not any(isinstance(entry[1], _Checkpoint) for entry in pending):
        transaction.on_commit(_Checkpoint(using), using=using)


def connect() -> None:
    """Checkpoint after every delete (called once, from the accounts app's ``ready``)."""
    post_delete.connect(_after_delete, dispatch_uid="benzotaper.erasure")


def forget_when_an_account_is_deleted(*clears: Callable[[], object]) -> None:
    """Empty these in-memory caches whenever any account is deleted. For caches keyed by content (a
    plan's text, a block of a page) that may hold a person's data but cannot tell whose: all of it goes,
    so nothing of a deleted person stays in memory (docs/security.md)."""

    def forget(**kwargs: object) -> None:
        for clear in clears:
            clear()

    post_delete.connect(forget, sender=settings.AUTH_USER_MODEL, weak=False)
