"""The data service gathers the journal the insights read: the same records the models give, only the
person's own, in a few queries however long the history, and the quick alerts equal the full ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from insight_history import LATEST_CUT, TODAY, the_plan

from benzotaper.journal import CheckInRecord, CheckInTally, Event, SymptomScore
from benzotaper.web.insights.data import alerts_journal, alerts_of, insights_for, journal_of
from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication, SavedPlan


def test_the_records_are_the_models_own(alice: User, alice_history: SavedPlan) -> None:
    row = CheckIn.objects.for_user(alice).get(date=TODAY)
    symptoms = row.to_record().symptoms
    row.sleep_hours, row.notes, row.red_flags = Decimal("7.50"), "slept badly", ["seizure"]
    row.events = [{"kind": "stress", "text": "work"}, {"kind": "illness"}]
    row.save()
    row.set_scores([*symptoms, SymptomScore("jaw ache", 1, custom=True)])
    journal = journal_of(alice)
    checkins = CheckIn.objects.for_user(alice).prefetch_related("ratings__custom").order_by("date")
    assert journal.checkins == tuple(c.to_record() for c in checkins)
    assert journal.checkins[-1].events == (Event("stress", "work"), Event("illness", ""))
    assert str(journal.checkins[-1].sleep_hours) == "7.5"
    assert journal.checkins[-1].symptoms[-1] == SymptomScore("jaw ache", 1, custom=True)
    doses = DoseTaken.objects.for_user(alice).order_by("date", "id")
    assert journal.doses == tuple(d.to_record() for d in doses)
    assert set(journal.medications) == {m.to_record() for m in Medication.objects.for_user(alice)}
    assert journal.plan == the_plan()
    assert (journal.plan_id, journal.country, journal.today) == (alice_history.pk, "UK", TODAY)


def test_only_the_persons_own_records(alice: User, bob: User, alice_history: SavedPlan) -> None:
    journal = journal_of(bob)
    assert (journal.checkins, journal.doses, journal.medications, journal.plan) == ((), (), (), None)


def test_records_after_today_are_left_out(alice: User, alice_history: SavedPlan) -> None:
    journal = journal_of(alice, dt.date(2027, 2, 1))
    assert journal.checkins[-1].date == journal.doses[-1].date == dt.date(2027, 2, 1)
    assert insights_for(alice, dt.date(2027, 2, 1)).today == dt.date(2027, 2, 1)


def test_a_long_history_takes_a_handful_of_queries(
    alice: User, alice_history: SavedPlan, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):
        journal_of(alice)


@pytest.mark.parametrize("days_back", [0, 3, 8, 10, 30, 60])
def test_the_quick_alerts_equal_the_full_ones(alice: User, alice_history: SavedPlan, days_back: int) -> None:
    day = TODAY - dt.timedelta(days=days_back)
    assert alerts_of(alerts_journal(alice, day)) == insights_for(alice, day).alerts


def test_the_quick_alerts_read_only_the_last_weeks(alice: User, alice_history: SavedPlan) -> None:
    journal = alerts_journal(alice)
    assert journal.checkins[0].date == TODAY - dt.timedelta(days=42) < LATEST_CUT
    assert all(isinstance(checkin, CheckInTally) for checkin in journal.checkins)  # no single rating


def test_an_unreadable_saved_plan_is_left_out(alice: User, alice_history: SavedPlan) -> None:
    SavedPlan.objects.for_user(alice).update(plan_json={"steps": "not a plan"})
    journal = journal_of(alice)
    assert journal.plan is None and journal.plan_id is None
    assert insights_for(alice).cut_response.cuts == ()


def test_a_check_in_without_ratings_has_none(alice: User) -> None:
    CheckIn.from_record(alice, CheckInRecord(TODAY, wellbeing=3)).save()
    assert journal_of(alice).checkins == (CheckInRecord(TODAY, wellbeing=3),)
