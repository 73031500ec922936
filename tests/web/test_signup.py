"""The first visit asks the person to create an account; sign-up stays open unless closed."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import Profile

SIGNUP = "/accounts/signup/"
CAROLS_PASSWORD = "one step at a time 2027"


def signup_data(name: str = "carol") -> dict[str, str]:
    return {
        "username": name,
        "password1": CAROLS_PASSWORD,
        "password2": CAROLS_PASSWORD,
        "time_zone": "Europe/Berlin",
        "country": "UK",
    }


def test_a_fresh_install_sends_the_first_visitor_to_sign_up(client: Client, db: None) -> None:
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/signup/?next=%2F"
    assert b"create the first account" in response.content


def test_it_creates_the_account_with_its_profile_and_signs_in(csrf_client: Client, db: None) -> None:
    response = csrf_client.post_form(SIGNUP, signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/"
    carol = User.objects.get(username="carol")
    profile = Profile.of(carol)
    assert (profile.time_zone, profile.country) == ("Europe/Berlin", "UK")
    assert csrf_client.get("/").status_code == 200


def test_it_returns_to_the_page_first_asked_for(csrf_client: Client, db: None) -> None:
    response = csrf_client.post_form(SIGNUP, {**signup_data(), "next": "/checkin/"})
    assert response["Location"] == "/checkin/"


def test_it_never_sends_the_person_to_another_site(csrf_client: Client, db: None) -> None:
    response = csrf_client.post_form(SIGNUP, {**signup_data(), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_sign_up_stays_open_once_someone_has_an_account(csrf_client: Client, alice: User) -> None:
    assert csrf_client.get(SIGNUP).status_code == 200
    csrf_client.post_form(SIGNUP, signup_data())
    assert User.objects.filter(username="carol").exists()


def test_it_refuses_a_name_already_taken_in_any_case(csrf_client: Client, alice: User) -> None:
    response = csrf_client.post_form(SIGNUP, signup_data("Alice"))
    assert response.status_code == 200
    assert User.objects.filter(username__iexact="alice").count() == 1
    assert b"already" in response.content


def test_it_refuses_a_weak_password(csrf_client: Client, db: None) -> None:
    response = csrf_client.post_form(
        SIGNUP, {**signup_data(), "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 200
    assert not User.objects.exists()


def test_it_refuses_a_form_without_the_csrf_token(csrf_client: Client, db: None) -> None:
    response = csrf_client.post(SIGNUP, signup_data())
    assert response.status_code == 403
    assert not User.objects.exists()


def test_closed_sign_up_turns_new_people_away(csrf_client: Client, db: None, settings: Any) -> None:
    settings.SIGNUP_OPEN = False
    assert csrf_client.get(SIGNUP).status_code == 403
    response = csrf_client.post_form(SIGNUP, signup_data())
    assert response.status_code == 403
    assert not User.objects.exists()


def test_closed_sign_up_sends_the_first_visitor_to_sign_in(client: Client, db: None, settings: Any) -> None:
    settings.SIGNUP_OPEN = False
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert b"Ask the person who runs this server" in response.content


@pytest.mark.real_password_hashing
def test_the_password_is_stored_as_an_argon2_hash(csrf_client: Client, db: None) -> None:
    csrf_client.post_form(SIGNUP, signup_data())
    stored = User.objects.get(username="carol").password
    assert stored.startswith("argon2$argon2id$")
    assert CAROLS_PASSWORD not in stored
