"""A dose amount that cannot be right is refused with a reason, and what was typed stays in the box."""

from __future__ import annotations

from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import DOSE_MG_MAX
from benzotaper.web.journal.models import DoseTaken, SavedPlan

HTMX = {"HTTP_HX_REQUEST": "true"}


def different(client: Client, mg: str, **extra: str) -> object:
    data = {"date": "2027-01-04", "time": "morning", "drug": "diazepam", "status": "different", "mg": mg}
    return client.post_form("/dose/", data, **extra)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("abc", "Write the amount in mg as a number, like 0.25"),
        ("900", f"{DOSE_MG_MAX} mg is the most one dose can be here"),
        ("0", 'If you took none, choose "Skipped"'),
        ("-2", "Write an amount of more than 0 mg"),
        ("0.123456", "Use at most 4 decimal places"),
        ("", "Write the amount you took in mg"),
    ],
)
def test_a_bad_amount_re_renders_the_row_with_the_reason_and_the_typed_value(
    alice: User, alice_client: Client, alice_plan: SavedPlan, typed: str, reason: str
) -> None:
    response = different(alice_client, typed, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert reason in unescape(html)
    assert f'value="{typed}"' in html or typed == ""
    assert 'aria-invalid="true"' in html
    assert '<details class="dose-different" open>' in html
    assert not DoseTaken.objects.for_user(alice).exists()


def test_without_javascript_the_whole_page_comes_back_with_the_error(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    response = different(alice_client, "abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Today" in html
    assert 'id="dose-morning-diazepam-mg_error"' in html
    assert 'value="abc"' in html
    assert not DoseTaken.objects.for_user(alice).exists()


def test_a_dose_on_a_day_that_has_not_come_is_refused(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    data = {"date": "2027-01-05", "time": "morning", "drug": "diazepam", "status": "as_planned"}
    response = alice_client.post_form("/dose/", data, **HTMX)
    assert response.status_code == 200
    assert "2027-01-05 has not happened yet" in response.content.decode()
    assert not DoseTaken.objects.for_user(alice).exists()


def test_an_unknown_status_or_broken_day_is_refused_without_an_error_page(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    for data in (
        {"date": "2027-01-04", "time": "morning", "drug": "diazepam", "status": "lost"},
        {"date": "yesterday", "time": "morning", "drug": "diazepam", "status": "skipped"},
        {"date": "2027-01-04", "time": "dawn", "drug": "diazepam", "status": "skipped"},
        {},
    ):
        assert alice_client.post_form("/dose/", data).status_code == 200
        assert alice_client.post_form("/dose/", data, **HTMX).status_code in (200, 204)
    assert not DoseTaken.objects.for_user(alice).exists()
