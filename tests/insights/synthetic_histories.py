"""Synthetic symptom histories with known windows and waves, generated as in the research notes
(stack.md §4), on the 0-100 burden scale.

Regimes alternate between "window" (mean 30) and "wave" (mean 65), which are the notes' 3.0 and 6.5 on a
0-10 scale; each lasts 8 to 30 days; Gaussian noise has σ = 9 (0.9 on 0-10). Every 14 days a dose cut adds
a bump that starts 3 days later and fades over about a week. Some days have no check-in: single missed
days and a few gaps of 2 to 5 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.knowledge import load_symptoms

START = dt.date(2027, 1, 4)
WINDOW_MEAN, WAVE_MEAN, NOISE = 30.0, 65.0, 9.0
CUT_EVERY_DAYS, CUT_DELAY_DAYS, CUT_BUMP, CUT_FADE_DAYS = 14, 3, 5.0, 7.0


@dataclass(frozen=True)
class History:
    values: np.ndarray  # burden per day, NaN when there is no check-in
    labels: np.ndarray  # "window" or "wave" per day: the truth
    changepoints: list[int]  # first day index of every regime after the first
    cut_days: list[int]

    def dates(self) -> list[dt.date]:
        return [START + dt.timedelta(days=i) for i in range(len(self.values))]


def history(days: int, seed: int, *, missing: float = 0.08, gaps: int = 3, bumps: bool = True) -> History:
    rng = np.random.default_rng(seed)
    labels = np.empty(days, dtype=object)
    means = np.empty(days)
    changepoints = []
    kind = "window" if rng.random() < 0.5 else "wave"
    day = 0
    while day < days:
        length = int(rng.integers(8, 31))
        labels[day : day + length] = kind
        means[day : day + length] = WINDOW_MEAN if kind == "window" else WAVE_MEAN
        day += length
        if day < days:
            changepoints.append(day)
        kind = "wave" if kind == "window" else "window"
    values = means + rng.normal(0, NOISE, days)
    cut_days = list(range(CUT_EVERY_DAYS, days, CUT_EVERY_DAYS))
    if bumps:
        for cut in cut_days:
            lag = np.arange(days) - cut - CUT_DELAY_DAYS
            values += np.where(lag >= 0, CUT_BUMP * np.exp(-np.clip(lag, 0, None) / CUT_FADE_DAYS), 0.0)
    values = np.clip(values, 0, 100)
    values[rng.random(days) < missing] = np.nan
    for _ in range(gaps):
        first = int(rng.integers(0, days - 5))
        values[first : first + int(rng.integers(2, 6))] = np.nan
    return History(values, labels, changepoints, cut_days)


def f1(found: list[int], truth: list[int], tolerance: int = 4) -> float:
    """F1 of changepoints, a found one counting when within ``tolerance`` days of an unmatched true one."""
    if not found and not truth:
        return 1.0
    unmatched = list(truth)
    hits = 0
    for point in found:
        near = [t for t in unmatched if abs(t - point) <= tolerance]
        if near:
            unmatched.remove(min(near, key=lambda t: abs(t - point)))
            hits += 1
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def checkin(day: dt.date, burden: float | None, items: int = 4, **answers: object) -> CheckInRecord:
    """A check-in whose burden is ``burden`` (0-100) as nearly as ``items`` ratings of 0-4 allow."""
    if burden is None:
        return CheckInRecord(day, **answers)  # type: ignore[arg-type]
    total = round(burden / 25 * items)
    severities = [total // items + (1 if i < total % items else 0) for i in range(items)]
    codes = [item.code for item in load_symptoms().rated_items][:items]
    scores = tuple(SymptomScore(code, s) for code, s in zip(codes, severities, strict=True))
    return CheckInRecord(day, symptoms=scores, **answers)  # type: ignore[arg-type]


def checkins(values: np.ndarray, start: dt.date = START, items: int = 4) -> list[CheckInRecord]:
    """Check-ins for daily burden values (no check-in where NaN)."""
    return [
        checkin(start + dt.timedelta(days=i), float(v), items)
        for i, v in enumerate(values)
        if not np.isnan(v)
    ]
