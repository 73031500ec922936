"""One rule for the step on a day (``Plan.step_on``, ``planning.step_on``): nothing before the plan, the step
whose days include the day while it runs, the stop step from the stop day on, and nothing after a partial
plan's last day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from benzotaper import records
from benzotaper.planning import Dose, Plan, PlanRequest, Step, make_plan, step_on

START = dt.date(2027, 1, 4)
PLAN = make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=START))
ONE_DAY = dt.timedelta(days=1)


def test_it_gives_nothing_before_the_plan_starts() -> None:
    assert PLAN.step_on(START - ONE_DAY) is None
    assert PLAN.step_on(dt.date.min) is None


def test_it_gives_the_first_step_on_the_first_day() -> None:
    assert PLAN.step_on(START) == PLAN.steps[0]


def test_a_step_holds_from_its_first_to_its_last_day_then_the_next_begins() -> None:
    for step, following in zip(PLAN.steps, PLAN.steps[1:], strict=False):
        assert PLAN.step_on(step.start) == step
        assert PLAN.step_on(step.end) == step
        assert PLAN.step_on(step.end + ONE_DAY) == following


def test_from_the_stop_day_on_it_gives_the_stop_step_which_has_no_doses() -> None:
    stop = PLAN.steps[-1]
    assert stop.kind == "stop" and stop.start == PLAN.end
    assert PLAN.step_on(PLAN.end - ONE_DAY) == PLAN.steps[-2]
    for day in (PLAN.end, PLAN.end + ONE_DAY, PLAN.end + dt.timedelta(days=400), dt.date.max):
        found = PLAN.step_on(day)
        assert found == stop and found is not None and not found.doses


def test_after_the_last_day_of_a_partial_plan_it_gives_nothing() -> None:
    partial = records.replace(PLAN, steps=PLAN.steps[:3])
    last = partial.steps[-1]
    assert last.kind != "stop"
    assert partial.step_on(last.end) == last
    assert partial.step_on(last.end + ONE_DAY) is None


def test_the_plan_and_the_steps_read_the_same_rule() -> None:
    for offset in range(-3, (PLAN.end - START).days + 5):
        day = START + dt.timedelta(days=offset)
        assert PLAN.step_on(day) == step_on(PLAN.steps, day)
    assert step_on((), START) is None


def _by_hand(plan: Plan, day: dt.date) -> Step | None:
    """The rule written out plainly, day by day."""
    for step in plan.steps:
        if step.start <= day <= step.end:
            return step
    last = plan.steps[-1]
    return last if last.kind == "stop" and day >= last.start else None


@given(
    cut=st.integers(min_value=5, max_value=25),
    every=st.integers(min_value=7, max_value=28),
    offset=st.integers(min_value=-30, max_value=2_000),
    partial=st.booleans(),
)
def test_it_agrees_with_the_rule_written_out_for_any_day(
    cut: int, every: int, offset: int, partial: bool
) -> None:
    request = PlanRequest(
        regimen=(Dose("diazepam", "night", Decimal(10)),),
        start=START,
        cut_percent=Decimal(cut),
        every_days=every,
        allow_fast_reason="testing the step rule",
    )
    plan = make_plan(request)
    if partial:
        plan = records.replace(plan, steps=plan.steps[: max(len(plan.steps) // 2, 1)])
    day = START + dt.timedelta(days=offset)
    assert plan.step_on(day) == _by_hand(plan, day)
