"""Signing in and out."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

LOGIN = "/accounts/login/"


def test_once_someone_has_an_account_a_visitor_is_asked_to_sign_in(client: Client, alice: User) -> None:
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/"
    assert b"Sign in" in response.content


def test_the_right_password_signs_in(password: str, csrf_client: Client, alice: User) -> None:
    response = csrf_client.post_form(LOGIN, {"username": "alice", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert csrf_client.get("/").status_code == 200


def test_a_wrong_password_does_not(password: str, csrf_client: Client, alice: User) -> None:
    response = csrf_client.post_form(LOGIN, {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert b"correct username and password" in response.content
    assert csrf_client.get("/").status_code == 302


def test_it_returns_to_the_page_first_asked_for(password: str, csrf_client: Client, alice: User) -> None:
    response = csrf_client.post_form(LOGIN, {"username": "alice", "password": password, "next": "/plan/"})
    assert response["Location"] == "/plan/"


def test_signing_out_needs_a_post_with_the_csrf_token(alice_client: Client) -> None:
    assert alice_client.get("/accounts/logout/").status_code == 405
    assert alice_client.post("/accounts/logout/").status_code == 403
    response = alice_client.post_form("/accounts/logout/")
    assert response.status_code == 302
    assert alice_client.get("/").status_code == 302
