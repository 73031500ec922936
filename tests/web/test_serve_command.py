"""``benzotaper serve`` starts the app with waitress, creating and migrating the database first."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def wait_until_up(process: subprocess.Popen[str], url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"benzotaper serve ended with status {process.returncode}:\n{process.communicate()}")
        try:
            urllib.request.urlopen(url + "static/css/app.css", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("benzotaper serve did not answer within 30 s")


def test_it_serves_the_app_on_a_fresh_sqlite_database(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data_dir = tmp_path / "data"
    command = [
        sys.executable,
        "-m",
        "benzotaper.cli",
        "serve",
        "--port",
        str(free_port),
        "--data-dir",
        str(data_dir),
    ]
    process = subprocess.Popen(
        command, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{free_port}/"
    try:
        wait_until_up(process, base)
        with urllib.request.urlopen(base, timeout=10) as response:
            assert response.status == 200
            assert response.url == base + "accounts/signup/?next=%2F"
            assert response.headers["Server"] is None  # no product banner
            assert "Content-Security-Policy" in response.headers
            assert b"Create your account" in response.read()
        database = data_dir / "benzotaper.sqlite3"
        assert database.exists()
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"auth_user", "journal_checkin", "journal_dosetaken", "accounts_profile"} <= tables
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = process.communicate(timeout=10)
    assert f"running at {base}" in out, out + err
    assert str(data_dir / "benzotaper.sqlite3") in out
    assert out.endswith("Stopped.\n")
    assert process.returncode == 0


def test_it_explains_a_database_url_it_cannot_use(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "BENZOTAPER_DATABASE_URL": "mysql://db/journal"}
    result = subprocess.run(
        [sys.executable, "-m", "benzotaper.cli", "serve", "--data-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: The database URL must start with postgresql://")
    assert "Traceback" not in result.stderr


def test_it_explains_a_setting_it_cannot_read(tmp_path: Path, cli_env: dict[str, str]) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text("secure_cookie = true\n")
    env = {**cli_env, "BENZOTAPER_CONFIG_FILE": str(config_file)}
    result = subprocess.run(
        [sys.executable, "-m", "benzotaper.cli", "serve", "--data-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: the configuration is not valid: BENZOTAPER_SECURE_COOKIE:")
    assert str(config_file) in result.stderr
