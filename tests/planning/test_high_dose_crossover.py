"""Above the ceiling, the crossover reduces while it substitutes; diazepam stays within the ceiling and
the labelled single dose (clinical.md §2d, Ashton's high-dose schedules)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from helpers import HIGHER_RISKS, KNOWLEDGE, RULES, codes, mg_of, request
from plan_checks import assert_plan_is_sound

from benzotaper.planning import RiskFactors, diazepam_equivalent, make_plan

ALPRAZOLAM_6MG = (("alprazolam", "morning", "2"), ("alprazolam", "midday", "2"), ("alprazolam", "night", "2"))


def test_alprazolam_6_mg_reaches_at_most_30_mg_diazepam_and_10_mg_in_one_dose() -> None:
    plan = make_plan(request(*ALPRAZOLAM_6MG, crossover_to="diazepam", method="ashton"), KNOWLEDGE)
    assert_plan_is_sound(plan, KNOWLEDGE, Decimal(120))
    assert max(mg_of(s, "diazepam") for s in plan.steps) == 30
    assert max(d.mg for s in plan.steps for d in s.doses if d.drug == "diazepam") == 10
    assert {"risk_very_high_dose", "crossover_reduces"} <= codes(plan)
    # Ashton's own high-dose schedules take well over a year; this plan too, but not three years.
    weeks = (plan.end - plan.steps[0].start).days / 7
    assert 60 <= weeks <= 100


def test_the_switch_is_spread_over_the_stages_night_first() -> None:
    plan = make_plan(request(*ALPRAZOLAM_6MG, crossover_to="diazepam", method="ashton"), KNOWLEDGE)
    first = plan.steps[0]
    assert {(d.drug, d.time) for d in first.doses if d.drug == "diazepam"} == {("diazepam", "night")}
    switching = [s for s in plan.steps if mg_of(s, "alprazolam") > 0]
    cuts = [a.diazepam_equivalent_mg - b.diazepam_equivalent_mg for a, b in itertools.pairwise(switching)]
    assert all(0 <= cut <= RULES.high_dose_crossover_cut_de_mg.value.high for cut in cuts)


@pytest.mark.parametrize("risk", HIGHER_RISKS)
def test_a_higher_risk_lowers_the_ceiling(risk: RiskFactors) -> None:
    plan = make_plan(request(*ALPRAZOLAM_6MG, crossover_to="diazepam", method="ashton", risk=risk), KNOWLEDGE)
    assert max(mg_of(s, "diazepam") for s in plan.steps) <= RULES.diazepam_ceiling_at_risk_de_mg.value


def test_an_ordinary_dose_switches_at_a_constant_total() -> None:
    plan = make_plan(
        request(("lorazepam", "morning", "1"), ("lorazepam", "night", "1"), crossover_to="diazepam"),
        KNOWLEDGE,
    )
    assert [s.kind for s in plan.steps[:2]] == ["crossover", "crossover"]
    assert "crossover_reduces" not in codes(plan)


def test_above_40_mg_the_ashton_method_cuts_a_percentage() -> None:
    plan = make_plan(
        request(("diazepam", "morning", "30"), ("diazepam", "night", "30"), method="ashton"), KNOWLEDGE
    )
    first = plan.steps[0]
    assert first.cut_percent == RULES.high_dose_cut_percent.value
    assert "seek specialist advice" in " ".join(w.message for w in plan.warnings)
    assert diazepam_equivalent(plan.request.regimen, KNOWLEDGE) == 60
