"""Where benzotaper keeps its data and how it runs: typed settings, read once at start-up.

Each setting comes from, in this order: the environment (``BENZOTAPER_<NAME>``, e.g.
``BENZOTAPER_DATABASE_URL``), then the TOML file ``config.toml`` in the user's config directory
(``platformdirs.user_config_dir("benzotaper")``, or the file named by ``BENZOTAPER_CONFIG_FILE``),
then the defaults below. Command-line flags such as ``benzotaper serve --data-dir`` win over all of
them by setting the environment variable before the settings are read.

A TOML file uses the same names in lower case::

    data_dir = "/srv/benzotaper"
    database_url = "postgresql://benzotaper@db.internal/benzotaper"
    allowed_hosts = ["clinic.example.org"]
    secure_cookies = true
    backup_every_hours = 24
    backup_keep = 7

Lists given in the environment are separated by commas:
``BENZOTAPER_ALLOWED_HOSTS=clinic.example.org,www.clinic.example.org``.

This module imports pydantic, which is slow to import: the command line imports it only inside the
commands that need it.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

APP_NAME = "benzotaper"
ENV_PREFIX = "BENZOTAPER_"
CONFIG_FILE_ENV = "BENZOTAPER_CONFIG_FILE"
SQLITE_FILE_NAME = "benzotaper.sqlite3"
SECRET_KEY_FILE_NAME = "secret_key"
BACKUP_DIR_NAME = "backups"


def config_file() -> Path:
    """The TOML config file: ``$BENZOTAPER_CONFIG_FILE``, else ``config.toml`` in the user's config
    directory. It need not exist."""
    named = os.environ.get(CONFIG_FILE_ENV)
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Config(BaseSettings):
    """The settings of one benzotaper installation. Build it with :func:`load_config`."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    data_dir: Path = Field(default_factory=_default_data_dir)
    """Folder of the SQLite database and the generated secret key; created when missing."""

    database_url: str | None = None
    """``postgresql://user:password@host:port/name`` for a PostgreSQL server (a clinic). None: the
    SQLite file ``benzotaper.sqlite3`` in ``data_dir``."""

    secret_key: str = Field(default="", repr=False)
    """Django's signing key. Empty: generated once and kept in ``data_dir/secret_key`` (mode 0600), so
    sessions survive a restart. Set it when several servers share one database."""

    debug: bool = False
    """Django's debug pages. Never on a server other people can reach."""

    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "[::1]"]
    )
    """Host names the app answers to (Django's ALLOWED_HOSTS)."""

    secure_cookies: bool = False
    """Send the session and CSRF cookies over HTTPS only. Turn on behind a TLS proxy."""

    csrf_trusted_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Origins such as ``https://clinic.example.org`` allowed to post forms, for a TLS proxy."""

    signup: Literal["open", "closed"] = "open"
    """"open": anyone who can reach the app may create an account (a personal or family server, and
    the first visit of a fresh install). "closed": only ``benzotaper adduser`` creates accounts."""

    backup_every_hours: int = Field(default=24, ge=0, le=24 * 365)
    """While ``serve`` runs on SQLite, a backup of the database is made in ``data_dir/backups`` when the
    newest there is this many hours old (at start and then hourly). 0: no automatic backups."""

    backup_keep: int = Field(default=7, ge=1, le=10_000)
    """How many automatic backups to keep; the oldest are deleted past this number."""

    @field_validator("allowed_hosts", "csrf_trusted_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("data_dir", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @model_validator(mode="after")
    def _stored_secret_key(self) -> Config:
        if not self.secret_key:
            # frozen: the one place the generated key is filled in.
            object.__setattr__(self, "secret_key", stored_secret_key(self.data_dir))
        return self

    @property
    def sqlite_path(self) -> Path:
        """The SQLite database file used when no ``database_url`` is set."""
        return self.data_dir / SQLITE_FILE_NAME

    @property
    def backup_dir(self) -> Path:
        """The folder of the automatic backups."""
        return self.data_dir / BACKUP_DIR_NAME

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # No .env file and no secrets folder: environment, then the TOML file, then defaults.
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file()))


def load_config() -> Config:
    """Read the settings (environment, then config file, then defaults) and create the data folder."""
    config = Config()
    make_private_dir(config.data_dir)
    return config


class DataFolderError(ValueError):
    """The data folder is open to other people and cannot be made private."""


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) when missing, for its owner only (0700): it holds health data.

    An existing folder that other users can read, write or enter is made private when it is ours,
    with a note on standard error; one that belongs to someone else is refused (``DataFolderError``),
    since we cannot know who else is meant to read it.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return
    if path.stat().st_uid != os.geteuid():
        raise DataFolderError(
            f"The data folder {path} can be read by other users (mode {mode:o}) and is not yours, so it "
            f"cannot be made private. Run 'chmod 700 {path}' as its owner, or choose another --data-dir."
        )
    path.chmod(0o700)
    print(
        f"note: the data folder {path} could be read by other users (mode {mode:o}); it is now 700.",
        file=sys.stderr,
    )


def create_private_file(path: Path) -> None:
    """Make sure ``path`` exists and only its owner can read or write it (0600).

    A SQLite database is created through this before its first connection: SQLite gives its -wal
    and -shm files the mode of the database file, so they are private from their first byte too.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)


def stored_secret_key(data_dir: Path) -> str:
    """The secret key kept in ``data_dir/secret_key``, made on first use, readable by its owner only.

    The file is created exclusively, so two processes starting at once end up with the same key.
    """
    path = data_dir / SECRET_KEY_FILE_NAME
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # load_config then checks its mode
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(key + "\n")
    return key


def _read_key(path: Path) -> str:
    # Another process may have created the file an instant ago and not written it yet.
    for _ in range(50):
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"The secret key file {path} is empty. Delete it to make a new key.")
