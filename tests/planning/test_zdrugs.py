"""Z-drugs taper directly by the Canadian algorithm; a switch to diazepam is an option with a warning."""

from __future__ import annotations

from decimal import Decimal

from helpers import KNOWLEDGE, codes, request

from benzotaper.planning import Formulation, make_plan

SCORED_5 = Formulation("zolpidem", "tablet", Decimal(5), scored=True)


def test_zolpidem_follows_quarter_steps_of_the_starting_dose_and_eighths_near_the_end() -> None:
    plan = make_plan(request(("zolpidem", "night", "10"), forms=(SCORED_5,)), KNOWLEDGE)
    assert [d.mg for s in plan.steps for d in s.doses] == [Decimal("7.5"), Decimal(5), Decimal("2.5")]
    assert plan.steps[-1].kind == "stop"
    assert "Canadian deprescribing algorithm" in plan.method_note


def test_a_crossover_of_a_z_drug_warns_that_the_equivalence_is_uncertain() -> None:
    plan = make_plan(request(("zolpidem", "night", "10"), crossover_to="diazepam"), KNOWLEDGE)
    assert "risk_zdrug_crossover" in codes(plan)
    assert "uncertain" in next(w.message for w in plan.warnings if w.code == "risk_zdrug_crossover")


def test_no_zolpidem_solution_is_ever_offered() -> None:
    from benzotaper.planning import PlanError

    try:
        make_plan(request(("zolpidem", "night", "10"), method="micro"), KNOWLEDGE)
    except PlanError as refused:
        assert not any("solution of zolpidem" in fix for fix in refused.fixes)
        assert refused.fixes
    else:
        raise AssertionError("a tablets-only micro-taper is refused")
