"""The limits every step is checked against, the pace a plan keeps, and the warnings a plan carries.

The rule (all numbers from ``knowledge.tapering``):

1. *Rolling window* (JCPG 2025): over any ``max_cut_window_days`` days the total DE, and each drug's own
   dose in mg, falls by at most ``max_cut_percent`` of what it was at the start of the window
   (``short_term_max_cut_percent`` after short-term use).
2. *Ashton's bands* (NICE CKS, adapted from the Ashton Manual): a single cut of diazepam no larger than the
   band's largest step, at least the band's shortest interval after the previous cut, is within published
   practice even where it is more than 25 % (at low doses: 2 mg -> 1 mg -> 0). The bands are for diazepam
   only.
3. *The last step of each drug*: a drug stops from its own smallest practical dose (the smallest amount its
   forms make, and no more than the last band's largest step in DE when the forms are finer).

When the forms cannot make any cut within these limits, the planner makes the smallest cut they can (a
*forced* cut, listed in a warning) and stretches the time before the next cut so that the pace never
exceeds the one asked for (``stretch_days``).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Collection, Mapping
from decimal import Decimal

from benzotaper.knowledge import Knowledge, TaperingRules
from benzotaper.records import Record, field

from ._types import Dose, PlanWarning, RiskFactors, TooFastError

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


class CutHistory(Record, frozen=False, eq=False):  # the planner's own running record, never compared
    """The DE and each drug's daily mg in effect from each day offset of the plan, and when the last cut
    was made."""

    initial_de: Decimal
    initial_mg: Mapping[str, Decimal] = field(default_factory=dict)
    changes: list[tuple[int, Decimal]] = field(default_factory=list)
    drug_mg: list[Mapping[str, Decimal]] = field(default_factory=list)
    last_cut_day: int | None = None
    days: list[int] = field(default_factory=list)
    """The day of each change, for bisection."""

    def _index(self, day: int) -> int:
        return bisect.bisect_right(self.days, day)

    def de_on(self, day: int) -> Decimal:
        index = self._index(day)
        return self.changes[index - 1][1] if index else self.initial_de

    def mg_on(self, drug: str, day: int) -> Decimal:
        """The daily mg of ``drug`` in effect on ``day``."""
        index = self._index(day)
        mg = self.drug_mg[index - 1] if index else self.initial_mg
        return mg.get(drug, Decimal(0))

    def record(self, day: int, de: Decimal, is_cut: bool, drug_mg: Mapping[str, Decimal]) -> None:
        self.changes.append((day, de))
        self.days.append(day)
        self.drug_mg.append(drug_mg)
        if is_cut:
            self.last_cut_day = day


def lowest_allowed_de(
    rules: TaperingRules,
    history: CutHistory,
    day: int,
    current_de: Decimal,
    limit: Decimal,
    bands: bool = True,
) -> Decimal:
    """The lowest DE a cut made on ``day`` may reach without going faster than the guideline.

    ``limit`` is the percentage allowed per window; ``bands`` says whether Ashton's diazepam bands apply
    (only when all that is left is diazepam)."""
    window = rules.max_cut_window_days.value
    reference = history.de_on(day - window)
    rolling_floor = reference * (1 - limit / _HUNDRED)
    if not bands:
        return max(_ZERO, rolling_floor)
    return max(_ZERO, min(rolling_floor, band_floor(rules, history, day, current_de)))


def band_floor(rules: TaperingRules, history: CutHistory, day: int, current_mg: Decimal) -> Decimal:
    """The lowest diazepam dose one Ashton band step allows from ``current_mg`` on ``day``."""
    band = rules.band_for(current_mg)
    since_last = math.inf if history.last_cut_day is None else day - history.last_cut_day
    return current_mg - band.step_mg.high if since_last >= band.interval_days[0] else current_mg


def stretch_days(every_days: int, asked_fraction: Decimal, real_fraction: Decimal) -> int:
    """Days a step must last so that a cut of ``real_fraction`` keeps the asked pace of
    ``asked_fraction`` every ``every_days`` days (compounding): never less than ``every_days``."""
    if real_fraction <= asked_fraction or asked_fraction <= 0 or real_fraction >= 1:
        return every_days
    ratio = math.log(1 - float(real_fraction)) / math.log(1 - float(asked_fraction))
    return max(every_days, math.ceil(every_days * ratio - 1e-9))


def is_short_term(rules: TaperingRules, risk: RiskFactors) -> bool:
    """Daily use for less than the short-term threshold: the faster pace the sources allow."""
    return risk.days_of_use is not None and risk.days_of_use < rules.short_term_use_days.value


def is_at_risk(rules: TaperingRules, risk: RiskFactors) -> bool:
    """A seizure history, 65 or over, opioids or very long use: a slower default pace."""
    very_long = risk.days_of_use is not None and risk.days_of_use > rules.very_long_use_days.value
    return risk.seizure_history or risk.age_65_or_over or risk.opioid_use or very_long


def pace(
    rules: TaperingRules, risk: RiskFactors, cut: Decimal | None, every: int | None
) -> tuple[Decimal, int, Decimal]:
    """The cut (%), the interval (days) and the limit (% per window) of a plan: what the person asked,
    else the default for their risk (short-term use faster, higher risk slower)."""
    if is_short_term(rules, risk):
        default_cut, default_every = rules.short_term_cut_percent.value, rules.short_term_interval_days.value
        limit = rules.short_term_max_cut_percent.value
    else:
        default_cut = (
            rules.at_risk_cut_percent.value if is_at_risk(rules, risk) else rules.default_cut_percent.value
        )
        default_every, limit = rules.default_interval_days.value, rules.max_cut_percent.value
    return cut or default_cut, every or default_every, limit


def window_cut_fraction(cut_percent: Decimal, every_days: int, window_days: int, daily: bool) -> Decimal:
    """The share of the dose a regular percentage taper removes within one window.

    Step tapers cut ``ceil(window / every)`` times in a window; a daily micro-taper spreads the same
    percentage over ``every`` days, compounding.
    """
    keep = 1 - cut_percent / _HUNDRED
    cuts = Decimal(window_days) / every_days if daily else Decimal(math.ceil(window_days / every_days))
    return 1 - keep**cuts


def check_pace(
    rules: TaperingRules,
    cut_percent: Decimal,
    every_days: int,
    daily: bool,
    overridden: bool,
    limit: Decimal | None = None,
) -> None:
    """Refuse a percentage pace faster than the guideline limit, unless an override was given (the planner
    then records it with its reason)."""
    window = rules.max_cut_window_days.value
    limit = limit if limit is not None else rules.max_cut_percent.value
    fraction = window_cut_fraction(cut_percent, every_days, window, daily)
    if overridden or fraction * _HUNDRED <= limit:
        return
    message = (
        f"A cut of {cut_percent}% every {every_days} days removes {fraction * _HUNDRED:.0f}% of the dose "
        f"in {window} days; the guideline limit is normally not more than {limit}% in {window} days."
    )
    most = _max_cut(limit, every_days, window, daily)
    candidates: list[tuple[str, dict[str, object]]] = [
        (
            f"Cut a smaller percentage (the limit allows about {most}% every {every_days} days).",
            {"cut_percent": Decimal(most)},
        )
    ]
    slower_every = _shortest_interval_within_limit(cut_percent, limit, window, daily)
    if slower_every is not None:
        candidates.append(
            (
                f"Cut {cut_percent}% less often: every {slower_every} days or more.",
                {"every_days": slower_every},
            )
        )
    candidates.append(
        (
            "If your prescriber agrees to a faster taper, record their reason as an override.",
            {"allow_fast_reason": "agreed with my prescriber"},
        )
    )
    error = TooFastError(message, [text for text, _ in candidates])
    error.candidates = candidates  # type: ignore[attr-defined]  # re-planned by make_plan
    raise error


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


def risk_warnings(
    knowledge: Knowledge,
    risk: RiskFactors,
    start_de: Decimal,
    drugs: Collection[str] = (),
    crossover_to: str | None = None,
) -> list[PlanWarning]:
    """One warning per risk factor the person declared, plus those found from their regimen: a high dose,
    a dose for a specialist, an epilepsy medicine, a z-drug switched to diazepam, and each drug's own
    warning in the data (e.g. not licensed)."""
    rules = knowledge.tapering
    classes = {knowledge.drugs[d].drug_class for d in drugs}
    declared = {
        "seizure_history": risk.seizure_history,
        "age_65_or_over": risk.age_65_or_over,
        "alcohol_use": risk.alcohol_use,
        "opioid_use": risk.opioid_use,
        "other_sedatives": risk.other_sedatives,
        "high_dose": start_de > rules.high_dose_de_mg.value,
        "very_high_dose": start_de > rules.specialist_above_de_mg.value,
        "epilepsy_drug": any("e" in knowledge.drugs[d].market_aim for d in drugs),
        "short_term_use": is_short_term(rules, risk),
        "zdrug_crossover": crossover_to is not None and "z-drug" in classes,
        "several_drugs": len(set(drugs)) > 1,
    }
    warnings = []
    for code, present in declared.items():
        if present:
            factor = rules.risk_factor(code)
            warnings.append(PlanWarning(f"risk_{code}", factor.message))
    for drug in sorted(drugs):
        note = knowledge.drugs[drug].warning
        if note is not None:
            warnings.append(PlanWarning(f"drug_{drug}", note.value))
    return warnings


def is_long_term(rules: TaperingRules, risk: RiskFactors) -> bool:
    """Unknown duration counts as long-term use: the safe assumption."""
    return risk.days_of_use is None or risk.days_of_use > rules.physical_dependence_after_days.value


def describe_doses(doses: list[Dose] | tuple[Dose, ...]) -> str:
    return ", ".join(f"{d.drug} {d.mg} mg {d.time}" for d in doses) or "nothing"
