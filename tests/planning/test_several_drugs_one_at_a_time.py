"""Two drugs without a crossover: one at a time, the shorter-acting first, none stopped abruptly."""

from __future__ import annotations

from decimal import Decimal

from helpers import KNOWLEDGE, codes, mg_of, request
from plan_checks import assert_plan_is_sound

from benzotaper.planning import make_plan


def test_lorazepam_is_tapered_before_diazepam_is_touched() -> None:
    plan = make_plan(request(("diazepam", "morning", "5"), ("lorazepam", "night", "1")), KNOWLEDGE)
    assert_plan_is_sound(plan, KNOWLEDGE, Decimal(15))
    on_lorazepam = [s for s in plan.steps if mg_of(s, "lorazepam") > 0]
    assert on_lorazepam and all(mg_of(s, "diazepam") == 5 for s in on_lorazepam)
    last_lorazepam = plan.steps.index(on_lorazepam[-1])
    assert mg_of(plan.steps[last_lorazepam + 1], "diazepam") == 5, "diazepam waits until lorazepam is gone"
    assert {"risk_several_drugs", "one_drug_stops"} <= codes(plan)


def test_no_drug_stops_from_more_than_its_smallest_practical_dose() -> None:
    plan = make_plan(request(("diazepam", "morning", "5"), ("lorazepam", "night", "1")), KNOWLEDGE)
    for before, after in zip(plan.steps, plan.steps[1:], strict=False):
        for drug in ("diazepam", "lorazepam"):
            if mg_of(before, drug) and not mg_of(after, drug):
                assert mg_of(before, drug) <= {"diazepam": 1, "lorazepam": Decimal("0.5")}[drug]
