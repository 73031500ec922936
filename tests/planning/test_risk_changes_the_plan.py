"""Risk factors change the default pace and the ceiling; short-term use gets the faster plan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import HIGHER_RISKS, KNOWLEDGE, RULES, codes, request

from benzotaper.planning import Formulation, RiskFactors, make_plan

SOLUTION = Formulation("diazepam", "oral_solution", Decimal(1))


@pytest.mark.parametrize("risk", HIGHER_RISKS)
def test_a_higher_risk_gets_the_slower_default_cut(risk: RiskFactors) -> None:
    plan = make_plan(request(("diazepam", "night", "20"), forms=(SOLUTION,), risk=risk), KNOWLEDGE)
    assert plan.steps[0].cut_percent == RULES.at_risk_cut_percent.value
    assert "5%" in plan.method_note


def test_a_chosen_cut_is_kept_whatever_the_risk() -> None:
    risk = RiskFactors(seizure_history=True)
    plan = make_plan(
        request(("diazepam", "night", "20"), forms=(SOLUTION,), risk=risk, cut_percent=Decimal(10)), KNOWLEDGE
    )
    assert plan.steps[0].cut_percent == 10


def test_short_term_use_gets_the_faster_plan_without_an_override() -> None:
    plan = make_plan(
        request(("diazepam", "night", "10"), forms=(SOLUTION,), risk=RiskFactors(days_of_use=14)), KNOWLEDGE
    )
    assert not plan.overrides
    assert plan.steps[0].cut_percent == RULES.short_term_cut_percent.value
    assert plan.steps[0].days == RULES.short_term_interval_days.value
    assert "risk_short_term_use" in codes(plan)


def test_clobazam_asks_to_agree_the_taper_with_a_neurologist() -> None:
    forms = (Formulation("clobazam", "tablet", Decimal(10), scored=True),)
    plan = make_plan(request(("clobazam", "night", "20"), forms=forms), KNOWLEDGE)
    assert "risk_epilepsy_drug" in codes(plan)
