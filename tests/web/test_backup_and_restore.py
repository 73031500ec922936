"""``backup`` copies the database consistently while the server writes to it; ``restore`` checks a
backup and will not overwrite a journal unless told; the daily backup keeps the newest few."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from served import add_person, alice_with_a_token, benzotaper, local, served

from benzotaper.web.backups import automatic_backups, backup_if_due, make_backup


def count_checkins(database: Path) -> int:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(db.execute("SELECT count(*) FROM journal_checkin").fetchone()[0])


def test_a_backup_taken_while_the_server_writes_is_whole(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    env = {**cli_env, "BENZOTAPER_BACKUP_EVERY_HOURS": "0"}
    with served(data, free_port, env):
        client = local(free_port)
        start = dt.date(2025, 1, 1)

        def write(days: range) -> None:
            for n in days:
                body = {
                    "date": (start + dt.timedelta(days=n)).isoformat(),
                    "wellbeing": 5,
                    "notes": "n" * 500,
                }
                assert client.api("POST", "api/v1/checkins", token, body).status == 201

        write(range(20))
        writer = threading.Thread(target=write, args=(range(20, 80),))
        writer.start()
        result = benzotaper(
            cli_env, "backup", "--out", str(tmp_path / "during.sqlite3"), "--data-dir", str(data)
        )
        writer.join()
    assert not (data / "backups").exists()  # BENZOTAPER_BACKUP_EVERY_HOURS=0: none automatic
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Backed up {data / 'benzotaper.sqlite3'} to {tmp_path / 'during.sqlite3'}.\n"
    assert 20 <= count_checkins(tmp_path / "during.sqlite3") <= 80


def test_restore_checks_the_backup_and_asks_before_replacing(tmp_path: Path, cli_env: dict[str, str]) -> None:
    data = tmp_path / "data"
    add_person(cli_env, data)
    backup = tmp_path / "alice.sqlite3"
    assert benzotaper(cli_env, "backup", "--out", str(backup), "--data-dir", str(data)).returncode == 0
    again = benzotaper(cli_env, "backup", "--out", str(backup), "--data-dir", str(data))
    assert (again.returncode, again.stderr) == (
        1,
        f"error: {backup} exists already. Choose another name, or delete it first.\n",
    )

    add_person(cli_env, data, "bob")  # bob is not in the backup
    refused = benzotaper(cli_env, "restore", str(backup), "--data-dir", str(data))
    assert refused.returncode == 1
    assert "already holds a journal. Add --force to replace it" in refused.stderr
    restored = benzotaper(cli_env, "restore", str(backup), "--force", "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(data / "benzotaper.sqlite3") as db:
        assert db.execute("SELECT username FROM auth_user").fetchall() == [("alice",)]

    fresh = tmp_path / "fresh"
    assert benzotaper(cli_env, "restore", str(backup), "--data-dir", str(fresh)).returncode == 0
    assert (fresh / "benzotaper.sqlite3").stat().st_mode & 0o777 == 0o600


def test_a_damaged_backup_is_refused(tmp_path: Path, cli_env: dict[str, str]) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = benzotaper(cli_env, "restore", str(damaged), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {damaged} is not a benzotaper backup that can be read")
    assert not (tmp_path / "data" / "benzotaper.sqlite3").exists() or (
        (tmp_path / "data" / "benzotaper.sqlite3").stat().st_size == 0
    )


def test_backups_of_postgresql_are_left_to_its_own_tools(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "BENZOTAPER_DATABASE_URL": "postgresql://clinic@db/benzotaper"}
    result = benzotaper(env, "backup", "--out", str(tmp_path / "x"), "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "Use PostgreSQL's own tools, like pg_dump" in result.stderr


def test_the_daily_backup_is_made_when_due_and_keeps_the_newest(tmp_path: Path) -> None:
    database = tmp_path / "benzotaper.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE t (x)")
    folder = tmp_path / "backups"
    made = [backup_if_due(database, folder, None, every=dt.timedelta(0), keep=2) for _ in range(3)]
    assert all(path is not None for path in made)
    assert automatic_backups(folder) == sorted(p for p in made[1:] if p is not None)
    assert backup_if_due(database, folder, None, every=dt.timedelta(hours=24), keep=2) is None  # not due


def test_a_backup_needs_a_database(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="There is no database at"):
        make_backup(tmp_path / "none.sqlite3", tmp_path / "out.sqlite3", None)
