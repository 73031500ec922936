"""Every API list and every main page reads the journal in a fixed number of SQL queries, whatever
its size: a query per row (the person's profile read again for each check-in, a symptom fetched per
rating) would make a two-year journal hundreds of times slower than a new one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benzotaper.journal import CheckInRecord, DoseRecord, Event, MedicationRecord, SymptomScore

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

START = dt.date(2026, 1, 5)

PATHS = [
    "/api/v1/checkins",
    "/api/v1/doses",
    "/api/v1/medications",
    "/api/v1/plans",
    "/",
    "/checkin/",
    "/journal/",
    "/plan/",
    "/plan/history/",
    "/insights/",
    "/report/",
]


def keep_a_journal(user: User, days: int) -> None:
    """``days`` days of check-ins (rated, with a custom symptom and an event), two doses a day, a
    medicine and a saved plan every ten days, ending yesterday where the person is."""
    from benzotaper.planning import Dose, PlanRequest, make_plan
    from benzotaper.web.accounts.models import Profile
    from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication, SavedPlan

    last = Profile.of(user).today() - dt.timedelta(days=1)
    first = last - dt.timedelta(days=days - 1)
    for i in range(days):
        day = first + dt.timedelta(days=i)
        record = CheckInRecord(
            date=day,
            wellbeing=i % 11,
            symptoms=(SymptomScore("anxiety", i % 5), SymptomScore("jaw ache", 1, custom=True)),
            events=(Event(kind="stress", text="work"),) if i % 7 == 0 else (),
        )
        row = CheckIn.from_record(user, record)
        row.save()
        row.set_scores(record.symptoms)
        for time in ("morning", "night"):
            mg = Decimal("0.5")
            DoseTaken.from_record(user, DoseRecord(day, time, "alprazolam", mg, mg, "as_planned")).save()
        if i % 10 == 0:
            name = f"medicine {i}"
            Medication.from_record(user, MedicationRecord(name=name, kind="other", started=day)).save()
            plan = make_plan(PlanRequest(regimen=(Dose("alprazolam", "morning", Decimal("1")),), start=day))
            SavedPlan.store(user, plan, name=f"plan {i}")


def queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


@pytest.mark.parametrize("path", PATHS)
def test_it_answers_in_as_many_queries_for_a_long_journal_as_for_a_short_one(
    alice: User, alice_client: Client, bob: User, bob_client: Client, path: str
) -> None:
    keep_a_journal(alice, 12)
    keep_a_journal(bob, 60)
    queries(alice_client, path)  # the first view may fill caches (charts, knowledge): not counted
    queries(bob_client, path)
    assert queries(bob_client, path) == queries(alice_client, path)
