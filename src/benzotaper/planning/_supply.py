"""How many tablets (or ml) of each strength a plan needs, per prescription period."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal

from benzotaper.knowledge import FormKind

from ._formulations import plain
from ._types import Plan, Step, SupplyItem, SupplyPeriod

SupplyKey = tuple[str, FormKind, Decimal, str]


def supply_needed(plan: Plan, period_days: int = 28) -> tuple[SupplyPeriod, ...]:
    """What each prescription of ``period_days`` days must supply, from the plan's start to its stop.

    Halves are counted as the whole tablets that must be dispensed: two halves on different days may
    come from one tablet, so the period's total is rounded up once, not per dose. Liquids are rounded up to
    whole ml.
    """
    if period_days < 1:
        raise ValueError("A prescription period is at least one day.")
    periods = []
    start = plan.steps[0].start
    while start < plan.end:
        end = min(start + dt.timedelta(days=period_days - 1), plan.end - dt.timedelta(days=1))
        totals = amounts((step, *_overlap(step.start, step.days, start, end)) for step in plan.steps)
        periods.append(SupplyPeriod(start, end, rounded(totals)))
        start = end + dt.timedelta(days=1)
    return tuple(periods)


def amounts(steps: Iterable[tuple[Step, dt.date, int]]) -> dict[SupplyKey, Decimal]:
    """Tablets (pieces add up) or ml of each form and strength over ``days`` days of each step from the
    date given, counting only its dose nights (none on a planned drug-free night)."""
    totals: dict[SupplyKey, Decimal] = {}
    for step, first, span in steps:
        days = step.dose_nights(first, span)
        for dose in step.doses:
            for part in dose.make:
                key = (dose.drug, part.form, part.strength_mg, part.unit)
                totals[key] = totals.get(key, Decimal(0)) + part.count * days
    return totals


def rounded(totals: dict[SupplyKey, Decimal]) -> tuple[SupplyItem, ...]:
    """The totals as items to dispense: each rounded up once to whole tablets or ml."""
    return tuple(
        SupplyItem(drug, form, plain(strength), Decimal(math.ceil(total)), unit)
        for (drug, form, strength, unit), total in sorted(totals.items())
        if total > 0
    )


def _overlap(step_start: dt.date, days: int, start: dt.date, end: dt.date) -> tuple[dt.date, int]:
    """The first day and the number of days a step shares with the period ``start`` to ``end``."""
    step_end = step_start + dt.timedelta(days=days - 1)
    first = max(step_start, start)
    last = min(step_end, end)
    return first, max(0, (last - first).days + 1)
