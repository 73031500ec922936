"""A plan as plain, JSON-ready data, with what a prescriber needs (day numbers, Sig/Disp, totals, a
health-record summary).

Every ``Decimal`` becomes a plain decimal string ("2", "0.5", "12.5": no exponent, no trailing
zeros), so doses round-trip exactly and never pass through a float. Dates are ISO (YYYY-MM-DD).
"""

from __future__ import annotations

from typing import Any

from ._prescriber import day_numbers, dispense, ehr_summary, plan_totals, sig_text, total_days
from ._supply import supply_needed
from ._types import Plan, PlannedDose, Step, SupplyItem
from ._words import decimal_text, dose_night_names, make_text

DISCLAIMER = "This plan informs; it does not replace your prescriber. Agree every change with them."


def plan_to_dict(plan: Plan, supply_days: int = 28) -> dict[str, Any]:
    """The whole plan as JSON-ready data, with what each prescription of ``supply_days`` days must
    supply."""
    return {
        "knowledge_version": plan.knowledge_version,
        "method": plan.request.method,
        "method_note": plan.method_note,
        "start": plan.steps[0].start.isoformat(),
        "end": plan.end.isoformat(),
        "replanned_from": plan.replanned_from,
        "disclaimer": DISCLAIMER,
        "warnings": [{"code": w.code, "message": w.message, "steps": list(w.steps)} for w in plan.warnings],
        "overrides": [{"code": o.code, "reason": o.reason} for o in plan.overrides],
        "forms": [
            {
                "drug": f.drug,
                "form": f.form,
                "strength_mg": decimal_text(f.strength_mg),
                "scored": f.scored,
                "split_into": f.split_into,
            }
            for f in plan.forms
        ],
        "total_days": total_days(plan),
        "ehr_summary": ehr_summary(plan),
        "totals": [_item_to_dict(item) for item in plan_totals(plan)],
        "steps": [_step_to_dict(plan, step) for step in plan.steps],
        "supply": [
            {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "items": [_item_to_dict(item) for item in period.items],
            }
            for period in supply_needed(plan, supply_days)
        ],
    }


def _item_to_dict(item: SupplyItem) -> dict[str, Any]:
    return {
        "drug": item.drug,
        "form": item.form,
        "strength_mg": decimal_text(item.strength_mg),
        "quantity": decimal_text(item.quantity),
        "unit": item.unit,
    }


def _step_to_dict(plan: Plan, step: Step) -> dict[str, Any]:
    day_from, day_to = day_numbers(plan, step)
    return {
        "number": step.number,
        "start": step.start.isoformat(),
        "end": step.end.isoformat(),
        "day_from": day_from,
        "day_to": day_to,
        "days": step.days,
        "sig": sig_text(plan, step),
        "disp": [_item_to_dict(item) for item in dispense(step)],
        "kind": step.kind,
        "diazepam_equivalent_mg": decimal_text(step.diazepam_equivalent_mg),
        "target_diazepam_equivalent_mg": decimal_text(step.target_diazepam_equivalent_mg),
        "cut_percent": decimal_text(step.cut_percent),
        "note": step.note,
        "nights_per_week": step.nights_per_week,
        "dose_nights": dose_night_names(step),
        "doses": [_dose_to_dict(dose) for dose in step.doses],
    }


def _dose_to_dict(dose: PlannedDose) -> dict[str, Any]:
    return {
        "drug": dose.drug,
        "time": dose.time,
        "target_mg": decimal_text(dose.target_mg),
        "mg": decimal_text(dose.mg),
        "make": [
            {
                "form": part.form,
                "strength_mg": decimal_text(part.strength_mg),
                "count": decimal_text(part.count),
                "unit": part.unit,
            }
            for part in dose.make
        ],
        "make_text": make_text(dose.make),
    }
