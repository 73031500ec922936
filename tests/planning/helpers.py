"""Small builders shared by the planner's example tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from benzotaper.knowledge import TimeOfDay, load_knowledge
from benzotaper.planning import Dose, Plan, PlanRequest, Step

KNOWLEDGE = load_knowledge()
RULES = KNOWLEDGE.tapering
START = dt.date(2027, 1, 4)


def request(*doses: tuple[str, TimeOfDay, str], **options: object) -> PlanRequest:
    regimen = tuple(Dose(drug, time, Decimal(mg)) for drug, time, mg in doses)
    return PlanRequest(regimen=regimen, start=START, **options)  # type: ignore[arg-type]


def mg_of(step: Step, drug: str) -> Decimal:
    return sum((d.mg for d in step.doses if d.drug == drug), Decimal(0))


def codes(plan: Plan) -> set[str]:
    return {w.code for w in plan.warnings}
