"""planned_doses_on reads the saved plan as it was saved, day by day, in time-of-day order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User

from benzotaper import records
from benzotaper.planning import Plan, PlannedDose, Step
from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.journal.planned import PlannedDoseView, active_plan, doses_on, planned_doses_on

START = dt.date(2027, 1, 4)


def test_without_a_plan_there_is_nothing_planned(alice: User) -> None:
    assert active_plan(alice) is None
    assert planned_doses_on(alice, START) == []


def test_it_gives_the_days_doses_in_time_of_day_order(alice: User, alice_plan: SavedPlan) -> None:
    assert active_plan(alice) == alice_plan
    assert planned_doses_on(alice, START) == [
        PlannedDoseView("diazepam", "morning", Decimal(4), "2 × 2 mg tablet", 1, "reduction"),
        PlannedDoseView("diazepam", "night", Decimal(5), "1 × 5 mg tablet", 1, "reduction"),
    ]
    second_step = planned_doses_on(alice, dt.date(2027, 1, 18))
    assert [(d.time, d.mg, d.step_number) for d in second_step] == [
        ("morning", Decimal(3), 2),
        ("night", Decimal(5), 2),
    ]


def test_the_last_day_of_a_step_still_has_its_doses(alice: User, alice_plan: SavedPlan) -> None:
    assert [d.mg for d in planned_doses_on(alice, dt.date(2027, 1, 17))] == [Decimal(4), Decimal(5)]


def test_nothing_is_planned_before_the_start_on_the_stop_day_or_after(
    alice: User, alice_plan: SavedPlan
) -> None:
    stop = alice_plan.plan().end
    assert planned_doses_on(alice, START - dt.timedelta(days=1)) == []
    assert planned_doses_on(alice, stop - dt.timedelta(days=1)) != []
    assert planned_doses_on(alice, stop) == []
    assert planned_doses_on(alice, stop + dt.timedelta(days=400)) == []


def test_it_reads_the_stored_plan_never_a_new_one(alice: User, alice_plan: SavedPlan) -> None:
    stored = alice_plan.plan_json["steps"][0]["doses"][0]
    stored["mg"] = "3"
    stored["make"] = [{"form": "tablet", "strength_mg": "2", "count": "1.5", "unit": "tablet"}]
    alice_plan.save()
    first = planned_doses_on(alice, START)[0]
    assert (first.mg, first.make_text) == (Decimal(3), "1½ × 2 mg tablet")


def test_only_the_active_plan_counts(alice: User, plan_from: Callable[[dt.date], Plan]) -> None:
    SavedPlan.store(alice, plan_from(START))
    later = SavedPlan.store(alice, plan_from(START + dt.timedelta(days=10)))
    assert active_plan(alice) == later
    assert planned_doses_on(alice, START) == []


def test_a_dose_of_nothing_is_left_out(plan_from: Callable[[dt.date], Plan]) -> None:
    doses = (
        PlannedDose("alprazolam", "night", Decimal(0), Decimal(0), ()),
        PlannedDose("diazepam", "night", Decimal(10), Decimal(10), ()),
        PlannedDose("alprazolam", "morning", Decimal("0.5"), Decimal("0.5"), ()),
    )
    step = Step(1, START, 7, "crossover", doses, Decimal(20), Decimal(20), Decimal(0))
    plan = records.replace(plan_from(START), steps=(step,))
    assert [(d.drug, d.time) for d in doses_on(plan, START)] == [
        ("alprazolam", "morning"),
        ("diazepam", "night"),
    ]


def test_another_persons_plan_is_not_read(alice: User, bob: User, alice_plan: SavedPlan) -> None:
    assert active_plan(bob) is None
    assert planned_doses_on(bob, START) == []
