"""What a prescriber needs from a plan: day numbers, a Sig/Disp line per step, whole-plan tablet totals
per strength, and a one-line summary for the health record.

Dispensed amounts are whole tablets (split pieces of one tablet share it, so a step's total is rounded
up once) or whole ml of solution.
"""

from __future__ import annotations

from decimal import Decimal

from benzotaper.knowledge import TimeOfDay

from ._supply import amounts, rounded
from ._types import Plan, Step, SupplyItem
from ._words import decimal_text, form_text, make_text

_WHEN: dict[TimeOfDay, str] = {
    "morning": "in the morning",
    "midday": "at midday",
    "afternoon": "in the afternoon",
    "evening": "in the evening",
    "night": "at night",
}


def day_numbers(plan: Plan, step: Step) -> tuple[int, int]:
    """The plan's day numbers a step covers, from day 1 (a stop step: its first drug-free day, twice)."""
    first = (step.start - plan.steps[0].start).days + 1
    return first, first + max(step.days, 1) - 1


def total_days(plan: Plan) -> int:
    """Days from the first step to the stop."""
    return (plan.end - plan.steps[0].start).days


def sig_text(plan: Plan, step: Step) -> str:
    """What to take in a step, for a prescription: "Take diazepam 5 mg in the morning (1 × 5 mg tablet);
    diazepam 10 mg at night (1 × 10 mg tablet). Days 15-28 (14 days)."."""
    first, last = day_numbers(plan, step)
    if step.kind == "stop":
        return f"Stop: no more doses from day {first}."
    doses = "; ".join(
        f"{dose.drug} {decimal_text(dose.mg)} mg {_WHEN[dose.time]} ({make_text(dose.make)})"
        for dose in step.doses
    )
    return f"Take {doses}. Days {first}-{last} ({step.days} days)."


def dispense(step: Step) -> tuple[SupplyItem, ...]:
    """Whole tablets (or ml) of each strength a step needs."""
    return rounded(amounts([(step, step.start, step.days)]))


def disp_text(step: Step) -> str:
    """ "Disp: diazepam 5 mg tablet × 14; diazepam 2 mg tablet × 28." (empty for a stop step)."""
    items = dispense(step)
    return "Disp: " + "; ".join(supply_text(item) for item in items) + "." if items else ""


def plan_totals(plan: Plan) -> tuple[SupplyItem, ...]:
    """Whole tablets (or ml) of each strength the whole plan needs, each rounded up once."""
    return rounded(amounts((step, step.start, step.days) for step in plan.steps))


def supply_text(item: SupplyItem) -> str:
    """ "diazepam 2 mg tablet × 28" or "diazepam 1 mg/ml solution 30 ml"."""
    name = f"{item.drug} {form_text(item.form, item.strength_mg)}"
    if item.unit == "ml":
        return f"{name} {decimal_text(item.quantity)} ml"
    return f"{name} × {decimal_text(item.quantity)}"


def ehr_summary(plan: Plan) -> str:
    """One line for the health record: start, method, length, peak diazepam, end, knowledge version."""
    request = plan.request
    start = "; ".join(f"{d.drug} {decimal_text(d.mg)} mg {d.time}" for d in request.regimen)
    method = request.method + (f", crossover to {request.crossover_to}" if request.crossover_to else "")
    first = plan.steps[0]
    peak = max(
        (sum((d.mg for d in s.doses if d.drug == "diazepam"), Decimal(0)) for s in plan.steps),
        default=Decimal(0),
    )
    line = (
        f"Benzodiazepine taper plan ({method}) from {start}: {len(plan.steps)} steps over "
        f"{total_days(plan)} days, {first.start.isoformat()} to {plan.end.isoformat()}, ending at 0 mg"
    )
    if peak:
        line += f"; diazepam at most {decimal_text(peak)} mg/day"
    return line + f"; knowledge {plan.knowledge_version}. Informs; does not replace the prescriber."
