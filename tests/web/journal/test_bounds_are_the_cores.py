"""Every version number and note is bounded the same on the pages as in the API: the core's
NOTE_MAX and VERSION_MAX. A forged version is a form error, not an integer overflow (500); a note
the page accepts can always be edited through the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import NOTE_MAX, VERSION_MAX, DoseRecord
from benzotaper.web.api.common import Note, Version
from benzotaper.web.journal.models import CheckIn, DoseTaken

Answers = Callable[..., dict[str, str]]
HUGE = str(2**63 - 1)


NIGHT = DoseRecord(dt.date(2027, 1, 4), "night", "diazepam", Decimal(5), Decimal(5), "as_planned")


@pytest.fixture
def night_dose(alice: User) -> DoseTaken:
    dose = DoseTaken.from_record(alice, NIGHT)
    dose.save()
    return dose


def dose_edit(version: str, note: str = "") -> dict[str, str]:
    return {"version": version, "date": "2027-01-04", "time_of_day": "night", "drug": "diazepam",
            "status": "different", "taken_mg": "4", "note": note}  # fmt: skip


@pytest.mark.parametrize("version", [HUGE, str(VERSION_MAX + 1), "-1"])
def test_a_forged_version_on_a_dose_edit_is_a_form_error(
    alice_client: Client, night_dose: DoseTaken, version: str
) -> None:
    response = alice_client.post_form(f"/journal/dose/{night_dose.pk}/", dose_edit(version))
    assert response.status_code == 200
    assert "This form is out of date or was changed: reload the page" in response.content.decode()
    night_dose.refresh_from_db()
    assert night_dose.taken_mg == Decimal(5)


def test_a_forged_version_on_a_check_in_is_a_form_error(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    response = alice_client.post_form("/checkin/", answers(version=HUGE, wellbeing="5"))
    assert response.status_code == 200
    assert "This form is out of date or was changed" in response.content.decode()
    assert not CheckIn.objects.for_user(alice).exists()


def test_a_note_longer_than_the_api_allows_is_refused_on_the_page_and_kept(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    long_note = "x" * (NOTE_MAX + 1)
    response = alice_client.post_form("/checkin/", answers(wellbeing="5", notes=long_note))
    html = response.content.decode()
    assert f"Keep it to {NOTE_MAX:,} characters or fewer (now {NOTE_MAX + 1})" in html
    assert long_note in html  # what was typed stays
    assert not CheckIn.objects.for_user(alice).exists()
    alice_client.post_form("/checkin/", answers(wellbeing="5", notes="x" * NOTE_MAX))
    assert len(CheckIn.objects.for_user(alice).get().notes) == NOTE_MAX


def test_the_api_uses_the_same_bounds() -> None:
    from pydantic import TypeAdapter, ValidationError

    TypeAdapter(Note).validate_python("x" * NOTE_MAX)
    TypeAdapter(Version).validate_python(VERSION_MAX)
    with pytest.raises(ValidationError):
        TypeAdapter(Note).validate_python("x" * (NOTE_MAX + 1))
    with pytest.raises(ValidationError):
        TypeAdapter(Version).validate_python(VERSION_MAX + 1)
