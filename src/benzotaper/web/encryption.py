"""Encryption at rest: the SQLite file encrypted with SQLCipher, its key made from a passphrase.

How it fits together (the choice and its measurements: ``shared/reference/stack.md`` §6):

- A passphrase becomes a 256-bit key once per start with argon2id (t=3, m=64 MiB, p=4: about 0.1 s,
  and as costly for someone guessing passphrases against a stolen file). The salt is 16 random
  bytes in ``encryption_salt`` beside the database (mode 0600); it is not secret but is needed to
  open the file, and a backup of an encrypted database is only readable with it (``backup`` copies it).
- The key is kept in this process only (``unlock``) and given to the ``benzotaper.web.sqlcipher``
  backend as a raw key: it never reaches the environment, a file or a log.
- Whether a database is encrypted is read from the file itself: a plain SQLite file begins with
  ``SQLite format 3``; a SQLCipher file begins with random bytes.

``sqlcipher3`` is imported only here and in the backend, and only when a database is encrypted, so
a plain install does not need the ``encryption`` extra.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from benzotaper.config import create_private_file

SALT_FILE_NAME = "encryption_salt"
PLAIN_HEADER = b"SQLite format 3\x00"
# argon2id parameters (RFC 9106's second recommended option, m = 64 MiB); measured in stack.md §6.
ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, KEY_BYTES = 3, 64 * 1024, 4, 32
INSTALL_HINT = "Install the encryption extra: pip install 'benzotaper[encryption]'."

_key: str | None = None


class EncryptionError(ValueError):
    """The database cannot be opened or converted as asked; the message says what to do."""


def is_encrypted(database: Path) -> bool:
    """Whether ``database`` is a SQLCipher file (a missing or empty file is not)."""
    try:
        with database.open("rb") as file:
            header = file.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return False
    return len(header) == len(PLAIN_HEADER) and header != PLAIN_HEADER


def salt_path(database: Path) -> Path:
    return database.parent / SALT_FILE_NAME


def derive_key(passphrase: str, salt: bytes) -> str:
    """The raw SQLCipher key for ``passphrase``: 64 hex digits."""
    from argon2.low_level import Type, hash_secret_raw

    raw = hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_PARALLELISM,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return raw.hex()


def _salt(database: Path, *, create: bool) -> bytes:
    path = salt_path(database)
    if create and not path.exists():
        create_private_file(path)
        path.write_text(secrets.token_hex(16) + "\n", encoding="ascii")
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        raise EncryptionError(
            f"The encrypted database {database} has no {SALT_FILE_NAME} file beside it, and cannot be "
            f"opened without it. Put back the {SALT_FILE_NAME} that came with this database."
        ) from None


def sqlcipher() -> Any:
    """The ``sqlcipher3.dbapi2`` module, or an EncryptionError saying how to install it."""
    try:
        import sqlcipher3.dbapi2
    except ImportError:
        raise EncryptionError(
            f"This database is encrypted and SQLCipher is not installed. {INSTALL_HINT}"
        ) from None
    return sqlcipher3.dbapi2


def connect(database: Path, key: str | None) -> Any:
    """A sqlcipher3 connection to ``database``, keyed when ``key`` is given, checked readable."""
    module = sqlcipher()
    connection = module.connect(str(database))
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not its log
    if key is not None:
        connection.execute(f"PRAGMA key = \"x'{key}'\"")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError:
        connection.close()
        raise EncryptionError(f"The passphrase does not open {database}. Check it and try again.") from None
    return connection


def unlock(database: Path, passphrase: str) -> str:
    """Derive the key of the encrypted ``database``, check that it opens it, and keep it for Django."""
    global _key
    key = derive_key(passphrase, _salt(database, create=False))
    connect(database, key).close()
    _key = key
    return key


def unlocked_key() -> str | None:
    """The key given to ``unlock`` in this process, or None."""
    return _key


def _convert(database: Path, key: str | None, target_key: str) -> None:
    """Copy ``database`` (opened with ``key``) into a new file keyed with ``target_key`` ('' for a
    plain file) with ``sqlcipher_export``, check it, then put it in the database's place."""
    converted = database.with_name(database.name + ".converting")
    converted.unlink(missing_ok=True)
    create_private_file(converted)
    source = connect(database, key)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.execute(f"ATTACH DATABASE ? AS converted KEY \"x'{target_key}'\"" if target_key else
                       "ATTACH DATABASE ? AS converted KEY ''", (str(converted),))  # fmt: skip
        source.execute("SELECT sqlcipher_export('converted')")
        source.execute("DETACH DATABASE converted")
    finally:
        source.close()
    check = connect(converted, target_key or None)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        converted.unlink()
        raise EncryptionError(f"The converted copy failed its integrity check ({result}); nothing changed.")
    os.replace(converted, database)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def encrypt_database(database: Path, passphrase: str) -> None:
    """Encrypt the plain ``database`` in place with a key from ``passphrase`` (a new salt)."""
    if is_encrypted(database):
        raise EncryptionError(f"{database} is already encrypted.")
    salt_path(database).unlink(missing_ok=True)
    _convert(database, None, derive_key(passphrase, _salt(database, create=True)))


def decrypt_database(database: Path, passphrase: str) -> None:
    """Turn the encrypted ``database`` back into a plain SQLite file."""
    if not is_encrypted(database):
        raise EncryptionError(f"{database} is not encrypted.")
    _convert(database, derive_key(passphrase, _salt(database, create=False)), "")
    salt_path(database).unlink()
