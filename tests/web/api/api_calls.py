"""Calling the API in tests: JSON requests, valid bodies for each resource, and dates.

Dates are counted back from today where Alice and Bob are (Europe/London): a dose or a check-in
cannot be in the future.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from django.test import Client

if TYPE_CHECKING:
    from django.http import HttpResponse

RESOURCES = ("plans", "doses", "checkins", "medications")
VERSIONED = ("doses", "checkins", "medications")


def today() -> dt.date:
    from benzotaper.web.accounts.models import Profile

    return Profile(time_zone="Europe/London").today()


def days_ago(days: int) -> str:
    """The ISO date ``days`` before today (negative: after)."""
    return (today() - dt.timedelta(days=days)).isoformat()


def create_body(resource: str) -> dict[str, Any]:
    """A valid body that creates one record of ``resource``."""
    bodies: dict[str, dict[str, Any]] = {
        "plans": {"name": "first plan", "regimen": [{"drug": "diazepam", "time": "night", "mg": "10"}]},
        "doses": {
            "date": days_ago(1),
            "time_of_day": "morning",
            "drug": "alprazolam",
            "planned_mg": "0.5",
            "taken_mg": "0.5",
            "status": "as_planned",
        },
        "checkins": {
            "date": days_ago(1),
            "wellbeing": 6,
            "sleep_hours": "7.5",
            "symptoms": [
                {"symptom": "anxiety", "severity": 2},
                {"symptom": "jaw ache", "severity": 1, "custom": True},
            ],
            "events": [{"kind": "stress", "text": "work"}],
            "red_flags": [],
        },
        "medications": {
            "name": "alprazolam",
            "kind": "benzodiazepine",
            "dose_text": "0.5mg",
            "time_of_day": "morning",
        },
    }
    return bodies[resource]


# A field of each resource an update changes, and two new values for it (one for PUT, one for PATCH).
CHANGES: dict[str, tuple[str, Any, Any]] = {
    "plans": ("name", "renamed plan", "renamed again"),
    "doses": ("note", "taken late", "taken with food"),
    "checkins": ("wellbeing", 7, 8),
    "medications": ("dose_text", "0.25mg", "0.125mg"),
}


def put_body(resource: str, record: dict[str, Any], value: Any) -> dict[str, Any]:
    """A PUT body that sets the resource's changing field to ``value`` on ``record``."""
    field = CHANGES[resource][0]
    if resource == "plans":
        return {field: value}
    return {**create_body(resource), field: value, "version": record["version"]}


def patch_body(resource: str, record: dict[str, Any], value: Any) -> dict[str, Any]:
    field = CHANGES[resource][0]
    return {field: value} | ({"version": record["version"]} if resource in VERSIONED else {})


def send(client: Client, method: str, path: str, body: Any = None, **extra: Any) -> HttpResponse:
    """``method`` on ``path`` with ``body`` as JSON."""
    kwargs: dict[str, Any] = {"content_type": "application/json", **extra}
    if body is not None:
        kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
    response: HttpResponse = getattr(client, method.lower())(path, **kwargs)
    return response


class ApiClient(Client):
    """A client that sends ``Authorization: Bearer <token>``. It enforces CSRF, as a browser's
    session would meet it, to show that a token needs none."""

    def __init__(self, token: str | None = None) -> None:
        extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        super().__init__(enforce_csrf_checks=True, **extra)

    def send(self, method: str, path: str, body: Any = None, **extra: Any) -> HttpResponse:
        return send(self, method, path, body, **extra)

    def create(self, resource: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create a record (``create_body`` unless given) and return it; fails unless 201."""
        response = self.send("POST", f"/api/v1/{resource}", body or create_body(resource))
        assert response.status_code == 201, response.content
        record: dict[str, Any] = response.json()
        return record
