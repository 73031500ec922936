"""How many tablets or ml each prescription period needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from benzotaper.knowledge import load_knowledge
from benzotaper.planning import Dose, Formulation, PlanRequest, make_plan, supply_needed

KNOWLEDGE = load_knowledge()


def test_supply_counts_whole_tablets_for_each_period() -> None:
    plan = make_plan(
        PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=dt.date(2027, 1, 4)), KNOWLEDGE
    )
    periods = supply_needed(plan, 28)
    assert periods[0].start == dt.date(2027, 1, 4) and periods[0].end == dt.date(2027, 1, 31)
    # Every dose taken in the period is covered, and halves are rounded up to whole tablets once.
    for period in periods:
        needed: dict[tuple[Decimal, str], Decimal] = {}
        day = period.start
        while day <= period.end:
            step = plan.step_on(day)
            assert step is not None
            for dose in step.doses:
                for part in dose.make:
                    needed[(part.strength_mg, part.form)] = (
                        needed.get((part.strength_mg, part.form), 0) + part.count
                    )
            day += dt.timedelta(days=1)
        got = {(i.strength_mg, i.form): i.quantity for i in period.items}
        assert set(got) == {k for k, v in needed.items() if v}
        for key, count in needed.items():
            assert got[key] >= count and got[key] - count < 1
    assert periods[-1].end < plan.end


def test_supply_of_a_liquid_is_in_whole_ml() -> None:
    plan = make_plan(
        PlanRequest(
            regimen=(Dose("diazepam", "night", Decimal("2.5")),),
            start=dt.date(2027, 1, 4),
            forms=(Formulation("diazepam", "oral_solution", Decimal(1)),),
        ),
        KNOWLEDGE,
    )
    first = supply_needed(plan)[0]
    assert [i.unit for i in first.items] == ["ml"]
    assert first.items[0].quantity == first.items[0].quantity.to_integral_value()
