"""Settings has a page to make API tokens (shown once), list them (name, last used) and revoke
them; a token may expire; changing the password ends every token."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import ApiToken


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def make(client: Client, name: str, lifetime: str = "") -> str:
    response = client.post_form("/accounts/tokens/", {"name": name, "lifetime": lifetime})
    assert response.status_code == 201
    match = re.search(r'<code class="token-secret">(bzt_[^<]+)</code>', response.content.decode())
    assert match is not None
    return match[1]


def test_a_token_made_on_the_page_is_shown_once_and_works(alice: User, alice_client: Client) -> None:
    token = make(alice_client, "phone app")
    assert Client().get("/api/v1/doses", **bearer(token)).status_code == 200
    html = alice_client.get("/accounts/tokens/").content.decode()
    assert token not in html  # only its hash is kept
    assert "<strong>phone app</strong>" in html
    assert "last used" in html and "works until revoked" in html


def test_a_revoked_token_stops_working(alice: User, alice_client: Client) -> None:
    token = make(alice_client, "backup script")
    row = ApiToken.objects.for_user(alice).get()
    response = alice_client.post_form(f"/accounts/tokens/{row.pk}/revoke/")
    assert response.status_code == 302
    assert Client().get("/api/v1/doses", **bearer(token)).status_code == 401
    assert "revoked" in alice_client.get("/accounts/tokens/").content.decode()


def test_nobody_revokes_another_persons_token(alice: User, bob_client: Client) -> None:
    _, token = ApiToken.issue(alice, "alice's")
    row = ApiToken.objects.for_user(alice).get()
    assert bob_client.post_form(f"/accounts/tokens/{row.pk}/revoke/").status_code == 404
    assert Client().get("/api/v1/doses", **bearer(token)).status_code == 200


def test_a_token_with_an_expiry_stops_working_then(alice: User, alice_client: Client) -> None:
    token = make(alice_client, "for a month", lifetime="30")
    assert "works until" in alice_client.get("/accounts/tokens/").content.decode()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=31)):
        assert Client().get("/api/v1/doses", **bearer(token)).status_code == 401
        alice_client.force_login(alice)  # the session itself lasts two weeks
        assert "expired" in alice_client.get("/accounts/tokens/").content.decode()


def test_a_name_is_needed(alice: User, alice_client: Client) -> None:
    response = alice_client.post_form("/accounts/tokens/", {"name": "", "lifetime": ""})
    assert response.status_code == 200
    assert "Give the token a name, to recognise it later." in response.content.decode()
    assert not ApiToken.objects.for_user(alice).exists()


def test_changing_the_password_ends_every_token(alice: User, alice_client: Client, password: str) -> None:
    tokens = [make(alice_client, "one"), make(alice_client, "two")]
    response = alice_client.post_form(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "a brand new phrase",
            "new_password2": "a brand new phrase",
        },
        follow=True,
    )
    assert "Your password is changed. Your 2 API tokens stopped working." in response.content.decode()
    assert [Client().get("/api/v1/doses", **bearer(t)).status_code for t in tokens] == [401, 401]
