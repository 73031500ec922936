"""The limits every step is checked against, and the warnings a plan carries.

The rule (all numbers from ``knowledge.tapering``):

1. *Rolling window* (JCPG 2025): over any ``max_cut_window_days`` days the DE falls by at most
   ``max_cut_percent`` of what it was at the start of the window.
2. *Ashton's bands* (NICE CKS, adapted from the Ashton Manual): a single cut no larger than the band's
   largest step, at least the band's shortest interval after the previous cut, is within published
   practice even where it is more than 25 % (at low doses: 2 mg -> 1 mg -> 0 of diazepam).

A step is within the limits when it satisfies either rule. So the lowest DE a step may reach is the smaller
of the two floors. Stopping is the last cut and obeys the same rule: a plan can only stop from a dose no
larger than the smallest band's largest step, which is what "never stop a long-term user abruptly" means in
numbers.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from decimal import Decimal

from benzotaper.knowledge import Knowledge, TaperingRules

from ._types import Dose, PlanWarning, RiskFactors, TooFastError

_HUNDRED = Decimal(100)


@dataclass
class CutHistory:
    """The DE in effect from each day offset of the plan, and when the last cut was made."""

    initial_de: Decimal
    changes: list[tuple[int, Decimal]] = field(default_factory=list)
    last_cut_day: int | None = None

    def de_on(self, day: int) -> Decimal:
        index = bisect.bisect_right(self.changes, day, key=lambda change: change[0])
        return self.changes[index - 1][1] if index else self.initial_de

    def record(self, day: int, de: Decimal, is_cut: bool) -> None:
        self.changes.append((day, de))
        if is_cut:
            self.last_cut_day = day


def lowest_allowed_de(rules: TaperingRules, history: CutHistory, day: int, current_de: Decimal) -> Decimal:
    """The lowest DE a cut made on ``day`` may reach without going faster than the guideline."""
    window = rules.max_cut_window_days.value
    reference = history.de_on(day - window)
    rolling_floor = reference * (1 - rules.max_cut_percent.value / _HUNDRED)
    band = rules.band_for(current_de)
    since_last = math.inf if history.last_cut_day is None else day - history.last_cut_day
    band_floor = current_de - band.step_mg.high if since_last >= band.interval_days[0] else current_de
    return max(Decimal(0), min(rolling_floor, band_floor))


def window_cut_fraction(cut_percent: Decimal, every_days: int, window_days: int, daily: bool) -> Decimal:
    """The share of the dose a regular percentage taper removes within one window.

    Step tapers cut ``ceil(window / every)`` times in a window; a daily micro-taper spreads the same
    percentage over ``every`` days, compounding.
    """
    keep = 1 - cut_percent / _HUNDRED
    cuts = Decimal(window_days) / every_days if daily else Decimal(math.ceil(window_days / every_days))
    return 1 - keep**cuts


def check_pace(
    rules: TaperingRules, cut_percent: Decimal, every_days: int, daily: bool, overridden: bool
) -> None:
    """Refuse a percentage pace faster than the guideline limit, unless an override was given (the planner
    then records it with its reason)."""
    window = rules.max_cut_window_days.value
    limit = rules.max_cut_percent.value
    fraction = window_cut_fraction(cut_percent, every_days, window, daily)
    if overridden or fraction * _HUNDRED <= limit:
        return
    message = (
        f"A cut of {cut_percent}% every {every_days} days removes {fraction * _HUNDRED:.0f}% of the dose "
        f"in {window} days; the guideline limit is normally not more than {limit}% in {window} days."
    )
    fixes = [
        "Cut a smaller percentage (the limit allows about "
        f"{_max_cut(limit, every_days, window, daily)}% every {every_days} days)."
    ]
    slower_every = _shortest_interval_within_limit(cut_percent, limit, window, daily)
    if slower_every is not None:
        fixes.append(f"Cut {cut_percent}% less often: every {slower_every} days or more.")
    fixes.append("If your prescriber agrees to a faster taper, record their reason as an override.")
    raise TooFastError(message, fixes)


def _shortest_interval_within_limit(
    cut_percent: Decimal, limit: Decimal, window: int, daily: bool
) -> int | None:
    """The fewest days between cuts that keep ``cut_percent`` within the limit, or None if no interval
    can (a single step cut larger than the limit)."""
    keep, allowed = 1 - float(cut_percent) / 100, 1 - float(limit) / 100
    if keep <= 0:
        return None
    if daily:  # (1 - p)^(window / every) >= 1 - limit
        return math.ceil(window * math.log(keep) / math.log(allowed) - 1e-9)
    cuts_per_window = math.floor(math.log(allowed) / math.log(keep) + 1e-9) if keep < 1 else window
    return math.ceil(window / cuts_per_window) if cuts_per_window >= 1 else None


def _max_cut(limit: Decimal, every_days: int, window: int, daily: bool) -> str:
    cuts = window / every_days if daily else math.ceil(window / every_days)
    keep = (1 - float(limit) / 100) ** (1 / cuts)
    return f"{math.floor((1 - keep) * 1000) / 10:g}"


def risk_warnings(knowledge: Knowledge, risk: RiskFactors, start_de: Decimal) -> list[PlanWarning]:
    """One warning per risk factor the person declared, plus a high dose found from their regimen."""
    rules = knowledge.tapering
    declared = {
        "seizure_history": risk.seizure_history,
        "age_65_or_over": risk.age_65_or_over,
        "alcohol_use": risk.alcohol_use,
        "opioid_use": risk.opioid_use,
        "other_sedatives": risk.other_sedatives,
        "high_dose": start_de > rules.high_dose_de_mg.value,
    }
    warnings = []
    for code, present in declared.items():
        if present:
            factor = rules.risk_factor(code)
            warnings.append(PlanWarning(f"risk_{code}", factor.message))
    return warnings


def is_long_term(rules: TaperingRules, risk: RiskFactors) -> bool:
    """Unknown duration counts as long-term use: the safe assumption."""
    return risk.days_of_use is None or risk.days_of_use > rules.physical_dependence_after_days.value


def describe_doses(doses: list[Dose] | tuple[Dose, ...]) -> str:
    return ", ".join(f"{d.drug} {d.mg} mg {d.time}" for d in doses) or "nothing"
