"""Small builders shared by the planner's example tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from benzotaper.knowledge import TimeOfDay, load_knowledge
from benzotaper.planning import Dose, Plan, PlanRequest, RiskFactors, Step

KNOWLEDGE = load_knowledge()
RULES = KNOWLEDGE.tapering
START = dt.date(2027, 1, 4)
# Each feature of higher risk on its own: a seizure history, 65 or over, opioids, very long use.
HIGHER_RISKS = (
    RiskFactors(seizure_history=True),
    RiskFactors(age_65_or_over=True),
    RiskFactors(opioid_use=True),
    RiskFactors(days_of_use=5 * 365),
)


def request(*doses: tuple[str, TimeOfDay, str], **options: object) -> PlanRequest:
    regimen = tuple(Dose(drug, time, Decimal(mg)) for drug, time, mg in doses)
    return PlanRequest(regimen=regimen, start=START, **options)  # type: ignore[arg-type]


def mg_of(step: Step, drug: str) -> Decimal:
    return sum((d.mg for d in step.doses if d.drug == drug), Decimal(0))


def codes(plan: Plan) -> set[str]:
    return {w.code for w in plan.warnings}
