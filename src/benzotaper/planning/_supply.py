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

    One pass over the steps: each step's days are split among the periods they fall in (a step of 90
    days spans four 28-day periods), so a long plan costs its steps plus its periods, not their product.
    """
    if period_days < 1:
        raise ValueError("A prescription period is at least one day.")
    first_day = plan.steps[0].start
    plan_days = (plan.end - first_day).days
    totals: list[dict[SupplyKey, Decimal]] = [{} for _ in range(0, plan_days, period_days)]
    for step in plan.steps:
        day = max((step.start - first_day).days, 0)
        stop = min((step.start - first_day).days + step.days, plan_days)
        while day < stop:
            period = day // period_days
            period_stop = min((period + 1) * period_days, stop)
            _add(totals[period], step, first_day + dt.timedelta(days=day), period_stop - day)
            day = period_stop
    return tuple(
        SupplyPeriod(
            first_day + dt.timedelta(days=offset),
            first_day + dt.timedelta(days=min(offset + period_days, plan_days) - 1),
            rounded(period_totals),
        )
        for offset, period_totals in zip(range(0, plan_days, period_days), totals, strict=True)
    )


def amounts(steps: Iterable[tuple[Step, dt.date, int]]) -> dict[SupplyKey, Decimal]:
    """Tablets (pieces add up) or ml of each form and strength over ``days`` days of each step from the
    date given, counting only its dose nights (none on a planned drug-free night)."""
    totals: dict[SupplyKey, Decimal] = {}
    for step, first, days in steps:
        _add(totals, step, first, days)
    return totals


def _add(totals: dict[SupplyKey, Decimal], step: Step, first: dt.date, span: int) -> None:
    """Add the tablets (pieces add up) or ml of each form and strength of the dose nights among the
    ``span`` days of ``step`` from ``first``."""
    days = step.dose_nights(first, span)
    for dose in step.doses:
        for part in dose.make:
            key = (dose.drug, part.form, part.strength_mg, part.unit)
            totals[key] = totals.get(key, Decimal(0)) + part.count * days


def rounded(totals: dict[SupplyKey, Decimal]) -> tuple[SupplyItem, ...]:
    """The totals as items to dispense: each rounded up once to whole tablets or ml."""
    return tuple(
        SupplyItem(drug, form, plain(strength), Decimal(math.ceil(total)), unit)
        for (drug, form, strength, unit), total in sorted(totals.items())
        if total > 0
    )
