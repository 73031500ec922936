"""A micro-taper needs a liquid, reaches zero by a fixed daily tail, and warns when it runs past two years."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import KNOWLEDGE, RULES, codes, request

from benzotaper import records
from benzotaper.planning import Formulation, RoundingError, make_plan

SOLUTION = Formulation("diazepam", "oral_solution", Decimal(1))


def test_tablets_alone_are_refused_with_fixes_that_work() -> None:
    asked = request(("diazepam", "night", "10"), method="micro", cut_percent=Decimal(10), every_days=30)
    with pytest.raises(RoundingError) as refused:
        make_plan(asked, KNOWLEDGE)
    assert "tablets alone cannot" in refused.value.message
    assert any("oral solution of diazepam" in fix for fix in refused.value.fixes)
    for changes in refused.value.fix_changes:
        assert make_plan(records.replace(asked, **changes), KNOWLEDGE).steps[-1].kind == "stop"


def test_the_tail_reaches_zero_without_holding_a_tiny_dose_for_months() -> None:
    plan = make_plan(
        request(("diazepam", "night", "10"), method="micro", forms=(SOLUTION,), slow_end=False), KNOWLEDGE
    )
    assert plan.steps[-1].kind == "stop"
    assert (
        max(s.days for s in plan.steps if s.diazepam_equivalent_mg <= RULES.micro_tail_below_de_mg.value)
        <= 14
    )
    assert "falls by the same amount every day" in plan.method_note


def test_a_plan_past_two_years_is_flagged() -> None:
    plan = make_plan(
        request(
            ("diazepam", "night", "10"),
            method="micro",
            forms=(SOLUTION,),
            cut_percent=Decimal(10),
            every_days=30,
        ),
        KNOWLEDGE,
    )
    assert (plan.end - plan.steps[0].start).days > RULES.long_plan_warning_days.value
    assert "long_plan" in codes(plan)
    assert plan.steps[0].start == plan.request.start
