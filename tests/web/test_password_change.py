"""Changing one's password in Settings."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

NEW = "a quieter week 2027"


def test_it_changes_the_password_and_keeps_the_person_signed_in(
    password: str, alice_client: Client, alice: User
) -> None:
    response = alice_client.post_form(
        "/accounts/password/", {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == "/accounts/settings/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert alice_client.get("/").status_code == 200


def test_it_needs_the_old_password(password: str, alice_client: Client, alice: User) -> None:
    response = alice_client.post_form(
        "/accounts/password/", {"old_password": "guess", "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(password)
