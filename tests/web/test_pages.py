"""Every page needs a signed-in person and shares the accessible base layout."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

PAGES = [
    "/",
    "/checkin/",
    "/plan/",
    "/journal/",
    "/accounts/settings/",
    "/accounts/password/",
    "/accounts/delete/",
    "/report/",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_sends_a_signed_out_visitor_to_sign_in(client: Client, alice: User, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("path", PAGES)
def test_a_page_has_the_skip_link_landmarks_and_the_prescriber_line(alice_client: Client, path: str) -> None:
    html = alice_client.get(path).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav aria-label="Main">' in html
    assert "<footer" in html
    assert "benzotaper informs; it never replaces your prescriber." in html
    assert '<meta name="csrf-token" content="' in html
    assert '<html lang="en">' in html


def test_the_navigation_marks_the_current_page(alice_client: Client) -> None:
    html = alice_client.get("/checkin/").content.decode()
    assert '<a href="/checkin/" aria-current="page">Check-in</a>' in html
    assert '<a href="/" >' not in html
    for label in ("Today", "Check-in", "Plan", "Journal", "Settings"):
        assert f">{label}</a>" in html


def test_every_form_field_has_a_label(alice_client: Client) -> None:
    import re

    for path in ("/accounts/settings/", "/accounts/password/", "/accounts/delete/"):
        html = alice_client.get(path).content.decode()
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html)
        assert ids, path
        for field_id in ids:
            assert f'<label for="{field_id}">' in html, f"{path}: {field_id} has no label"
