"""Security settings: headers on every page, cookies, password hashing, and SQLite's safe concurrency."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from benzotaper.web.database import sqlite_database
from benzotaper.web.security import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/"])
def test_every_page_sends_the_strict_content_security_policy(client: Client, alice: User, path: str) -> None:
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in policy
    assert "unsafe" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_forbid_sniffing_framing_and_leaking_the_address(client: Client, db: None) -> None:
    response = client.get("/accounts/signup/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(alice_client: Client) -> None:
    html = alice_client.get("/").content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assert "<style" not in html
    assert " on" + "click=" not in html


def test_cookies_are_hidden_from_scripts_and_same_site(csrf_client: Client, db: None) -> None:
    response = csrf_client.get("/accounts/signup/")
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.real_password_hashing
def test_argon2_hashes_new_passwords() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_times_are_stored_as_utc() -> None:
    assert settings.USE_TZ is True


@pytest.fixture
def sqlite_file_access(django_db_blocker: Any) -> Iterator[None]:
    """Let a test open its own SQLite file (pytest-django blocks connections outside ``db``)."""
    with django_db_blocker.unblock():
        yield


def _sqlite_wrapper(tmp_path: Path) -> DatabaseWrapper:
    """A connection made exactly as the app makes one to its SQLite file (the tests themselves use
    an in-memory database, where WAL does not apply)."""
    config = {**sqlite_database(tmp_path / "probe.sqlite3"), "TIME_ZONE": None, "CONN_MAX_AGE": 0}
    config.update({"AUTOCOMMIT": True, "ATOMIC_REQUESTS": False, "CONN_HEALTH_CHECKS": False, "TEST": {}})
    return DatabaseWrapper(config, alias="probe")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path, sqlite_file_access: None) -> None:
    wrapper = _sqlite_wrapper(tmp_path)
    with wrapper.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    wrapper.close()


def test_sqlite_transactions_take_the_write_lock_at_once(tmp_path: Path, sqlite_file_access: None) -> None:
    wrapper = _sqlite_wrapper(tmp_path)
    wrapper.ensure_connection()
    assert wrapper.transaction_mode == "IMMEDIATE"
    # What transaction.atomic() does on SQLite: BEGIN in the configured mode.
    wrapper._start_transaction_under_autocommit()
    other = sqlite3.connect(tmp_path / "probe.sqlite3", timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        wrapper.rollback()
        wrapper.close()
