"""Optimistic locking: an update carries the version it was made on. When the record changed since
(another tab or device), the update answers 409 with the record as it is now, and writes nothing.
A second record where only one may be (a dose entry, a day's check-in) is 409 with the first."""

from __future__ import annotations

import pytest
from api_calls import CHANGES, VERSIONED, ApiClient, create_body, days_ago, patch_body, put_body


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.parametrize("resource", VERSIONED)
def test_an_update_on_a_stale_version_is_409_with_the_current_record(
    alice_api: ApiClient, resource: str, method: str
) -> None:
    record = alice_api.create(resource)
    url = f"/api/v1/{resource}/{record['id']}"
    _, first, second = CHANGES[resource]
    # The phone saves first ...
    current = alice_api.send("PATCH", url, patch_body(resource, record, first)).json()
    assert current["version"] == 2
    # ... then the laptop, still showing version 1.
    make = put_body if method == "PUT" else patch_body
    response = alice_api.send(method, url, make(resource, record, second))
    assert response.status_code == 409
    body = response.json()
    assert "changed elsewhere" in body["detail"]
    assert body["current"] == current
    assert alice_api.send("GET", url).json() == current


def test_the_current_version_saves(alice_api: ApiClient) -> None:
    record = alice_api.create("doses")
    url = f"/api/v1/doses/{record['id']}"
    alice_api.send("PATCH", url, {"version": 1, "note": "first"})
    response = alice_api.send("PATCH", url, {"version": 2, "note": "second"})
    assert response.status_code == 200
    assert response.json()["version"] == 3


def test_a_stale_check_in_keeps_its_symptom_ratings(alice_api: ApiClient) -> None:
    record = alice_api.create("checkins")
    url = f"/api/v1/checkins/{record['id']}"
    alice_api.send("PATCH", url, {"version": 1, "notes": "saved on the phone"})
    stale = {"version": 1, "symptoms": [{"symptom": "panic", "severity": 4}]}
    assert alice_api.send("PATCH", url, stale).status_code == 409
    assert alice_api.send("GET", url).json()["symptoms"] == record["symptoms"]


def test_a_second_dose_entry_for_the_same_drug_time_and_day_is_409_with_the_first(
    alice_api: ApiClient,
) -> None:
    first = alice_api.create("doses")
    response = alice_api.send("POST", "/api/v1/doses", {**create_body("doses"), "note": "again"})
    assert response.status_code == 409
    assert response.json()["current"] == first


def test_a_second_check_in_for_a_day_is_409_with_the_first(alice_api: ApiClient) -> None:
    first = alice_api.create("checkins")
    response = alice_api.send("POST", "/api/v1/checkins", {**create_body("checkins"), "wellbeing": 2})
    assert response.status_code == 409
    assert response.json()["current"] == first


def test_moving_a_check_in_onto_a_day_that_has_one_is_409(alice_api: ApiClient) -> None:
    first = alice_api.create("checkins")
    other = alice_api.create("checkins", {**create_body("checkins"), "date": days_ago(2)})
    response = alice_api.send(
        "PATCH", f"/api/v1/checkins/{other['id']}", {"version": 1, "date": first["date"]}
    )
    assert response.status_code == 409
    assert response.json()["current"] == first
