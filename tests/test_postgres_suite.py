"""The database tests pass on PostgreSQL too, as part of the ordinary ``pytest`` run.

Why a test that runs pytest: the README has one test command, and CI runs exactly that command.
The settings pick the database when they are first imported, so one pytest process cannot test
both databases. This test runs a second pytest in a child process with BENZOTAPER_TEST_DB=postgres:
tests/conftest.py then starts a throwaway PostgreSQL cluster from the server binaries on this
machine and runs every test that uses the database (the rest ran here already). If PostgreSQL
cannot start, the child fails and so does this test: CI never passes with PostgreSQL skipped.

Run the PostgreSQL pass alone with: ``BENZOTAPER_TEST_DB=postgres python3 -m uv run pytest``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(os.environ.get("BENZOTAPER_TEST_DB") == "postgres", reason="this is the PostgreSQL pass")
def test_the_database_tests_pass_on_postgresql() -> None:
    env = {**os.environ, "BENZOTAPER_TEST_DB": "postgres"}
    # Left set, DJANGO_SETTINGS_MODULE would make pytest-django read the settings before
    # tests/conftest.py points them at PostgreSQL.
    for name in ("BENZOTAPER_DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-m", "not e2e", "tests"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    summary = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, f"the PostgreSQL pass failed:\n{summary}"
    assert " passed" in result.stdout.splitlines()[-1], summary
