"""Bob cannot see, edit or delete Alice's doses and check-ins: every attempt is a 404 or his own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import CheckIn, DoseTaken


@pytest.fixture
def alices(alice: User, make_rows: Callable[[User], dict[str, Any]]) -> dict[str, Any]:
    return make_rows(alice)


def test_bob_gets_404_for_alices_dose_and_check_in(bob_client: Client, alices: dict[str, Any]) -> None:
    dose, checkin = alices["DoseTaken"], alices["CheckIn"]
    for url in (
        f"/journal/dose/{dose.pk}/",
        f"/journal/dose/{dose.pk}/delete/",
        f"/journal/checkin/{checkin.pk}/delete/",
    ):
        assert bob_client.get(url).status_code == 404, url
        assert bob_client.post_form(url, {"version": "1", "date": "2027-01-04"}).status_code == 404, url


def test_alices_rows_are_unchanged_after_bob_tries(
    alice: User, bob_client: Client, alices: dict[str, Any]
) -> None:
    dose, checkin = alices["DoseTaken"], alices["CheckIn"]
    bob_client.post_form(f"/journal/dose/{dose.pk}/delete/")
    bob_client.post_form(f"/journal/checkin/{checkin.pk}/delete/")
    edit = {"version": "1", "date": "2027-01-04", "time_of_day": "morning", "drug": "x", "status": "skipped"}
    bob_client.post_form(f"/journal/dose/{dose.pk}/", edit)
    assert DoseTaken.objects.for_user(alice).get() == dose
    assert DoseTaken.objects.for_user(alice).get().status == "as_planned"
    assert CheckIn.objects.for_user(alice).get().version == checkin.version


def test_bobs_journal_and_check_in_show_none_of_alices(
    bob: User, bob_client: Client, alices: dict[str, Any]
) -> None:
    journal = bob_client.get("/journal/").content.decode()
    assert "Nothing recorded yet." in journal
    checkin = bob_client.get("/checkin/?date=2027-01-04").content.decode()
    assert 'name="version" value="0"' in checkin
    assert "jaw ache" not in checkin.lower()


def test_bobs_check_in_on_the_same_day_is_his_own(
    alice: User, bob: User, bob_client: Client, alices: dict[str, Any], answers: Callable[..., dict[str, str]]
) -> None:
    response = bob_client.post_form("/checkin/?date=2027-01-04", answers(wellbeing="9"))
    assert response.status_code == 302
    assert CheckIn.objects.for_user(bob).get().wellbeing == 9
    assert CheckIn.objects.for_user(alice).get().wellbeing == 6


def test_bob_cannot_record_a_dose_from_alices_plan(
    bob: User, bob_client: Client, alices: dict[str, Any]
) -> None:
    data = {"date": "2027-01-04", "time": "night", "drug": "diazepam", "status": "as_planned"}
    bob_client.post_form("/dose/", data)
    assert not DoseTaken.objects.for_user(bob).exists()
