"""A personal token is checked on every request: unknown, revoked or closed-account tokens are refused
with 401, even alongside a valid session; a good one records when it was last used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from api_calls import ApiClient, create_body, send

from benzotaper.web.accounts.models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client


def test_a_revoked_token_is_refused(alice: User) -> None:
    row, token = ApiToken.issue(alice, "old phone")
    client = ApiClient(token)
    assert client.send("GET", "/api/v1/doses").status_code == 200
    row.revoke()
    for method in ("GET", "POST"):
        response = client.send(method, "/api/v1/doses", create_body("doses") if method == "POST" else None)
        assert response.status_code == 401
        assert "not valid" in response.json()["detail"]


def test_an_unknown_or_malformed_token_is_refused(alice_token: str) -> None:
    for header in (f"Bearer {alice_token}x", "Bearer bzt_nothing", "Bearer ", f"Bearer {alice_token[4:]}"):
        response = send(ApiClient(), "GET", "/api/v1/plans", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header


def test_the_token_of_a_closed_account_is_refused(alice: User, alice_token: str) -> None:
    alice.is_active = False
    alice.save()
    assert ApiClient(alice_token).send("GET", "/api/v1/plans").status_code == 401


def test_no_credentials_is_401(client: Client) -> None:
    assert send(client, "GET", "/api/v1/medications").status_code == 401


def test_a_bad_token_is_not_rescued_by_a_session_cookie(alice_client: Client) -> None:
    response = send(alice_client, "GET", "/api/v1/doses", HTTP_AUTHORIZATION="Bearer bzt_revoked_or_unknown")
    assert response.status_code == 401
    assert send(alice_client, "GET", "/api/v1/doses").status_code == 200


def test_a_token_answers_as_its_own_person_even_beside_another_persons_session(
    bob_client: Client, alice_token: str
) -> None:
    ApiClient(alice_token).create("medications")
    response = send(bob_client, "GET", "/api/v1/medications", HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert [row["name"] for row in response.json()] == ["alprazolam"]


def test_using_a_token_records_when_it_was_last_used(alice: User) -> None:
    row, token = ApiToken.issue(alice, "phone")
    assert row.last_used is None
    ApiClient(token).send("GET", "/api/v1/checkins")
    row.refresh_from_db()
    assert row.last_used is not None
