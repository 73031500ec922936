"""On the PostgreSQL pass the app really runs on PostgreSQL (tests/test_postgres_suite.py starts it)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.postgres


def test_the_connection_is_to_postgresql(db: None) -> None:
    assert connection.vendor == "postgresql"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0].split(".")[0].isdigit()


def test_the_database_url_was_read_from_the_environment(db: None) -> None:
    import os

    assert os.environ["BENZOTAPER_DATABASE_URL"].startswith("postgresql://postgres@127.0.0.1:")
    assert settings.DATABASES["default"]["HOST"] == "127.0.0.1"
