"""Test set-up shared by the whole suite: Django on a throwaway database, SQLite or PostgreSQL.

The settings read their configuration when first imported, so everything they read is set here,
in ``pytest_configure``, before pytest-django sets Django up (its own ``pytest_configure`` runs
last): a temporary data folder, no user config file, and the database.

- By default the tests use SQLite (Django's in-memory test database).
- With ``BENZOTAPER_TEST_DB=postgres`` a throwaway PostgreSQL cluster is started from the server
  binaries on this machine (see ``PostgresCluster``) and ``BENZOTAPER_DATABASE_URL`` points at it,
  so the settings take the same path as a clinic's server. If it cannot start, the run fails: it is
  never skipped. Only the tests that use the database run then (see
  ``pytest_collection_modifyitems``); ``tests/test_postgres_suite.py`` runs them this way from the
  ordinary ``pytest`` command, so the README's one test command covers both databases.

DJANGO_SETTINGS_MODULE is deliberately not in pyproject's pytest options: pytest-django would then
import the settings before this file could set their environment.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

SETTINGS_MODULE = "benzotaper.web.settings"
TEST_DB_ENV = "BENZOTAPER_TEST_DB"
PG_BIN_ENV = "BENZOTAPER_PG_BIN"
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server", "django_db_reset_sequences"}

_scratch: Path | None = None
_cluster: PostgresCluster | None = None


def on_postgres() -> bool:
    return os.environ.get(TEST_DB_ENV, "sqlite") == "postgres"


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PostgresCluster:
    """A PostgreSQL server of its own in a temporary folder, for one test run.

    ``initdb`` with trust authentication for the ``postgres`` role, listening on 127.0.0.1 on a free
    port and on a Unix socket in the same folder; durability is off (fsync), since the data is thrown
    away. PostgreSQL refuses to run as root, so as root the server runs as the system user
    ``postgres`` (``runuser``), which owns the folder.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = free_port()
        self.bin = self._binaries()
        self._as_user: list[str] = []

    @staticmethod
    def _binaries() -> Path:
        named = os.environ.get(PG_BIN_ENV)
        if named:
            return Path(named)
        installed = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if installed:
            return installed[-1]
        initdb = shutil.which("initdb")
        if initdb:
            return Path(initdb).parent
        raise RuntimeError(f"No PostgreSQL server binaries found; set {PG_BIN_ENV} to their folder.")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/benzotaper"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self._as_user, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{log}"
            )

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres", group="postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")  # fmt: skip

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")


def pytest_configure(config: pytest.Config) -> None:
    global _scratch, _cluster
    django_conf = sys.modules.get("django.conf")
    if django_conf is not None and django_conf.settings.configured:
        raise pytest.UsageError(
            "Django's settings were read before tests/conftest.py could set up the test database: "
            "unset DJANGO_SETTINGS_MODULE (and do not pass --ds) and run pytest again."
        )
    _scratch = Path(tempfile.mkdtemp(prefix="benzotaper-tests-"))
    os.environ["BENZOTAPER_DATA_DIR"] = str(_scratch / "data")
    os.environ["BENZOTAPER_CONFIG_FILE"] = str(_scratch / "no-config.toml")
    os.environ["BENZOTAPER_CACHE_DIR"] = str(_scratch / "cache")  # never the user's own cache
    for name in (
        "BENZOTAPER_SECRET_KEY",
        "BENZOTAPER_DEBUG",
        "BENZOTAPER_SIGNUP",
        "BENZOTAPER_ALLOWED_HOSTS",
    ):
        os.environ.pop(name, None)
    os.environ.pop("BENZOTAPER_DATABASE_URL", None)
    if on_postgres():
        # Its own temporary folder: the server user must reach it, and _scratch is private (0700).
        _cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="benzotaper-postgres-")))
        try:
            _cluster.start()
        except Exception as error:
            shutil.rmtree(_cluster.root, ignore_errors=True)
            # Fail, never skip: a CI run that silently left PostgreSQL out would pass untested.
            raise pytest.UsageError(f"The throwaway PostgreSQL server did not start:\n{error}") from error
        os.environ["BENZOTAPER_DATABASE_URL"] = _cluster.url
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()  # pytest-django's own pytest_configure (which runs last) then blocks DB access


def pytest_unconfigure(config: pytest.Config) -> None:
    if _cluster is not None:
        _cluster.stop()
        shutil.rmtree(_cluster.root, ignore_errors=True)
    if _scratch is not None:
        shutil.rmtree(_scratch, ignore_errors=True)


def uses_database(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & DATABASE_FIXTURES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # On PostgreSQL only the tests that touch the database run (the rest ran in the SQLite pass);
    # tests marked ``postgres`` run only there.
    if on_postgres():
        keep = uses_database
    else:

        def keep(item: pytest.Item) -> bool:
            return item.get_closest_marker("postgres") is None

    config.hook.pytest_deselected(items=[item for item in items if not keep(item)])
    # Browser tests run last: Playwright keeps an event loop in this thread for the rest of the session,
    # and Django then (rightly) refuses synchronous database access in the tests that would follow.
    items[:] = sorted((item for item in items if keep(item)), key=lambda item: "/e2e/" in str(item.path))


def pytest_report_header(config: pytest.Config) -> str:
    if _cluster is not None:
        return f"database: throwaway PostgreSQL at 127.0.0.1:{_cluster.port} ({_cluster.bin})"
    return "database: SQLite (in memory)"


# --- Fixtures for every test --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest, settings: Any) -> None:
    """Argon2 takes ~0.1 s per hash by design; tests use a fast hasher unless they are about hashing
    (marked ``real_password_hashing``)."""
    if request.node.get_closest_marker("real_password_hashing") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_kept_analysis() -> None:
    """Each test starts, as a new server does, with no analysis kept in memory: ids and the frozen
    clock come again from test to test (``web.insights.analysis_cache``)."""
    cache = sys.modules.get("benzotaper.web.insights.analysis_cache")
    if cache is not None:
        cache.forget_all()


@pytest.fixture(name="free_port")
def free_port_fixture() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    return free_port()


@pytest.fixture
def cli_env() -> dict[str, str]:
    """The environment for running ``benzotaper`` in a child process: this run's temporary config,
    on SQLite (give the child its own ``--data-dir``)."""
    drop = ("BENZOTAPER_DATABASE_URL", "DJANGO_SETTINGS_MODULE", TEST_DB_ENV)
    return {key: value for key, value in os.environ.items() if key not in drop}
