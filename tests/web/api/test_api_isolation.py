"""Bob, with his own valid token, reaches none of Alice's records: reading, replacing, changing or
deleting any of them answers 404, exactly as for an id that does not exist, and changes nothing.
Lists show each person only their own records."""

from __future__ import annotations

from typing import Any

import pytest
from api_calls import CHANGES, RESOURCES, ApiClient, patch_body, put_body


@pytest.fixture
def alices_records(alice_api: ApiClient) -> dict[str, dict[str, Any]]:
    return {resource: alice_api.create(resource) for resource in RESOURCES}


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_bob_gets_404_for_every_one_of_alices_records(
    alice_api: ApiClient,
    bob_api: ApiClient,
    alices_records: dict[str, dict[str, Any]],
    resource: str,
    method: str,
) -> None:
    record = alices_records[resource]
    url = f"/api/v1/{resource}/{record['id']}"
    body = {"PUT": put_body, "PATCH": patch_body}.get(method)
    _, value, _ = CHANGES[resource]
    response = bob_api.send(method, url, body(resource, record, value) if body else None)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    missing = bob_api.send(
        method, f"/api/v1/{resource}/{record['id'] + 1000}", body(resource, record, value) if body else None
    )
    assert (missing.status_code, missing.json()) == (404, response.json())
    assert alice_api.send("GET", url).json() == record


def test_lists_show_only_ones_own_records(
    alice_api: ApiClient, bob_api: ApiClient, alices_records: dict[str, dict[str, Any]]
) -> None:
    bobs = {resource: bob_api.create(resource) for resource in RESOURCES}
    for resource in RESOURCES:
        assert [row["id"] for row in alice_api.send("GET", f"/api/v1/{resource}").json()] == [
            alices_records[resource]["id"]
        ]
        assert [row["id"] for row in bob_api.send("GET", f"/api/v1/{resource}").json()] == [
            bobs[resource]["id"]
        ]


def test_bobs_plan_does_not_supersede_alices(alice_api: ApiClient, bob_api: ApiClient) -> None:
    alices = alice_api.create("plans")
    bob_api.create("plans")
    assert alice_api.send("GET", f"/api/v1/plans/{alices['id']}").json()["status"] == "active"


def test_the_same_day_is_free_for_each_person(alice_api: ApiClient, bob_api: ApiClient) -> None:
    alice_api.create("checkins")
    bob_api.create("checkins")
    alice_api.create("doses")
    bob_api.create("doses")
