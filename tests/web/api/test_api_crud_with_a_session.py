"""Signed in with the browser session, the API works like the app's pages: reads freely, and every
change (POST, PUT, PATCH, DELETE) needs the CSRF token in the X-CSRFToken header, or it is 403."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from api_calls import CHANGES, RESOURCES, create_body, patch_body, put_body, send

if TYPE_CHECKING:
    from django.test import Client


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_session_with_the_csrf_token_does_everything_to_a_record(
    alice_client: Client, resource: str
) -> None:
    csrf = {"HTTP_X_CSRFTOKEN": alice_client.csrf_token()}
    base = f"/api/v1/{resource}"
    field, put_value, patch_value = CHANGES[resource]

    created = send(alice_client, "POST", base, create_body(resource), **csrf)
    assert created.status_code == 201, created.content
    record = created.json()
    url = f"{base}/{record['id']}"
    assert send(alice_client, "GET", url).json() == record
    assert [row["id"] for row in send(alice_client, "GET", base).json()] == [record["id"]]

    replaced = send(alice_client, "PUT", url, put_body(resource, record, put_value), **csrf)
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()[field] == put_value
    changed = send(alice_client, "PATCH", url, patch_body(resource, replaced.json(), patch_value), **csrf)
    assert changed.status_code == 200, changed.content
    assert changed.json()[field] == patch_value

    assert send(alice_client, "DELETE", url, **csrf).status_code == 204
    assert send(alice_client, "GET", url).status_code == 404


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_session_without_the_csrf_token_changes_nothing(alice_client: Client, resource: str) -> None:
    csrf = {"HTTP_X_CSRFTOKEN": alice_client.csrf_token()}
    base = f"/api/v1/{resource}"
    record = send(alice_client, "POST", base, create_body(resource), **csrf).json()
    url = f"{base}/{record['id']}"
    _, put_value, patch_value = CHANGES[resource]

    refused = [
        send(alice_client, "POST", base, create_body(resource)),
        send(alice_client, "PUT", url, put_body(resource, record, put_value)),
        send(alice_client, "PATCH", url, patch_body(resource, record, patch_value)),
        send(alice_client, "DELETE", url),
    ]
    assert [response.status_code for response in refused] == [403, 403, 403, 403]
    assert refused[0].json() == {"detail": "CSRF check Failed"}
    assert send(alice_client, "GET", url).json() == record
    assert len(send(alice_client, "GET", base).json()) == 1


def test_a_wrong_csrf_token_is_refused(alice_client: Client) -> None:
    alice_client.csrf_token()
    response = send(
        alice_client, "POST", "/api/v1/medications", create_body("medications"), HTTP_X_CSRFTOKEN="x" * 32
    )
    assert response.status_code == 403


def test_someone_not_signed_in_gets_401_not_a_csrf_error(csrf_client: Client) -> None:
    for method, path in [("GET", "/api/v1/doses"), ("POST", "/api/v1/doses"), ("DELETE", "/api/v1/doses/1")]:
        response = send(csrf_client, method, path, create_body("doses") if method == "POST" else None)
        assert response.status_code == 401, (method, response.content)
        assert response.json() == {"detail": "Unauthorized"}
