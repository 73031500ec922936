"""Common regimens taper directly with the default forms of their country (issue 7, item 2)."""

from __future__ import annotations

import pytest
from helpers import KNOWLEDGE, codes, request
from plan_checks import assert_plan_is_sound

from benzotaper.planning import diazepam_equivalent, make_plan

REGIMENS = {
    "clonazepam 1 mg": ((("clonazepam", "night", "1"),), "US"),
    "clonazepam 0.5 mg twice": ((("clonazepam", "morning", "0.5"), ("clonazepam", "night", "0.5")), "US"),
    "alprazolam 0.5 mg three times": (
        (("alprazolam", "morning", "0.5"), ("alprazolam", "midday", "0.5"), ("alprazolam", "night", "0.5")),
        "US",
    ),
    "lorazepam 1 mg twice": ((("lorazepam", "morning", "1"), ("lorazepam", "night", "1")), "US"),
    "zolpidem 10 mg": ((("zolpidem", "night", "10"),), "US"),
    "zopiclone 7.5 mg": ((("zopiclone", "night", "7.5"),), "UK"),
}


@pytest.mark.parametrize("name", REGIMENS)
def test_a_direct_taper_with_the_default_forms_is_planned_to_zero(name: str) -> None:
    doses, country = REGIMENS[name]
    plan = make_plan(request(*doses, country=country), KNOWLEDGE)
    assert_plan_is_sound(plan, KNOWLEDGE, diazepam_equivalent(plan.request.regimen, KNOWLEDGE))
    assert {d.drug for s in plan.steps for d in s.doses} == {doses[0][0]}, "no switch unless asked"


def test_a_cut_the_forms_force_is_listed_and_never_called_within_the_guideline() -> None:
    plan = make_plan(request(("clonazepam", "night", "1")), KNOWLEDGE)
    assert "forced_cut" in codes(plan)
    assert not any("within the guideline" in w.message for w in plan.warnings)


def test_clonazepam_asks_to_agree_the_taper_with_a_neurologist() -> None:
    plan = make_plan(request(("clonazepam", "night", "1")), KNOWLEDGE)
    assert "neurologist" in next(w.message for w in plan.warnings if w.code == "risk_epilepsy_drug")


def test_a_lorazepam_oral_solution_makes_small_even_cuts() -> None:
    from decimal import Decimal

    from benzotaper.planning import Formulation

    solution = Formulation("lorazepam", "oral_solution", Decimal(2))
    plan = make_plan(
        request(("lorazepam", "morning", "1"), ("lorazepam", "night", "1"), forms=(solution,)), KNOWLEDGE
    )
    forced = {n for w in plan.warnings if w.code == "forced_cut" for n in w.steps}
    assert plan.steps[0].cut_percent == 10 and 1 not in forced
    assert plan.steps[-1].kind == "stop"
