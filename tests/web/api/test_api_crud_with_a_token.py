"""With a personal token, every resource can be listed, created, read, replaced, changed and deleted,
and no CSRF token is needed (the client enforces CSRF as a browser would)."""

from __future__ import annotations

import pytest
from api_calls import CHANGES, RESOURCES, ApiClient, create_body, patch_body, put_body


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_token_does_everything_to_a_record_without_csrf(alice_api: ApiClient, resource: str) -> None:
    base = f"/api/v1/{resource}"
    field, put_value, patch_value = CHANGES[resource]

    created = alice_api.send("POST", base, create_body(resource))
    assert created.status_code == 201, created.content
    record = created.json()
    url = f"{base}/{record['id']}"

    read = alice_api.send("GET", url)
    assert read.status_code == 200
    assert read.json() == record

    listed = alice_api.send("GET", base)
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()] == [record["id"]]

    replaced = alice_api.send("PUT", url, put_body(resource, record, put_value))
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()[field] == put_value

    changed = alice_api.send("PATCH", url, patch_body(resource, replaced.json(), patch_value))
    assert changed.status_code == 200, changed.content
    assert changed.json()[field] == patch_value
    assert alice_api.send("GET", url).json() == changed.json()

    deleted = alice_api.send("DELETE", url)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert alice_api.send("GET", url).status_code == 404
    assert alice_api.send("GET", base).json() == []


@pytest.mark.parametrize("resource", ["doses", "checkins", "medications"])
def test_each_update_counts_the_version_up(alice_api: ApiClient, resource: str) -> None:
    record = alice_api.create(resource)
    assert record["version"] == 1
    url = f"/api/v1/{resource}/{record['id']}"
    _, put_value, patch_value = CHANGES[resource]
    replaced = alice_api.send("PUT", url, put_body(resource, record, put_value)).json()
    assert replaced["version"] == 2
    changed = alice_api.send("PATCH", url, patch_body(resource, replaced, patch_value)).json()
    assert changed["version"] == 3


def test_a_patch_changes_only_the_fields_it_names(alice_api: ApiClient) -> None:
    record = alice_api.create("checkins")
    url = f"/api/v1/checkins/{record['id']}"
    changed = alice_api.send("PATCH", url, {"version": 1, "notes": "a calmer day"}).json()
    unchanged = {key: value for key, value in record.items() if key not in {"notes", "version", "updated_at"}}
    assert {key: changed[key] for key in unchanged} == unchanged
    assert changed["notes"] == "a calmer day"


def test_a_check_in_with_a_red_flag_answers_with_what_to_do_and_the_emergency_number(
    alice_api: ApiClient,
) -> None:
    from benzotaper.knowledge import load_red_flags

    def alice_country() -> str:
        from django.contrib.auth.models import User

        from benzotaper.web.accounts.models import Profile

        return Profile.of(User.objects.get(username="alice")).country

    code = load_red_flags().emergency_signs[0].code
    response = alice_api.send("POST", "/api/v1/checkins", {"date": "2026-01-04", "red_flags": [code]})
    assert response.status_code == 201, response.content
    emergency = response.json()["emergency"]
    assert emergency["emergency_number"] == {"US": "911", "UK": "999"}[alice_country()]
    assert emergency["signs"][0]["code"] == code and emergency["signs"][0]["what_to_do"]
    calm = alice_api.send("POST", "/api/v1/checkins", {"date": "2026-01-05"})
    assert calm.json()["emergency"] is None
