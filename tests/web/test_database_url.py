"""BENZOTAPER_DATABASE_URL selects PostgreSQL; without it, SQLite tuned for a small web app."""

from pathlib import Path

import pytest

from benzotaper.web.database import database_settings, postgres_database


def test_without_a_url_it_uses_the_sqlite_file_with_wal_and_immediate_transactions() -> None:
    settings = database_settings(None, Path("/data/benzotaper.sqlite3"))
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["NAME"] == "/data/benzotaper.sqlite3"
    assert settings["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    init = settings["OPTIONS"]["init_command"]
    for pragma in ("journal_mode=WAL", "busy_timeout=5000", "synchronous=NORMAL", "foreign_keys=ON"):
        assert pragma in init


def test_it_reads_every_part_of_a_postgresql_url() -> None:
    settings = postgres_database("postgresql://taper:s%40cret@db.example:6543/journal?sslmode=require")
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert (settings["USER"], settings["PASSWORD"]) == ("taper", "s@cret")
    assert (settings["HOST"], settings["PORT"], settings["NAME"]) == ("db.example", "6543", "journal")
    assert settings["OPTIONS"] == {"sslmode": "require"}


def test_it_accepts_the_short_scheme_and_a_unix_socket() -> None:
    settings = postgres_database("postgres://taper@/journal?host=/run/postgresql")
    assert settings["HOST"] == "/run/postgresql"
    assert settings["PORT"] == ""
    assert settings["OPTIONS"] == {}


@pytest.mark.parametrize(
    ("url", "message"),
    [("mysql://db/journal", "postgresql://"), ("postgresql://db.example", "names no database")],
)
def test_it_explains_a_url_it_cannot_use(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        postgres_database(url)
