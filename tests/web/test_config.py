"""Settings come from the environment, then the config file, then the defaults."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from benzotaper.config import Config, load_config


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No BENZOTAPER_* variables but a config file path (absent until written) and a data dir."""
    for name in list(os.environ):
        if name.startswith("BENZOTAPER_"):
            monkeypatch.delenv(name)
    config_file = tmp_path / "config.toml"
    monkeypatch.setenv("BENZOTAPER_CONFIG_FILE", str(config_file))
    monkeypatch.setenv("BENZOTAPER_DATA_DIR", str(tmp_path / "data"))
    return config_file


def test_the_defaults_are_a_private_local_install(clean_env: Path, tmp_path: Path) -> None:
    config = load_config()
    assert config.database_url is None
    assert config.sqlite_path == tmp_path / "data" / "benzotaper.sqlite3"
    assert config.debug is False
    assert config.allowed_hosts == ["localhost", "127.0.0.1", "[::1]"]
    assert config.secure_cookies is False
    assert config.signup == "open"


def test_the_environment_wins_over_the_config_file(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean_env.write_text('allowed_hosts = ["from-file.example"]\nsecure_cookies = true\n')
    monkeypatch.setenv("BENZOTAPER_ALLOWED_HOSTS", "a.example, b.example")
    config = load_config()
    assert config.allowed_hosts == ["a.example", "b.example"]
    assert config.secure_cookies is True


def test_it_rejects_a_misspelt_setting_in_the_config_file(clean_env: Path) -> None:
    clean_env.write_text("secure_cookie = true\n")
    with pytest.raises(ValueError, match="secure_cookie"):
        load_config()


def test_it_makes_a_secret_key_once_and_keeps_it_private(clean_env: Path, tmp_path: Path) -> None:
    first = load_config().secret_key
    key_file = tmp_path / "data" / "secret_key"
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_config().secret_key == first


def test_a_new_data_folder_is_private(clean_env: Path, tmp_path: Path) -> None:
    load_config()
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_a_secret_key_given_in_the_environment_is_used_as_it_is(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BENZOTAPER_SECRET_KEY", "k" * 60)
    assert load_config().secret_key == "k" * 60
    assert not (tmp_path / "data" / "secret_key").exists()


def test_the_secret_key_is_not_shown_in_the_settings_repr(clean_env: Path) -> None:
    config = load_config()
    assert config.secret_key not in repr(config)


def test_signup_can_be_closed(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENZOTAPER_SIGNUP", "closed")
    assert load_config().signup == "closed"
    monkeypatch.setenv("BENZOTAPER_SIGNUP", "sometimes")
    with pytest.raises(ValueError, match="signup"):
        Config()
