"""The health data is for its owner only: the data folder is 0700 and every database, WAL, SHM,
backup, salt and key file 0600 from its creation; an existing folder open to others is made private,
or refused when it is not ours."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from served import add_person, benzotaper, local, served

from benzotaper import config
from benzotaper.config import DataFolderError, make_private_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_the_served_app_makes_is_private(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data = tmp_path / "journal"
    with served(data, free_port, cli_env):
        browser = local(free_port)
        made = browser.post_form(
            "accounts/signup/",
            {"username": "alice", "password1": "a long pass phrase", "password2": "a long pass phrase",
             "time_zone": "UTC", "country": "US"},
        )  # fmt: skip
        assert made.status == 200
        files = {p.name: mode(p) for p in data.iterdir() if p.is_file()}
        backups = data / "backups"
        assert backups.is_dir()  # the first automatic backup is made at start
        backup_files = {p.name: mode(p) for p in backups.iterdir()}
    assert mode(data) == 0o700
    assert mode(backups) == 0o700
    assert {"benzotaper.sqlite3", "benzotaper.sqlite3-wal", "benzotaper.sqlite3-shm", "secret_key"} <= set(
        files
    )
    assert set(files.values()) == {0o600}, files
    assert len(backup_files) == 1 and set(backup_files.values()) == {0o600}, backup_files


def test_a_backup_and_an_encrypted_database_are_private(tmp_path: Path, cli_env: dict[str, str]) -> None:
    data = tmp_path / "data"
    add_person(cli_env, data)
    assert (
        benzotaper(
            cli_env, "backup", "--out", str(tmp_path / "plain.sqlite3"), "--data-dir", str(data)
        ).returncode
        == 0
    )
    assert mode(tmp_path / "plain.sqlite3") == 0o600
    encrypted = benzotaper(cli_env, "encrypt", "--data-dir", str(data), stdin="secret words\nsecret words\n")
    assert encrypted.returncode == 0, encrypted.stderr
    assert mode(data / "encryption_salt") == 0o600
    assert mode(data / "benzotaper.sqlite3") == 0o600


def test_an_open_data_folder_of_ours_is_made_private_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "taper-journal"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    make_private_dir(folder)
    assert mode(folder) == 0o700
    assert (
        f"the data folder {folder} could be read by other users (mode 755); it is now 700"
        in capsys.readouterr().err
    )


def test_an_open_data_folder_of_someone_else_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o750)
    monkeypatch.setattr(config.os, "geteuid", lambda: os.stat(folder).st_uid + 1)
    with pytest.raises(DataFolderError, match=r"can be read by other users \(mode 750\) and is not yours"):
        make_private_dir(folder)
    assert mode(folder) == 0o750


def test_serve_refuses_an_open_folder_it_cannot_fix_in_one_line(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs to give the folder to another user (root)")
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    os.chown(folder, 65534, 65534)  # nobody
    result = benzotaper(cli_env, "adduser", "alice", "--data-dir", str(folder), stdin="a long pass phrase\n")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: The data folder {folder} can be read by other users (mode 755)")
    assert len(result.stderr.splitlines()) == 1
