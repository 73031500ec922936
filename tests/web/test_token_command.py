"""``benzotaper token NAME`` makes a personal API token, shown once; ``--revoke`` ends it."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("token")
    subprocess.run(
        [sys.executable, "-m", "benzotaper.cli", "adduser", "carol", "--data-dir", str(path)],
        input="a long quiet winter\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return path


def token(*args: str, data_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "benzotaper.cli", "token", *args, "--data-dir", str(data_dir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def stored(data_dir: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(data_dir / "benzotaper.sqlite3") as db:
        return db.execute(
            "SELECT prefix, token_hash, revoked_at FROM accounts_apitoken ORDER BY id"
        ).fetchall()


def test_it_prints_a_token_once_and_stores_only_its_hash(data_dir: Path, cli_env: dict[str, str]) -> None:
    result = token("carol", "--label", "phone", data_dir=data_dir, env=cli_env)
    assert result.returncode == 0, result.stderr
    secret = result.stdout.strip()
    assert secret.startswith("bzt_")
    prefix, token_hash, revoked = stored(data_dir)[-1]
    assert token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith("bzt_" + prefix) and revoked is None
    listed = token("carol", "--list", data_dir=data_dir, env=cli_env).stdout
    assert f"bzt_{prefix}  phone" in listed and secret not in listed


def test_it_revokes_a_token_by_its_prefix(data_dir: Path, cli_env: dict[str, str]) -> None:
    secret = token("carol", data_dir=data_dir, env=cli_env).stdout.strip()
    result = token("carol", "--revoke", secret[:12], data_dir=data_dir, env=cli_env)
    assert result.returncode == 0, result.stderr
    assert stored(data_dir)[-1][2] is not None
    again = token("carol", "--revoke", secret[:12], data_dir=data_dir, env=cli_env)
    assert again.returncode == 1


def test_it_needs_an_existing_account(data_dir: Path, cli_env: dict[str, str]) -> None:
    result = token("nobody", data_dir=data_dir, env=cli_env)
    assert result.returncode == 1
    assert "benzotaper adduser nobody" in result.stderr
