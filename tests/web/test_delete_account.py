"""Settings: "delete all my data" removes the account and every row of it, and nobody else's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

DELETE = "/accounts/delete/"


def test_it_deletes_the_account_and_all_its_data(
    password: str, alice_client: Client, alice: User, bob: User, make_rows: Callable[[User], dict[str, Any]]
) -> None:
    alices, bobs = make_rows(alice), make_rows(bob)
    response = alice_client.post_form(DELETE, {"password": password, "confirm": "delete"})
    assert response["Location"] == "/accounts/login/"
    assert not User.objects.filter(username="alice").exists()
    for name, row in alices.items():
        assert not type(row)._base_manager.filter(pk=row.pk).exists(), f"alice's {name} is left"
    for name, row in bobs.items():
        assert type(row)._base_manager.filter(pk=row.pk).exists(), f"bob's {name} is gone"
    assert alice_client.get("/").status_code == 302


def test_it_needs_the_password(password: str, alice_client: Client, alice: User) -> None:
    response = alice_client.post_form(DELETE, {"password": "guess", "confirm": "delete"})
    assert response.status_code == 200
    assert User.objects.filter(username="alice").exists()


def test_it_needs_the_word_typed(password: str, alice_client: Client, alice: User) -> None:
    response = alice_client.post_form(DELETE, {"password": password, "confirm": "yes"})
    assert response.status_code == 200
    assert User.objects.filter(username="alice").exists()
