"""A database too busy to answer: 503 with a retry hint, never a bare 500.

SQLite has one writer at a time. A writer waits up to the busy timeout (5 s, ``database.py``) for the
lock; past that SQLite raises "database is locked". That is not a bug of the request but a passing
state of the server, so the answer is ``503 Service Unavailable`` with ``Retry-After``, and nothing of
the request is kept: every write of a request runs in one transaction (``BEGIN IMMEDIATE``, taken
at its start), which is rolled back whole when the lock cannot be had.

Pages get this from ``handler500`` (``server_error`` below, which Django calls for any uncaught
exception while that exception is being handled); the API's last-resort handler asks
``is_database_busy`` the same question.
"""

from __future__ import annotations

import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.views import defaults

RETRY_AFTER_SECONDS = 5
BUSY_MESSAGE = "The journal is busy with another change. Nothing was saved: wait a few seconds and try again."
# SQLite's words for a lock it could not get in time (SQLITE_BUSY, SQLITE_LOCKED).
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")


def is_database_busy(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError) and any(word in str(error).lower() for word in _BUSY_WORDS)


def busy_response(response: HttpResponse) -> HttpResponse:
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's ``handler500``: 503 and a sentence for a busy database, else Django's own 500 page."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response(HttpResponse(BUSY_MESSAGE, content_type="text/plain; charset=utf-8"))
    return defaults.server_error(request)
