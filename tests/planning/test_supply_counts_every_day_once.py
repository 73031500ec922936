"""The supply list, computed in one pass over the steps, counts exactly the doses of each day of a period."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from helpers import KNOWLEDGE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benzotaper.planning import Dose, Formulation, Plan, PlanError, PlanRequest, make_plan, supply_needed

START = dt.date(2027, 1, 4)
Needed = dict[tuple[object, ...], Decimal]


def day_by_day(plan: Plan, period_days: int) -> list[tuple[dt.date, dt.date, Needed]]:
    """The reference: walk every day of the plan, find its step and add what it takes that day."""
    periods = []
    first = plan.steps[0].start
    day = first
    while day < plan.end:
        end = min(day + dt.timedelta(days=period_days - 1), plan.end - dt.timedelta(days=1))
        needed: Needed = {}
        while day <= end:
            [step] = [s for s in plan.steps if s.start <= day < s.start + dt.timedelta(days=s.days)]
            for dose in step.doses:
                for part in dose.make:
                    key = (dose.drug, part.form, part.strength_mg, part.unit)
                    needed[key] = needed.get(key, Decimal(0)) + part.count
            day += dt.timedelta(days=1)
        periods.append((end - dt.timedelta(days=(end - first).days % period_days), end, needed))
    return periods


plans = st.builds(
    PlanRequest,
    regimen=st.sampled_from(
        [
            (Dose("diazepam", "night", Decimal(10)),),
            (Dose("alprazolam", "morning", Decimal("0.5")), Dose("alprazolam", "night", Decimal(1))),
            (Dose("lorazepam", "morning", Decimal(1)), Dose("clonazepam", "night", Decimal("0.5"))),
        ]
    ),
    start=st.just(START),
    method=st.sampled_from(["percent", "ashton", "micro"]),
    crossover_to=st.sampled_from([None, "diazepam"]),
    forms=st.sampled_from([(), (Formulation("diazepam", "oral_solution", Decimal(1)),)]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans, st.integers(1, 120))
def test_each_period_supplies_what_its_days_take_rounded_up_once(request: PlanRequest, days: int) -> None:
    try:
        plan = make_plan(request, KNOWLEDGE)
    except PlanError:
        return
    got = supply_needed(plan, days)
    expected = day_by_day(plan, days)
    assert [(p.start, p.end) for p in got] == [(start, end) for start, end, _ in expected]
    for period, (_, _, needed) in zip(got, expected, strict=True):
        assert {(i.drug, i.form, i.strength_mg, i.unit): i.quantity for i in period.items} == {
            key: Decimal(math.ceil(total)) for key, total in needed.items() if total > 0
        }
