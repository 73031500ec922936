"""Holding a step, planned holds, and re-planning from the dose actually taken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from plan_checks import assert_plan_is_sound

from benzotaper.knowledge import load_knowledge
from benzotaper.planning import Dose, HoldAt, PlanRequest, hold_step, make_plan, replan

KNOWLEDGE = load_knowledge()
START = dt.date(2027, 1, 4)
DIAZEPAM_20 = PlanRequest(regimen=(Dose("diazepam", "night", Decimal(20)),), start=START)


def test_holding_a_step_delays_everything_after_it() -> None:
    plan = make_plan(DIAZEPAM_20, KNOWLEDGE)
    held = hold_step(plan, 3, 10, reason="bad week")
    assert held.steps[3].kind == "hold" and held.steps[3].days == 10
    assert held.steps[3].doses == plan.steps[2].doses
    assert "bad week" in held.steps[3].note
    assert held.steps[4].start == plan.steps[3].start + dt.timedelta(days=10)
    assert held.end == plan.end + dt.timedelta(days=10)
    assert_plan_is_sound(held, KNOWLEDGE, Decimal(20))


def test_a_planned_hold_starts_once_the_dose_reaches_it() -> None:
    plan = make_plan(
        PlanRequest(regimen=DIAZEPAM_20.regimen, start=START, holds=(HoldAt(Decimal(10), 28),)), KNOWLEDGE
    )
    holds = [s for s in plan.steps if s.kind == "hold"]
    assert len(holds) == 1 and holds[0].days == 28
    assert holds[0].diazepam_equivalent_mg <= 10
    assert_plan_is_sound(plan, KNOWLEDGE, Decimal(20))


def test_replanning_after_going_back_up_starts_from_the_higher_dose_and_holds_it() -> None:
    plan = make_plan(DIAZEPAM_20, KNOWLEDGE)
    today = plan.steps[4].start + dt.timedelta(days=3)
    new = replan(plan, today, [Dose("diazepam", "night", Decimal(16))], reason="symptoms too strong")
    assert new.steps[0].start == today and new.steps[0].kind == "hold"
    assert new.steps[0].days == KNOWLEDGE.tapering.default_interval_days.value
    assert new.steps[0].diazepam_equivalent_mg == 16
    assert new.replanned_from and "symptoms too strong" in new.replanned_from
    assert_plan_is_sound(new, KNOWLEDGE, Decimal(16))


def test_replanning_on_the_planned_dose_keeps_the_rest_of_the_step() -> None:
    plan = make_plan(DIAZEPAM_20, KNOWLEDGE)
    step = plan.steps[2]
    today = step.start + dt.timedelta(days=4)
    new = replan(plan, today, every_days=21)
    assert new.steps[0].days == step.days - 4
    assert new.request.every_days == 21


def test_replanning_mid_crossover_continues_the_crossover() -> None:
    plan = make_plan(
        PlanRequest(
            regimen=(Dose("lorazepam", "morning", Decimal(1)), Dose("lorazepam", "night", Decimal(1))),
            start=START,
            crossover_to="diazepam",
        ),
        KNOWLEDGE,
    )
    today = plan.steps[0].start + dt.timedelta(days=2)
    new = replan(plan, today)
    assert any(s.kind == "crossover" for s in new.steps)
    assert_plan_is_sound(new, KNOWLEDGE, Decimal(20))
