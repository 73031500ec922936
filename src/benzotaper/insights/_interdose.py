"""Inter-dose withdrawal: do symptoms come back before the next dose is due?

Telling needs ratings at different times of the day, some just before a dose. The journal records
symptoms once a day (the check-in), so from it alone the answer is always "not enough data", said
plainly, never guessed. ``TimedScore`` is the input a time-of-day rating would give; with at least
``MIN_DAYS`` days that have both a before-dose rating and another one, the pattern is the mean before-dose
severity minus the mean of the other ratings: ``MIN_DIFFERENCE`` or more is a pattern.

Either way the result describes the dosing from the dose records of the last ``LOOKBACK_DAYS`` days: the
times of day doses were taken and the longest gap between them (clock hours are nominal, see
``_pk.NOMINAL_HOURS``), and, for a single drug, how far its illustrative level falls between doses
(``trough_share``: the lowest level over the highest, from ``_pk``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from benzotaper.insights._pk import NOMINAL_HOURS, NoPkDataError
from benzotaper.journal import SEVERITY_MAX, SEVERITY_MIN, DoseRecord
from benzotaper.knowledge import TIMES_OF_DAY, TimeOfDay
from benzotaper.records import Record

InterdoseStatus = Literal["pattern", "no_pattern", "not_enough_data"]

# A week of days with both kinds of rating: fewer could reflect a few bad evenings.
MIN_DAYS = 7
# One whole step of the 0-4 scale (for example from mild to moderate), on average, before doses.
MIN_DIFFERENCE = 1.0
# The dosing of the last two weeks is the current regimen; older records may be from an earlier step.
LOOKBACK_DAYS = 14


class TimedScore(Record):
    """How strong symptoms were (0-4) at a time of day; ``before_dose`` when rated just before a dose was
    due. The journal does not record these yet."""

    date: dt.date
    time: TimeOfDay
    severity: int
    before_dose: bool

    def __post_init__(self) -> None:
        if self.time not in TIMES_OF_DAY:
            raise ValueError(f"{self.time!r} is not a time of day")
        if not SEVERITY_MIN <= self.severity <= SEVERITY_MAX:
            raise ValueError(f"severity {self.severity} is not between {SEVERITY_MIN} and {SEVERITY_MAX}")


class InterdosePattern(Record):
    """The answer (``status`` and ``reason`` in words), what it rests on, and the dosing it was judged
    against. ``difference`` is before-dose minus other ratings (0-4 points); ``suggestion`` is the
    knowledge data's suggestion for inter-dose withdrawal, given only with a pattern."""

    status: InterdoseStatus
    reason: str
    days_compared: int
    difference: float | None
    dose_times: tuple[TimeOfDay, ...]
    longest_gap_hours: float | None
    trough_share: float | None
    suggestion: str = ""


def interdose_pattern(
    doses: Sequence[DoseRecord], timed_scores: Sequence[TimedScore] = (), today: dt.date | None = None
) -> InterdosePattern:
    """Whether symptoms are worse before doses (see the module docstring). ``today`` defaults to the last
    dose record's day."""
    last = today or max((d.date for d in doses), default=None)
    recent = [d for d in doses if last is not None and 0 <= (last - d.date).days < LOOKBACK_DAYS]
    taken = [d for d in recent if d.taken_mg is not None]
    times = tuple(t for t in TIMES_OF_DAY if any(d.time == t for d in taken))
    gap = _longest_gap(times)
    trough = _trough_share(taken)
    before: dict[dt.date, list[int]] = defaultdict(list)
    other: dict[dt.date, list[int]] = defaultdict(list)
    for score in timed_scores:
        (before if score.before_dose else other)[score.date].append(score.severity)
    days = sorted(set(before) & set(other))
    if len(days) < MIN_DAYS:
        reason = (
            "The journal records symptoms once a day, so it cannot show whether they come back before doses."
            if not timed_scores
            else f"{len(days)} days have ratings both before a dose and at another time; {MIN_DAYS} are "
            "needed."
        )
        return InterdosePattern("not_enough_data", reason, len(days), None, times, gap, trough)
    difference = sum(_mean(before[d]) - _mean(other[d]) for d in days) / len(days)
    if difference >= MIN_DIFFERENCE:
        return InterdosePattern(
            "pattern",
            f"Symptoms were {difference:.1f} points worse before doses than at other times, over "
            f"{len(days)} days.",
            len(days),
            difference,
            times,
            gap,
            trough,
            _suggestion(),
        )
    return InterdosePattern(
        "no_pattern",
        f"Symptoms before doses were not clearly worse than at other times, over {len(days)} days.",
        len(days),
        difference,
        times,
        gap,
        trough,
    )


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def _longest_gap(times: Sequence[TimeOfDay]) -> float | None:
    """The longest time between doses through the day and night, in nominal clock hours."""
    if not times:
        return None
    hours = sorted(NOMINAL_HOURS[t] for t in times)
    gaps = [b - a for a, b in itertools.pairwise(hours)] + [hours[0] + 24 - hours[-1]]
    return max(gaps)


def _trough_share(taken: Sequence[DoseRecord]) -> float | None:
    """Lowest over highest illustrative level over a day of the usual regimen of one drug (the median
    amount taken at each time of day); None for several drugs or a drug without figures."""
    from benzotaper.insights._pk import blood_level_curve
    from benzotaper.planning import Dose

    if len({d.drug for d in taken}) != 1:
        return None
    amounts: dict[str, list[Decimal]] = defaultdict(list)
    for dose in taken:
        assert dose.taken_mg is not None
        amounts[dose.time].append(dose.taken_mg)
    regimen = [
        Dose(taken[0].drug, time, sorted(mg)[len(mg) // 2])
        for time, mg in amounts.items()
        if time in TIMES_OF_DAY and sorted(mg)[len(mg) // 2] > 0
    ]
    if not regimen:
        return None
    try:
        curve = blood_level_curve(regimen, 1)
    except NoPkDataError:
        return None
    ratio = curve.peak_to_trough()
    return 1 / ratio if ratio > 0 else None


def _suggestion() -> str:
    from benzotaper.knowledge import load_red_flags

    return next(
        (s.suggestion for s in load_red_flags().too_fast_signs if s.code == "interdose_withdrawal"), ""
    )
