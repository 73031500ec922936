"""A dose in the journal can be added for a past day, edited and deleted (after confirming)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import DOSE_MG_MAX, DoseRecord
from benzotaper.web.journal.models import DoseTaken, SavedPlan


def entry(**changes: str) -> dict[str, str]:
    data = {
        "version": "0",
        "date": "2027-01-03",
        "time_of_day": "night",
        "drug": "diazepam",
        "status": "different",
        "taken_mg": "5",
        "note": "",
    }
    return data | changes


@pytest.fixture
def night_dose(alice: User) -> DoseTaken:
    row = DoseTaken.from_record(
        alice, DoseRecord(dt.date(2027, 1, 4), "night", "diazepam", Decimal(5), Decimal(5), "as_planned")
    )
    row.save()
    return row


def test_a_dose_for_a_past_day_can_be_added(alice: User, alice_client: Client) -> None:
    html = alice_client.get("/journal/dose/new/").content.decode()
    assert '<label for="id_date">Day</label>' in html
    assert 'max="2027-01-04"' in html
    response = alice_client.post_form("/journal/dose/new/", entry(note="late, after dinner"))
    assert response.status_code == 302
    assert response["Location"] == "/journal/?from=2027-01-03&to=2027-01-03"
    row = DoseTaken.objects.for_user(alice).get()
    assert (row.date, row.status, row.planned_mg, row.taken_mg, row.note) == (
        dt.date(2027, 1, 3),
        "different",
        None,
        Decimal(5),
        "late, after dinner",
    )


def test_an_added_dose_takes_the_planned_amount_from_the_plan(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    alice_client.post_form("/journal/dose/new/", entry(date="2027-01-04", status="as_planned", taken_mg=""))
    row = DoseTaken.objects.for_user(alice).get()
    assert (row.status, row.planned_mg, row.taken_mg) == ("as_planned", Decimal(5), Decimal(5))


def test_as_planned_needs_a_planned_dose(alice: User, alice_client: Client) -> None:
    html = alice_client.post_form("/journal/dose/new/", entry(status="as_planned")).content.decode()
    assert "Your plan has no diazepam in the night on 2027-01-03" in html
    assert not DoseTaken.objects.for_user(alice).exists()


def test_editing_a_dose_changes_it_and_keeps_the_planned_amount(
    alice: User, alice_client: Client, night_dose: DoseTaken
) -> None:
    html = alice_client.get(f"/journal/dose/{night_dose.pk}/").content.decode()
    assert 'name="version" value="1"' in html
    assert 'value="2027-01-04"' in html
    data = entry(version="1", date="2027-01-04", taken_mg="2.5", note="felt wobbly")
    response = alice_client.post_form(f"/journal/dose/{night_dose.pk}/", data)
    assert response.status_code == 302
    night_dose.refresh_from_db()
    assert (
        night_dose.status,
        night_dose.planned_mg,
        night_dose.taken_mg,
        night_dose.note,
        night_dose.version,
    ) == (
        "different",
        Decimal(5),
        Decimal("2.5"),
        "felt wobbly",
        2,
    )
    alice_client.post_form(f"/journal/dose/{night_dose.pk}/", data | {"version": "2", "status": "skipped"})
    night_dose.refresh_from_db()
    assert (night_dose.status, night_dose.taken_mg) == ("skipped", None)


def test_a_stale_dose_edit_keeps_what_was_typed(
    alice: User, alice_client: Client, night_dose: DoseTaken
) -> None:
    night_dose.note = "from the other tab"
    night_dose.save()
    data = entry(version="1", date="2027-01-04", taken_mg="3", note="typed here")
    html = alice_client.post_form(f"/journal/dose/{night_dose.pk}/", data).content.decode()
    assert "This dose was changed in another tab or on another device" in html
    assert "typed here</textarea>" in html
    assert 'name="taken_mg" value="3"' in html
    assert 'name="version" value="2"' in html
    night_dose.refresh_from_db()
    assert (night_dose.note, night_dose.taken_mg) == ("from the other tab", Decimal(5))


def test_two_entries_for_the_same_dose_are_refused(
    alice: User, alice_client: Client, night_dose: DoseTaken
) -> None:
    html = alice_client.post_form("/journal/dose/new/", entry(date="2027-01-04")).content.decode()
    assert "There is already an entry for this medicine at this time of day on that day" in html
    assert f'href="/journal/dose/{night_dose.pk}/"' in html
    assert DoseTaken.objects.for_user(alice).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"taken_mg": "abc"}, "taken_mg", "Write the amount in mg as a number, like 0.25"),
        ({"taken_mg": "900"}, "taken_mg", f"{DOSE_MG_MAX} mg is the most one dose can be here"),
        ({"taken_mg": ""}, "taken_mg", "Write the amount you took in mg, like 0.25."),
        ({"date": "2027-01-05"}, "date", "2027-01-05 has not happened yet (today is 2027-01-04)"),
        ({"date": "5th of Jan"}, "date", "Write the day as YYYY-MM-DD, like 2027-01-04."),
        ({"time_of_day": "dawn"}, "time_of_day", "Choose morning, midday, afternoon, evening or night."),
        ({"drug": " "}, "drug", "Name the medicine, like diazepam."),
        ({"status": "lost"}, "status", "Choose Taken as planned, Different amount or Skipped."),
    ],
)
def test_a_bad_dose_is_refused_with_the_reason_and_kept(
    alice: User, alice_client: Client, changes: dict[str, str], field: str, reason: str
) -> None:
    response = alice_client.post_form("/journal/dose/new/", entry(note="keep me", **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The dose is not saved yet." in html
    assert reason in html
    assert f'id="id_{field}_error"' in html
    assert "keep me</textarea>" in html
    assert not DoseTaken.objects.for_user(alice).exists()


def test_deleting_a_dose_asks_first(alice: User, alice_client: Client, night_dose: DoseTaken) -> None:
    page = alice_client.get(f"/journal/dose/{night_dose.pk}/delete/").content.decode()
    assert "Delete the dose of diazepam in the night on Monday 4 January 2027?" in page
    assert "Yes, delete it" in page
    assert DoseTaken.objects.for_user(alice).exists()
    response = alice_client.post_form(f"/journal/dose/{night_dose.pk}/delete/")
    assert response.status_code == 302
    assert not DoseTaken.objects.for_user(alice).exists()
    assert alice_client.get(f"/journal/dose/{night_dose.pk}/").status_code == 404
