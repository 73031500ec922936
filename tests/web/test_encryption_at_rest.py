"""Encryption at rest (SQLCipher): an encrypted database served with its passphrase keeps working, and
no note written through the app can be found in the files on disk; a wrong passphrase is one clear
line; ``encrypt`` and ``decrypt`` convert an existing database both ways."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from served import add_person, alice_with_a_token, benzotaper, local, make_token, served

from benzotaper.web.encryption import derive_key, is_encrypted

pytest.importorskip("sqlcipher3")  # the encryption extra; installed with the dev dependencies

PASSPHRASE = "correct horse battery staple"
NOTE = "a note nobody else may read 41d9"


def on_disk(data: Path) -> bytes:
    return b"".join(path.read_bytes() for path in data.rglob("*") if path.is_file())


def test_an_encrypted_database_hides_every_note_on_disk(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    result = benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.returncode == 0, result.stderr
    assert is_encrypted(data / "benzotaper.sqlite3")
    with served(data, free_port, cli_env, stdin=PASSPHRASE + "\n") as server:
        client = local(free_port)
        for day in range(1, 11):
            body = {"date": f"2026-03-{day:02d}", "wellbeing": 4, "notes": f"{NOTE} {day}"}
            assert client.api("POST", "api/v1/checkins", token, body).status == 201
        listed = client.api("GET", "api/v1/checkins", token).json()
        assert sorted(c["notes"] for c in listed)[0] == f"{NOTE} 1"
        assert NOTE.encode() not in on_disk(data)  # database, WAL, SHM and the automatic backup
        assert b"alice" not in on_disk(data)
    assert "(encrypted)" in server.out
    with sqlite3.connect(data / "benzotaper.sqlite3") as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_wrong_passphrase_is_one_line(tmp_path: Path, cli_env: dict[str, str]) -> None:
    data = tmp_path / "data"
    add_person(cli_env, data)
    benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    result = benzotaper(cli_env, "serve", "--data-dir", str(data), stdin="not it\n")
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: The passphrase does not open {data / 'benzotaper.sqlite3'}. Check it and try again.\n"
    )


def test_decrypt_gives_back_a_plain_database_with_everything_in_it(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    add_person(cli_env, data)
    make_token(cli_env, data)
    benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert benzotaper(cli_env, "decrypt", "--data-dir", str(data), stdin="wrong\n").returncode == 1
    result = benzotaper(cli_env, "decrypt", "--data-dir", str(data), stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert not is_encrypted(data / "benzotaper.sqlite3")
    assert not (data / "encryption_salt").exists()
    with sqlite3.connect(data / "benzotaper.sqlite3") as db:
        assert db.execute("SELECT username FROM auth_user").fetchall() == [("alice",)]
        assert db.execute("SELECT count(*) FROM accounts_apitoken").fetchone()[0] == 1
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_encrypting_twice_is_refused(tmp_path: Path, cli_env: dict[str, str]) -> None:
    data = tmp_path / "data"
    add_person(cli_env, data)
    benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    again = benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert again.returncode == 1
    assert again.stderr == f"error: {data / 'benzotaper.sqlite3'} is already encrypted.\n"


def test_the_key_is_256_bits_from_argon2id_and_depends_on_the_salt() -> None:
    key = derive_key(PASSPHRASE, bytes(16))
    assert len(key) == 64 and int(key, 16) >= 0
    assert derive_key(PASSPHRASE, bytes(16)) == key
    assert derive_key(PASSPHRASE, bytes([1]) * 16) != key


def test_a_backup_of_an_encrypted_database_is_encrypted_and_restores_with_the_passphrase(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    add_person(cli_env, data)
    benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    backup = tmp_path / "backup.sqlite3"
    result = benzotaper(
        cli_env, "backup", "--out", str(backup), "--data-dir", str(data), stdin=PASSPHRASE + "\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("(encrypted).\n")
    assert is_encrypted(backup) and b"alice" not in backup.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    restored = benzotaper(
        cli_env, "restore", str(backup), "--data-dir", str(elsewhere), stdin=PASSPHRASE + "\n"
    )
    assert restored.returncode == 0, restored.stderr
    listed = benzotaper(
        cli_env, "token", "alice", "--list", "--data-dir", str(elsewhere), stdin=PASSPHRASE + "\n"
    )
    assert listed.returncode == 0, listed.stderr
