"""After a person's data is deleted, no copy of it is left in the SQLite files: secure_delete zeroes
it in the main file and a TRUNCATE checkpoint empties the WAL (through the real server)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from served import PASSWORD, add_person, alice_with_a_token, local, make_token, served

from benzotaper.web.database import SQLITE_INIT_COMMAND

MARKER = "marker-note-7f3a9c"


def copies(data: Path) -> int:
    return sum(path.read_bytes().count(MARKER.encode()) for path in data.glob("benzotaper.sqlite3*"))


def test_deleting_all_my_data_leaves_no_copy_in_the_files(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    password = PASSWORD
    add_person(cli_env, data)
    token = make_token(cli_env, data)
    with served(data, free_port, cli_env, args=()):
        browser = local(free_port)
        for day in range(1, 29):
            body = {"date": f"2026-02-{day:02d}", "wellbeing": 5, "notes": f"{MARKER} {day}"}
            assert browser.api("POST", "api/v1/checkins", token, body).status == 201
        assert copies(data) >= 28
        assert browser.sign_in("alice", password).status == 200
        deleted = browser.post_form("accounts/delete/", {"password": password, "confirm": "delete"})
        assert deleted.status == 200 and "Your account and all its data are deleted." in deleted.text
        assert copies(data) == 0
        assert (data / "benzotaper.sqlite3-wal").stat().st_size == 0


def test_deleting_one_check_in_empties_the_wal_too(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    with served(data, free_port, cli_env, args=()):
        browser = local(free_port)
        made = browser.api(
            "POST", "api/v1/checkins", token, {"date": "2026-02-01", "wellbeing": 5, "notes": MARKER}
        )
        assert made.status == 201
        assert browser.api("DELETE", f"api/v1/checkins/{made.json()['id']}", token).status == 204
        assert copies(data) == 0


def test_every_sqlite_connection_deletes_securely(db: None) -> None:
    assert "PRAGMA secure_delete=ON" in SQLITE_INIT_COMMAND
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone()[0] == 1


def test_deleting_a_person_checkpoints_on_sqlite_and_is_plain_on_postgresql(
    alice: User, make_rows: Callable[[User], dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    make_rows(alice)
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        alice.delete()
    checkpoints = [q["sql"] for q in queries.captured_queries if "wal_checkpoint" in q["sql"]]
    assert checkpoints == (["PRAGMA wal_checkpoint(TRUNCATE)"] if connection.vendor == "sqlite" else [])
    assert not User.objects.filter(username="alice").exists()
