"""Synthetic noisy histories for the "do not cry wolf" tests: nothing happens, but every day is noisy.

A person whose symptoms sit at one level all year (``LEVEL``), with day-to-day noise of ``noise`` burden
points, normal or heavy-tailed (Student t with 3 degrees of freedom, scaled to the same spread: the odd
very bad day), rated on ``items`` checklist items (so the burden moves in steps of 25 / items, as real
check-ins do), with about one day in twelve missed. Cuts every 14 days change nothing: they are *quiet*.
A *real* response can be added: a rise of ``response`` points from day 2 to day 8 after each cut.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from synthetic_histories import START, checkins

from benzotaper.insights import BurdenSeries, daily_burden

LEVEL = 40.0
CUT_EVERY_DAYS = 14


def noisy_values(
    seed: int, noise: float, days: int = 365, *, heavy: bool = False, cuts: int = 0, response: float = 0.0
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if heavy:  # a t(3) has variance 3: scale it to the spread ``noise``
        values = LEVEL + noise * rng.standard_t(3, days) / np.sqrt(3)
    else:
        values = LEVEL + rng.normal(0, noise, days)
    for cut in cut_days(days, cuts):
        values[cut + 2 : cut + 9] += response
    values = np.clip(values, 0, 100)
    values[rng.random(days) < 1 / 12] = np.nan
    return values


def cut_days(days: int, cuts: int = 0) -> list[int]:
    """Day indices of the cuts: every 14 days from day 14 (all of them when ``cuts`` is 0)."""
    every = list(range(CUT_EVERY_DAYS, days - 7, CUT_EVERY_DAYS))
    return every[:cuts] if cuts else every


def cut_dates(days: int, cuts: int = 0) -> list[dt.date]:
    return [START + dt.timedelta(days=d) for d in cut_days(days, cuts)]


def noisy_series(values: np.ndarray, items: int) -> BurdenSeries:
    """The burden the journal would compute from check-ins rating ``items`` items for these values."""
    return daily_burden(checkins(values, items=items))
