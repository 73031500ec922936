"""The bodies of ``benzotaper serve``, ``backup``, ``restore``, ``encrypt`` and ``decrypt``.

``cli.py`` declares the commands and their options; the work is here, imported only when one of
these commands runs. Every failure a person can cause is a ``CommandError`` worded for them (one
line, and the exit status), never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import ipaddress
import socket
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from benzotaper.config import Config, load_config
from benzotaper.web.encryption import (
    EncryptionError,
    decrypt_database,
    encrypt_database,
    is_encrypted,
    unlock,
    unlocked_key,
)

if TYPE_CHECKING:
    from benzotaper.web.backups import DailyBackups

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class CommandError(Exception):
    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def read_passphrase(*, confirm: bool) -> str:
    """The passphrase: asked on a terminal (twice when ``confirm``), else the first line of stdin."""
    passphrase = read_secret("passphrase", confirm=confirm)
    if not passphrase:
        raise CommandError("the passphrase is empty. Type it, or give it on the first line of stdin.", 2)
    return passphrase


def read_secret(what: str, *, confirm: bool) -> str:
    """A passphrase or a password: typed unseen on a terminal (twice when ``confirm``, until both agree),
    else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    from getpass import getpass

    while True:
        secret = getpass(f"{what.capitalize()}: ")
        if not confirm or getpass(f"Repeat the {what}: ") == secret:
            return secret
        print(f"error: the two {what}s differ. Type the same {what} twice.", file=sys.stderr)


def _sqlite_config(action: str) -> Config:
    config = load_config()
    if config.database_url:
        raise CommandError(
            f"{action} works on the SQLite database; this server uses PostgreSQL "
            "(BENZOTAPER_DATABASE_URL). Use PostgreSQL's own tools, like pg_dump (docs/security.md).",
            2,
        )
    return config


def _unlock(config: Config) -> str | None:
    """Ask for the passphrase and unlock the database when it is encrypted; its key, or None."""
    if config.database_url or not is_encrypted(config.sqlite_path):
        return None
    if unlocked_key() is None:
        try:
            unlock(config.sqlite_path, read_passphrase(confirm=False))
        except EncryptionError as error:
            raise CommandError(str(error)) from None
    return unlocked_key()


def unlock_database() -> None:
    """Before Django starts: unlock an encrypted SQLite database with its passphrase."""
    _unlock(load_config())


# --- serve -------------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only."""
    host = host.strip("[]")
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_notes(host: str, *, secure_cookies: bool, signup_open: bool) -> list[str]:
    """What listening on ``host`` (not loopback) implies, one sentence a line."""
    transport = (
        "Cookies are marked HTTPS-only (BENZOTAPER_SECURE_COOKIES): reach it only through your TLS proxy."
        if secure_cookies
        else "It speaks plain HTTP: passwords and journal pages cross the network unencrypted unless a "
        "TLS proxy is in front (then set BENZOTAPER_SECURE_COOKIES=true)."
    )
    signup = (
        "Sign-up is OPEN: anyone who reaches this address can create an account "
        "(BENZOTAPER_SIGNUP=closed stops that; then use 'benzotaper adduser')."
        if signup_open
        else "Sign-up is closed: only 'benzotaper adduser' creates accounts."
    )
    return [f"Warning: listening on {host}, so other computers can reach this app.", transport, signup]


def _not_ours(host: str) -> str:
    return f"'{host}' is not an address of this computer. Use 127.0.0.1, or 0.0.0.0 for all."


def _warm_up_charts() -> None:
    """Import matplotlib in the background while the server takes its first requests: the first page
    with a chart would otherwise wait about a second for it. Only ``serve`` does this (the other
    commands start without matplotlib)."""
    from benzotaper.charts import warm_up

    threading.Thread(target=warm_up, name="warm up charts", daemon=True).start()


def serve(host: str, port: int) -> None:
    """Listen on ``host``:``port`` and serve the app until Ctrl+C (Django already set up)."""
    from django.conf import settings
    from waitress import create_server

    from benzotaper.web.wsgi import application

    local = is_loopback(host)
    if settings.DEBUG and not local:
        raise CommandError(
            f"debug pages (BENZOTAPER_DEBUG) show settings and code to anyone; they are refused on {host}. "
            "Turn debug off, or serve on 127.0.0.1.",
            2,
        )
    try:
        # An empty identity: no "Server:" header naming the product (security.py).
        server = create_server(application, host=host, port=port, threads=4, ident="")
    except (socket.gaierror, ValueError):  # a name that does not resolve (waitress: ValueError)
        raise CommandError(_not_ours(host), 2) from None
    except OSError as error:
        if error.errno == errno.EADDRNOTAVAIL:
            raise CommandError(_not_ours(host), 2) from None
        reason = error.strerror or str(error)
        hint = (
            "Another program uses it: stop it, or pick another --port."
            if error.errno == errno.EADDRINUSE
            else ""
        )
        raise CommandError(f"cannot listen on {host}:{port}: {reason}. {hint}".strip(), 1) from None
    shown = f"[{host}]" if ":" in host else host
    database = settings.DATABASES["default"]
    sqlite = "sqlite" in database["ENGINE"] or database["ENGINE"].endswith("sqlcipher")
    where = database["NAME"] if sqlite else f"PostgreSQL database {database['NAME']}"
    # Flushed: the server runs until stopped, and a pipe (`| tee log`) would otherwise hold these lines.
    print(f"benzotaper is running at http://{shown}:{port}/  (press Ctrl+C to stop)", flush=True)
    where += " (encrypted)" if database["ENGINE"].endswith("sqlcipher") else ""
    print(f"Your data: {where}", flush=True)
    if not local:
        for line in exposure_notes(host, secure_cookies=settings.SESSION_COOKIE_SECURE,
                                   signup_open=settings.SIGNUP_OPEN):  # fmt: skip
            print(line, file=sys.stderr)
    if host.strip("[]") not in {allowed.strip("[]") for allowed in settings.ALLOWED_HOSTS}:
        print(
            "Note: other devices must use a host name listed in BENZOTAPER_ALLOWED_HOSTS "
            f"(now: {', '.join(settings.ALLOWED_HOSTS)}).",
            file=sys.stderr,
        )
    backups = _start_daily_backups(load_config()) if sqlite else None
    _warm_up_charts()
    # waitress itself ends on Ctrl+C (KeyboardInterrupt) after finishing the requests in hand.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if backups is not None:
        backups.stopped.set()
    print("Stopped.")


def _start_daily_backups(config: Config) -> DailyBackups | None:
    from benzotaper.web.backups import DailyBackups

    if not config.backup_every_hours:
        return None
    every = dt.timedelta(hours=config.backup_every_hours)
    keep = config.backup_keep
    thread = DailyBackups(config.sqlite_path, config.backup_dir, unlocked_key(), every=every, keep=keep)
    thread.start()
    return thread


# --- backup, restore, encrypt, decrypt ---------------------------------------------------------------


def backup(out: Path) -> None:
    from benzotaper.web.backups import BackupError, make_backup

    config = _sqlite_config("backup")
    key = _unlock(config)
    try:
        make_backup(config.sqlite_path, out, key)
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(f"Backed up {config.sqlite_path} to {out}" + (" (encrypted)." if key else "."))


def restore(backup_file: Path, force: bool) -> None:
    from benzotaper.web.backups import BackupError, backup_key, restore_backup

    config = _sqlite_config("restore")
    try:
        passphrase = read_passphrase(confirm=False) if is_encrypted(backup_file) else None
        key = backup_key(backup_file, config.sqlite_path, passphrase)
        restore_backup(backup_file, config.sqlite_path, key, force=force)
    except (BackupError, EncryptionError) as error:
        raise CommandError(str(error)) from None
    print(f"Restored {backup_file} into {config.sqlite_path}. Start the app with 'benzotaper serve'.")


def encrypt() -> None:
    config = _sqlite_config("encrypt")
    database = config.sqlite_path
    if not database.exists() or database.stat().st_size == 0:
        raise CommandError(f"there is no database at {database} yet. Start the app once, then encrypt it.")
    try:
        encrypt_database(database, read_passphrase(confirm=True))
    except EncryptionError as error:
        raise CommandError(str(error)) from None
    print(f"Encrypted {database}. 'benzotaper serve' now asks for the passphrase; without it the")
    print("journal cannot be read by anyone, nor recovered. Older backups stay as they were.")


def decrypt() -> None:
    config = _sqlite_config("decrypt")
    try:
        decrypt_database(config.sqlite_path, read_passphrase(confirm=False))
    except EncryptionError as error:
        raise CommandError(str(error)) from None
    print(f"Decrypted {config.sqlite_path}: it is a plain SQLite file again.")
