"""The words for numbers, forms and how a dose is made, shared by every output of a plan."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from benzotaper.knowledge import FormKind

from ._formulations import plain
from ._types import WEEK_DAYS, WEEKDAY_NAMES, Component, Step, dose_weekdays

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


def dose_night_names(step: Step) -> list[str]:
    """The weekdays a step's doses are taken on: ["Mon", "Tue", ...] (empty for a stop step)."""
    if not step.doses:
        return []
    return [WEEKDAY_NAMES[day] for day in dose_weekdays(step.nights_per_week)]


def weekdays_text(nights_per_week: int) -> str:
    """The weekdays of the dose nights in words: "Mon, Tue, Wed, Fri, Sat"."""
    return ", ".join(WEEKDAY_NAMES[day] for day in dose_weekdays(nights_per_week))


def nights_text(step: Step) -> str:
    """Planned drug-free nights in words: "on 5 nights a week (Mon, Tue, Wed, Fri, Sat)"; "" when the
    doses are taken every day. Doses taken earlier than the evening are counted in days."""
    if step.nights_per_week == WEEK_DAYS or not step.doses:
        return ""
    unit = "nights" if all(dose.time in ("evening", "night") for dose in step.doses) else "days"
    return f"on {step.nights_per_week} {unit} a week ({weekdays_text(step.nights_per_week)})"
