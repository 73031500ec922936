"""``benzotaper adduser NAME`` creates an account; the password comes from standard input."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for the module: migrating a fresh database once is enough."""
    return tmp_path_factory.mktemp("adduser")


def adduser(name: str, stdin: str, data_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "benzotaper.cli", "adduser", name, "--data-dir", str(data_dir)]
    return subprocess.run(command, input=stdin, env=env, capture_output=True, text=True, timeout=60)


def stored_password(data_dir: Path, name: str) -> str | None:
    with sqlite3.connect(data_dir / "benzotaper.sqlite3") as db:
        row = db.execute("SELECT password FROM auth_user WHERE username = ?", (name,)).fetchone()
    return row[0] if row else None


def test_it_creates_the_account_with_the_password_from_stdin(data_dir: Path, cli_env: dict[str, str]) -> None:
    result = adduser("carol", "a long quiet winter\n", data_dir, cli_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Created the account carol.\n"
    password = stored_password(data_dir, "carol")
    assert password is not None and password.startswith("argon2$")


def test_it_refuses_a_name_that_exists(data_dir: Path, cli_env: dict[str, str]) -> None:
    adduser("dave", "a long quiet winter\n", data_dir, cli_env)
    result = adduser("Dave", "another password 99\n", data_dir, cli_env)
    assert result.returncode == 1
    assert result.stderr == "error: there is already an account named Dave. Pick another name.\n"


def test_it_refuses_a_weak_or_empty_password(data_dir: Path, cli_env: dict[str, str]) -> None:
    weak = adduser("erin", "12345678\n", data_dir, cli_env)
    assert weak.returncode == 2
    assert weak.stderr.startswith("error: the password is too weak:")
    empty = adduser("erin", "", data_dir, cli_env)
    assert empty.returncode == 2
    assert "password is empty" in empty.stderr
    assert stored_password(data_dir, "erin") is None
