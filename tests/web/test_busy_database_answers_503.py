"""A database locked longer than the busy timeout answers 503 with a retry hint, on pages and in the
API, and nothing of the refused request is saved (through the real server, on a real SQLite file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from served import PASSWORD, alice_with_a_token, local, served

from benzotaper.web.faults import BUSY_MESSAGE, RETRY_AFTER_SECONDS


def test_a_locked_database_answers_503_and_keeps_nothing(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    database = data / "benzotaper.sqlite3"
    with served(data, free_port, cli_env, args=()):
        browser = local(free_port)
        assert browser.sign_in("alice", PASSWORD).status == 200
        page = browser.get("checkin/?date=2026-01-05")
        assert page.status == 200
        holder = sqlite3.connect(database, isolation_level=None, timeout=1)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for longer than 5 s
        try:
            api = browser.api(
                "POST", "api/v1/checkins", token, {"date": "2026-01-05", "wellbeing": 6, "notes": "x"}
            )
            form = browser.post_form("checkin/", {"date": "2026-01-05", "version": "0", "wellbeing": "6"})
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert api.status == 503
        assert api.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert api.json() == {"detail": BUSY_MESSAGE}
        assert form.status == 503
        assert form.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "Nothing was saved: wait a few seconds and try again." in form.text
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT count(*) FROM journal_checkin").fetchone()[0] == 0
        again = browser.api(
            "POST", "api/v1/checkins", token, {"date": "2026-01-05", "wellbeing": 6, "notes": "x"}
        )
        assert again.status == 201
