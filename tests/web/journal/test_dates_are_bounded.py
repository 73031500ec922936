"""A year typed wrong (0026 for 2026) is refused by every front door, with what to check; one stored
before these checks existed does not break the Insights page, its API or the journal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.web.accounts.models import ApiToken
from benzotaper.web.journal.models import CheckIn, DoseTaken

Answers = Callable[..., dict[str, str]]
TYPO = "the year (is it 2027 or 2026?)"


def api(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user, 'tests')[1]}")


def test_the_check_in_refuses_a_day_before_1970(alice: User, alice_client: Client, answers: Answers) -> None:
    response = alice_client.get("/checkin/?date=0027-01-04")
    assert response.status_code == 400
    assert f"0027-01-04 is before 1970: check {TYPO}" in response.content.decode()


def test_a_dose_added_to_the_journal_before_1970_is_refused(alice: User, alice_client: Client) -> None:
    data = {"date": "1969-12-31", "time_of_day": "morning", "drug": "diazepam", "status": "skipped"}
    response = alice_client.post_form("/journal/dose/new/", data)
    assert response.status_code == 200
    assert f"1969-12-31 is before 1970: check {TYPO}" in response.content.decode()
    assert not DoseTaken.objects.for_user(alice).exists()


def test_the_api_refuses_a_day_before_1970_for_check_ins_doses_and_medicines(alice: User) -> None:
    client = api(alice)
    for path, body in (
        ("/api/v1/checkins", {"date": "0027-01-04"}),
        (
            "/api/v1/doses",
            {"date": "0027-01-04", "time_of_day": "morning", "drug": "diazepam", "status": "skipped"},
        ),
        ("/api/v1/medications", {"name": "sertraline", "started": "0027-01-04"}),
    ):
        response = client.post(path, body, content_type="application/json")
        assert response.status_code == 422, (path, response.content)
        assert f"0027-01-04 is before 1970: check {TYPO}" in response.content.decode()


def test_a_check_in_stored_in_year_0026_does_not_break_any_page(alice: User, alice_client: Client) -> None:
    row = CheckIn.from_record(alice, CheckInRecord(dt.date(26, 1, 4)))
    row.save()
    row.set_scores([SymptomScore("anxiety", 3)])
    CheckIn.from_record(alice, CheckInRecord(dt.date(2027, 1, 3))).save()
    for path in ("/insights/", "/journal/", "/", "/checkin/"):
        assert alice_client.get(path).status_code == 200, path
    assert api(alice).get("/api/v1/insights").status_code == 200
    journal = alice_client.get("/journal/").content.decode()
    assert "Sunday 4 January 0026" in journal  # shown as it is, to be corrected or deleted
