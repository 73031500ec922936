"""A bug answers a JSON 500 that gives nothing away, and is logged with its traceback: never a debug
page, whatever DEBUG says."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from api_calls import ApiClient, create_body

from benzotaper.web.journal.models import DoseTaken

if TYPE_CHECKING:
    from pytest_django.fixtures import SettingsWrapper


def broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("secret internals")


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_is_a_logged_json_500(
    alice_api: ApiClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    settings: SettingsWrapper,
    debug: bool,
) -> None:
    settings.DEBUG = debug
    monkeypatch.setattr(DoseTaken, "from_record", broken)
    with caplog.at_level(logging.ERROR, logger="benzotaper.web.api"):
        response = alice_api.send("POST", "/api/v1/doses", create_body("doses"))
    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Something went wrong on the server. The error was logged."}
    assert "secret internals" not in response.content.decode()
    (record,) = [r for r in caplog.records if r.name == "benzotaper.web.api.main"]
    assert "POST /api/v1/doses" in record.getMessage()
    assert record.exc_info is not None


def test_a_body_too_large_to_read_is_413(alice_api: ApiClient, settings: SettingsWrapper) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = alice_api.send("POST", "/api/v1/doses", {**create_body("doses"), "note": "x" * 200})
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
