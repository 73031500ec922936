"""The quick check-in on Today saves wellbeing, sleep and a note, and leaves the rest alone."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import SymptomScore
from benzotaper.web.journal.models import CheckIn

Answers = Callable[..., dict[str, str]]


def test_it_makes_todays_check_in(alice: User, alice_client: Client) -> None:
    data = {"date": "2027-01-04", "version": "0", "wellbeing": "6", "sleep_hours": "7.25", "notes": "calm"}
    response = alice_client.post_form("/checkin/quick/", data)
    assert (response.status_code, response["Location"]) == (302, "/")
    row = CheckIn.objects.for_user(alice).get()
    assert (row.date.isoformat(), row.wellbeing, row.sleep_hours, row.notes) == (
        "2027-01-04",
        6,
        Decimal("7.25"),
        "calm",
    )
    html = alice_client.get("/").content.decode()
    assert "Check-in saved." in html
    assert 'name="wellbeing" value="6"' in html
    assert 'name="version" value="1"' in html
    assert "See or change today's full check-in" in html


def test_it_keeps_the_symptoms_and_red_flags_of_the_full_check_in(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/", answers(symptom_anxiety="3", flag_seizure="on", wellbeing="4"))
    alice_client.post_form("/checkin/quick/", {"date": "2027-01-04", "version": "1", "wellbeing": "5"})
    record = CheckIn.objects.for_user(alice).get().to_record()
    assert record.wellbeing == 5
    assert SymptomScore("anxiety", 3) in record.symptoms
    assert record.red_flags == ("seizure",)


def test_answers_may_be_left_empty(alice: User, alice_client: Client) -> None:
    alice_client.post_form("/checkin/quick/", {"date": "2027-01-04", "version": "0", "notes": "just a note"})
    row = CheckIn.objects.for_user(alice).get()
    assert (row.wellbeing, row.sleep_hours, row.notes) == (None, None, "just a note")
