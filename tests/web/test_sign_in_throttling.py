"""Failed sign-ins are limited per account and per address, with a clear message and a time to wait
(429 and Retry-After); refused API tokens are limited per address the same way. The person sees
their recent sign-ins in Settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from django.contrib.auth.models import User
from django.test import Client
from served import PASSWORD, Browser, add_person, alice_with_a_token, local, served

from benzotaper.web.accounts.models import SignIn
from benzotaper.web.accounts.throttle import ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW


def test_the_real_server_stops_guessing_a_password_and_says_how_long_to_wait(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    for name in ("alice", "bob"):
        add_person(cli_env, data, name)
    with served(data, free_port, cli_env):
        guesser = local(free_port)
        for _ in range(ACCOUNT_LIMIT):
            wrong = guesser.sign_in("alice", "password123")
            assert wrong.status == 200 and "Please enter a correct username and password" in wrong.text
        refused = guesser.sign_in("Alice", PASSWORD)  # even the right password, in any case of the name
        assert refused.status == 429
        assert 0 < int(refused.headers["Retry-After"]) <= WINDOW.total_seconds()
        assert "Too many failed sign-ins. Wait 15 minutes, then try again" in refused.text
        assert "Sign out" not in refused.text
        bob = Browser(guesser.base).sign_in("bob", PASSWORD)  # another account is not locked
        assert bob.status == 200 and "Sign out" in bob.text


def test_the_real_server_stops_guessing_tokens(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    with served(data, free_port, cli_env):
        client = local(free_port)
        statuses = [client.api("GET", "api/v1/doses", f"bzt_guess{n}").status for n in range(ADDRESS_LIMIT)]
        assert statuses == [401] * ADDRESS_LIMIT
        refused = client.api("GET", "api/v1/doses", token)
        assert refused.status == 429
        assert refused.json() == {"detail": "Too many refused tokens from your address. Wait 15 minutes."}
        assert int(refused.headers["Retry-After"]) > 0


def test_the_wait_ends_when_the_window_has_passed(alice: User, password: str) -> None:
    client = Client()
    for _ in range(ACCOUNT_LIMIT):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "alice", "password": password}).status_code == 429
    with time_machine.travel(dt.datetime.now(dt.UTC) + WINDOW + dt.timedelta(seconds=1)):
        assert client.post("/accounts/login/", {"username": "alice", "password": password}).status_code == 302


def test_one_address_trying_many_names_is_stopped(alice: User, password: str) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(ADDRESS_LIMIT):
        client.post("/accounts/login/", {"username": f"someone{n}", "password": "123456"})
    assert client.post("/accounts/login/", {"username": "alice", "password": password}).status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    assert elsewhere.post("/accounts/login/", {"username": "alice", "password": password}).status_code == 302


def test_settings_show_the_recent_sign_ins_right_and_wrong(alice: User, password: str, bob: User) -> None:
    client = Client(REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="Firefox on a phone")
    Client(REMOTE_ADDR="203.0.113.9").post("/accounts/login/", {"username": "alice", "password": "nope"})
    Client(REMOTE_ADDR="203.0.113.9").post("/accounts/login/", {"username": "bob", "password": "nope"})
    client.post("/accounts/login/", {"username": "alice", "password": password})
    html = client.get("/accounts/settings/").content.decode()
    assert "Recent sign-ins" in html
    assert "signed in\n      from 198.51.100.4" in html and "Firefox on a phone" in html
    assert "<strong>wrong password</strong>\n      from 203.0.113.9" in html
    assert html.count("<li>\n      <time") == 2  # not bob's failure
    assert SignIn.objects.for_user(alice).count() == 2
