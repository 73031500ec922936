"""A plan as plain, JSON-ready data, and the words for how a dose is made.

Every ``Decimal`` becomes a plain decimal string ("2", "0.5", "12.5": no exponent, no trailing
zeros), so doses round-trip exactly and never pass through a float. Dates are ISO (YYYY-MM-DD).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from benzotaper.knowledge import FormKind

from ._formulations import plain
from ._supply import supply_needed
from ._types import Component, Plan, PlannedDose, Step

DISCLAIMER = "This plan informs; it does not replace your prescriber. Agree every change with them."

_FORM_NAMES: dict[FormKind, str] = {
    "tablet": "tablet",
    "capsule": "capsule",
    "oral_solution": "solution",
    "odt": "orally disintegrating tablet",
    "extended_release": "extended-release tablet",
}


def decimal_text(value: Decimal) -> str:
    """A decimal as plain text: 2 -> "2", 0.50 -> "0.5", 1E+1 -> "10", -0 -> "0"."""
    if not value.is_finite():
        raise ValueError(f"{value} is not a finite number")
    if value == 0:
        return "0"
    return f"{plain(value):f}"


_FRACTIONS = {Decimal("0.25"): "¼", Decimal("0.5"): "½", Decimal("0.75"): "¾"}


def count_text(count: Decimal) -> str:
    """A number of tablets as a person says it: 1, ½, 1½, ¼, 2¾."""
    whole = int(count)
    fraction = _FRACTIONS.get(count - whole)
    if fraction:
        return f"{whole}{fraction}" if whole else fraction
    return decimal_text(count)


def form_text(form: FormKind, strength_mg: Decimal) -> str:
    """A form in words: "5 mg tablet", "1 mg extended-release tablet", "0.4 mg/ml solution"."""
    per = "mg/ml" if form == "oral_solution" else "mg"
    return f"{decimal_text(strength_mg)} {per} {_FORM_NAMES[form]}"


def make_text(components: Iterable[Component]) -> str:
    """How to make a dose: "1 × 5 mg tablet + ½ × 2 mg tablet" or "2.5 ml of 1 mg/ml solution".

    An empty recipe (nothing to take) gives "".
    """
    parts = []
    for part in components:
        form = form_text(part.form, part.strength_mg)
        if part.unit == "ml":
            parts.append(f"{decimal_text(part.count)} ml of {form}")
        else:
            parts.append(f"{count_text(part.count)} × {form}")
    return " + ".join(parts)


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
        "steps": [_step_to_dict(step) for step in plan.steps],
        "supply": [
            {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "items": [
                    {
                        "drug": item.drug,
                        "form": item.form,
                        "strength_mg": decimal_text(item.strength_mg),
                        "quantity": decimal_text(item.quantity),
                        "unit": item.unit,
                    }
                    for item in period.items
                ],
            }
            for period in supply_needed(plan, supply_days)
        ],
    }


def _step_to_dict(step: Step) -> dict[str, Any]:
    return {
        "number": step.number,
        "start": step.start.isoformat(),
        "end": step.end.isoformat(),
        "days": step.days,
        "kind": step.kind,
        "diazepam_equivalent_mg": decimal_text(step.diazepam_equivalent_mg),
        "target_diazepam_equivalent_mg": decimal_text(step.target_diazepam_equivalent_mg),
        "cut_percent": decimal_text(step.cut_percent),
        "note": step.note,
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
