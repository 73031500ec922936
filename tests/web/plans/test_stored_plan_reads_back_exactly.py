"""A saved plan reads back into the planner's types exactly, so a hold or re-plan starts from the steps
the person saw, never from a plan made again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from benzotaper.planning import (
    Dose,
    Formulation,
    HoldAt,
    PlanRequest,
    hold_step,
    make_plan,
    plan_from_dict,
    plan_to_dict,
    replan,
)

START = dt.date(2027, 1, 4)

REQUESTS = [
    PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=START),
    PlanRequest(
        regimen=(Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1))),
        start=START,
        crossover_to="diazepam",
        holds=(HoldAt(Decimal(5), 28),),
        allow_fast_reason="agreed",
        cut_percent=Decimal(20),
        every_days=14,
    ),
    PlanRequest(
        regimen=(Dose("diazepam", "morning", Decimal(5)), Dose("diazepam", "night", Decimal(5))),
        start=START,
        method="micro",
        forms=(
            Formulation("diazepam", "oral_solution", Decimal(1)),
            Formulation("diazepam", "tablet", Decimal(2), True),
        ),
    ),
]


@pytest.mark.parametrize("request_", REQUESTS)
def test_a_plan_reads_back_equal_to_itself(request_: PlanRequest) -> None:
    plan = make_plan(request_)
    assert plan_from_dict(plan_to_dict(plan), plan.request) == plan


def test_a_held_and_a_re_planned_plan_read_back_too() -> None:
    plan = hold_step(make_plan(REQUESTS[0]), 2, 7, "flu")
    assert plan_from_dict(plan_to_dict(plan), plan.request) == plan
    again = replan(plan, START + dt.timedelta(days=30), reason="wave")
    assert plan_from_dict(plan_to_dict(again), again.request) == again


def test_an_unreadable_plan_is_a_value_error() -> None:
    data = plan_to_dict(make_plan(REQUESTS[0]))
    for broken in ({**data, "steps": [{"number": 1}]}, {**data, "forms": [{"strength_mg": "x"}]}, {}):
        with pytest.raises(ValueError, match="cannot be read"):
            plan_from_dict(broken, REQUESTS[0])
