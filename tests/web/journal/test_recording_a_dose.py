"""One tap on Today records a planned dose: taken as planned, skipped, or a different amount.

With htmx the answer is just that dose's row; without JavaScript the form posts and comes back.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import DoseTaken, SavedPlan

HTMX = {"HTTP_HX_REQUEST": "true"}


def tap(client: Client, status: str, time: str = "morning", mg: str = "", htmx: bool = False) -> object:
    data = {"date": "2027-01-04", "time": time, "drug": "diazepam", "status": status, "mg": mg}
    return client.post_form("/dose/", data, **(HTMX if htmx else {}))


def dose(user: User, time: str = "morning") -> DoseTaken:
    return DoseTaken.objects.for_user(user).get(date="2027-01-04", time_of_day=time, drug="diazepam")


def test_taken_as_planned_records_the_planned_amount(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    response = tap(alice_client, "as_planned")
    assert response.status_code == 302
    assert response["Location"] == "/"
    row = dose(alice)
    assert (row.status, row.planned_mg, row.taken_mg) == ("as_planned", Decimal(4), Decimal(4))
    html = alice_client.get("/").content.decode()
    assert "Recorded diazepam in the morning: taken as planned." in html
    assert "Taken as planned: 4 mg" in html


def test_with_htmx_it_answers_with_just_the_doses_row(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    response = tap(alice_client, "skipped", time="night", htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<li class="dose dose-skipped" id="dose-night-diazepam">')
    assert "<html" not in html
    assert '<span class="done-mark" aria-hidden="true">–</span> Skipped</p>' in html
    assert "HX-Request" in response["Vary"]
    row = dose(alice, "night")
    assert (row.status, row.planned_mg, row.taken_mg) == ("skipped", Decimal(5), None)


def test_a_different_amount_is_recorded_with_the_planned_one(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    response = tap(alice_client, "different", mg="3.5", htmx=True)
    assert "Taken: 3.5 mg (a different amount)" in response.content.decode()
    row = dose(alice)
    assert (row.status, row.planned_mg, row.taken_mg) == ("different", Decimal(4), Decimal("3.5"))


def test_a_different_amount_equal_to_the_plan_counts_as_planned(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    tap(alice_client, "different", mg="4.0")
    assert dose(alice).status == "as_planned"


def test_a_second_tap_changes_the_same_entry(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    tap(alice_client, "skipped")
    tap(alice_client, "as_planned", htmx=True)
    assert DoseTaken.objects.for_user(alice).count() == 1
    row = dose(alice)
    assert (row.status, row.taken_mg, row.version) == ("as_planned", Decimal(4), 2)


def test_today_shows_what_was_recorded_for_each_dose(alice_client: Client, alice_plan: SavedPlan) -> None:
    tap(alice_client, "skipped", time="night")
    html = alice_client.get("/").content.decode()
    assert "Not recorded yet" in html  # the morning dose
    assert '<li class="dose dose-skipped" id="dose-night-diazepam">' in html


def test_a_dose_the_plan_does_not_have_is_not_recorded(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    response = tap(alice_client, "as_planned", time="midday")
    assert response.status_code == 302
    assert "Your plan has no diazepam in the midday" in alice_client.get("/").content.decode()
    assert not DoseTaken.objects.for_user(alice).exists()
    htmx = tap(alice_client, "as_planned", time="midday", htmx=True)
    assert htmx["HX-Redirect"] == "/"


def test_recording_needs_the_csrf_token(alice: User, alice_client: Client, alice_plan: SavedPlan) -> None:
    data = {"date": "2027-01-04", "time": "morning", "drug": "diazepam", "status": "as_planned"}
    assert alice_client.post("/dose/", data).status_code == 403
    assert not DoseTaken.objects.for_user(alice).exists()


def test_recording_is_a_post(alice_client: Client, alice_plan: SavedPlan) -> None:
    assert alice_client.get("/dose/").status_code == 405
