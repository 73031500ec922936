"""Django's SQLite backend on an encrypted file: SQLCipher through ``sqlcipher3`` (the ``encryption`` extra).

Django has no SQLCipher backend, so this one is Django's own ``sqlite3`` backend with two changes:

- the DB-API module is ``sqlcipher3.dbapi2`` (SQLCipher 4 with its own, statically linked SQLite),
  with Django's converters and adapters registered on it as Django registers them on ``sqlite3``;
- ``PRAGMA key`` is the first statement on every new connection, before Django's own PRAGMAs and the
  ``init_command``: until the key is set the file cannot be read, and ``PRAGMA journal_mode=WAL``
  would fail with "file is not a database".

The key is ``OPTIONS["key"]``: 64 hex digits, the raw 256-bit key derived once from the passphrase
(``benzotaper.web.encryption``), so opening a connection costs no key derivation (a passphrase given
to SQLCipher itself costs 144 ms of PBKDF2 per connection; ``shared/reference/stack.md`` §6). The
module is swapped per class, never globally: a connection of the plain backend stays plain.
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Mapping
from itertools import tee
from typing import Any

import sqlcipher3.dbapi2 as Database
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3 import base as sqlite
from django.db.backends.sqlite3._functions import register as register_functions  # type: ignore[import-untyped]
from django.utils.dateparse import parse_date, parse_datetime, parse_time

_KEY = re.compile(r"[0-9a-f]{64}")

# The same converters and adapters Django registers on the sqlite3 module (sqlite3/base.py).
Database.register_converter("bool", b"1".__eq__)
Database.register_converter("date", lambda value: parse_date(value.decode()))
Database.register_converter("time", lambda value: parse_time(value.decode()))
Database.register_converter("datetime", lambda value: parse_datetime(value.decode()))
Database.register_converter("timestamp", lambda value: parse_datetime(value.decode()))
Database.register_adapter(decimal.Decimal, str)
Database.register_adapter(datetime.date, lambda value: value.isoformat())
Database.register_adapter(datetime.datetime, lambda value: value.isoformat(" "))


class CursorWrapper(Database.Cursor):  # type: ignore[misc]
    """Django's ``format`` → ``qmark`` conversion (as ``SQLiteCursorWrapper``), on a sqlcipher3 cursor."""

    def execute(self, query: str, params: Any = None) -> Any:
        if params is None:
            return super().execute(query)
        names = list(params) if isinstance(params, Mapping) else None
        return super().execute(self.convert_query(query, names), params)

    def executemany(self, query: str, param_list: Any) -> Any:
        peek, param_list = tee(iter(param_list))
        first = next(peek, None)
        names = list(first) if first and isinstance(first, Mapping) else None
        return super().executemany(self.convert_query(query, names), param_list)

    @staticmethod
    def convert_query(query: str, names: list[str] | None) -> str:
        if names is None:
            converted: str = sqlite.FORMAT_QMARK_REGEX.sub("?", query)
            return converted.replace("%%", "%")
        return query % {name: f":{name}" for name in names}


class DatabaseWrapper(sqlite.DatabaseWrapper):
    Database = Database

    def get_connection_params(self) -> dict[str, Any]:
        params: dict[str, Any] = super().get_connection_params()
        key = params.pop("key", "")
        if not _KEY.fullmatch(key):
            raise ImproperlyConfigured("The SQLCipher key must be 64 lower-case hex digits (a 256-bit key).")
        self._key = key
        params["detect_types"] = Database.PARSE_DECLTYPES | Database.PARSE_COLNAMES
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        conn = Database.connect(**conn_params)
        conn.execute("PRAGMA cipher_log_level = NONE")  # errors reach Django as exceptions, not stderr
        conn.execute(f"PRAGMA key = \"x'{self._key}'\"")  # first, before anything reads the file
        register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA legacy_alter_table = OFF")
        for init_command in self.init_commands:  # type: ignore[attr-defined]  # set by get_connection_params
            if init_command := init_command.strip():
                conn.execute(init_command)
        return conn

    def create_cursor(self, name: str | None = None) -> Any:
        return self.connection.cursor(factory=CursorWrapper)
