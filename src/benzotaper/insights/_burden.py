"""The daily symptom burden: one number from 0 to 100 per day, from the person's check-ins.

Which ratings count: every 0-4 rating of the check-in, that is the rated items of the knowledge
checklist plus the person's own symptoms (``SymptomScore.custom``). Red flags are yes/no questions and
are not part of the burden; wellbeing and sleep are separate answers and are not either.

How they are weighted: the day's burden is the *mean* severity over the items rated that day, times 25,
so 0 is "none" on every rated item and 100 is the top of the scale on every rated item. The mean (not the
sum) keeps days with different numbers of rated items comparable, including a checklist that grows or a
person who adds their own symptoms. An item left out is not counted as 0: the journal records only the
ratings given, so someone who skips the items they do not have gets a higher burden than someone who
rates them 0. Several check-ins on one day are pooled.

Missing days are NaN in ``values``; nothing is imputed. The smoothed line is a centred 7-day mean over the
days that have a check-in, shown only where at least 4 of the 7 days have one.

The baseline, the person's usual day, is the midhinge of the whole series: the midpoint between the 25th
and 75th percentile of the observed days. For someone mostly steady it is the steady level, so waves stand
out from it; for someone who swings between better and worse stretches of similar length it sits between
them, so both show (the median would fall inside whichever stretch has more days). It needs at least 14
days with a check-in; before that it is None. Windows and waves are measured from it (see ``_segments``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from benzotaper.journal import SEVERITY_MAX, CheckInRecord, CheckInTally
from benzotaper.records import Record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

# 0-4 severities map onto 0-100: a mean severity of 4 is 100.
SCALE = 100 / SEVERITY_MAX
# A week evens out day-to-day noise and weekday/weekend rhythms without blurring a wave of a week or two.
SMOOTHING_DAYS = 7
# A smoothed value from fewer than half the week's days would follow single days, not the week.
SMOOTHING_MIN_DAYS = 4
# Two weeks of check-ins before there is a "usual day" to measure windows and waves from: fewer days
# mostly show the first days' ups and downs.
BASELINE_MIN_DAYS = 14
# The noise is read from day-to-day differences with their largest tenth left out: a year with a wave
# a month has about 24 level shifts in 330 differences (7 %), and they must not count as noise.
NOISE_TRIM = 0.10
# For normal noise σ a difference of two days is normal with spread σ√2; the mean of the smallest 90 %
# of its absolute values is 2 (φ(0) - φ(1.645)) / 0.9 = 0.6573 of that spread.
_TRIMMED_ABS_DIFF_PER_SIGMA = 0.6573 * math.sqrt(2)
# The smallest noise assumed, in burden points: a perfectly steady series would otherwise get a penalty of
# 0 and be cut everywhere. One point is well under one step of one item (25 points / items rated).
SIGMA_FLOOR = 1.0


class BurdenSeries(Record, eq=False):
    """The daily burden (0-100) from ``start`` for ``len(values)`` consecutive days.

    ``values[i]`` is the burden on ``start + i days``, NaN when there was no check-in with a rating;
    ``smoothed`` the centred 7-day mean (NaN where too few days); ``baseline`` the midhinge of the observed
    days (None with fewer than 14). ``items_rated[i]`` is how many ratings day i's value averages.
    """

    start: dt.date
    values: FloatArray
    smoothed: FloatArray
    items_rated: npt.NDArray[np.int64]
    baseline: float | None

    @classmethod
    def from_values(
        cls,
        start: dt.date,
        values: Sequence[float] | FloatArray,
        items_rated: Sequence[int] | npt.NDArray[np.int64] | None = None,
    ) -> BurdenSeries:
        """A series from daily values (NaN for a missing day); smoothing and baseline are computed."""
        import numpy as np

        array = np.asarray(values, dtype=np.float64)
        if array.ndim != 1:
            raise ValueError("a burden series is one value per day")
        observed = ~np.isnan(array)
        if np.any((array[observed] < 0) | (array[observed] > 100)):
            raise ValueError("burden values are between 0 and 100")
        counts = observed.astype(np.int64) if items_rated is None else np.asarray(items_rated, np.int64)
        baseline = _midhinge(array[observed]) if observed.sum() >= BASELINE_MIN_DAYS else None
        return cls(start, array, _smooth(array), counts, baseline)

    def __len__(self) -> int:
        return len(self.values)

    @property
    def end(self) -> dt.date:
        """The last day of the series (the day before ``start`` for an empty series)."""
        return self.start + dt.timedelta(days=len(self.values) - 1)

    @property
    def observed_days(self) -> int:
        import numpy as np

        return int(np.count_nonzero(~np.isnan(self.values)))

    def day(self, index: int) -> dt.date:
        return self.start + dt.timedelta(days=index)

    def index(self, day: dt.date) -> int:
        """Position of a day in the series (may be outside 0..len-1 for days outside it)."""
        return (day - self.start).days

    def dates(self) -> Iterator[dt.date]:
        return (self.day(i) for i in range(len(self.values)))

    @property
    def noise(self) -> float:
        """The person's day-to-day noise in burden points (see ``noise_sigma``): what every threshold of
        the insights is scaled by."""
        return noise_sigma(self.values)


def daily_burden(
    checkins: Sequence[CheckInRecord | CheckInTally], start: dt.date | None = None, end: dt.date | None = None
) -> BurdenSeries:
    """The daily burden from ``start`` to ``end`` (both included), from the check-ins (or their tallies)
    in that range.

    ``start`` and ``end`` default to the first and last check-in; with no check-ins and no dates the
    series is empty. See the module docstring for what counts and how.
    """
    import numpy as np

    days = [c.date for c in checkins]
    first = start if start is not None else min(days, default=None)
    last = end if end is not None else max(days, default=None)
    if first is None or last is None or last < first:
        return BurdenSeries.from_values(first or last or dt.date.today(), [])
    length = (last - first).days + 1
    totals = np.zeros(length)
    counts = np.zeros(length, dtype=np.int64)
    for checkin in checkins:
        i = (checkin.date - first).days
        if 0 <= i < length and checkin.rated:
            totals[i] += checkin.severity_sum
            counts[i] += checkin.rated
    values = np.full(length, math.nan)
    rated = counts > 0
    values[rated] = totals[rated] / counts[rated] * SCALE
    return BurdenSeries.from_values(first, values, counts)


def _smooth(values: FloatArray) -> FloatArray:
    """Centred moving mean over the observed days (cumulative sums, so short series work too)."""
    import numpy as np

    n = len(values)
    observed = ~np.isnan(values)
    value_sums = np.concatenate(([0.0], np.cumsum(np.where(observed, values, 0.0))))
    count_sums = np.concatenate(([0], np.cumsum(observed)))
    index = np.arange(n)
    low = np.clip(index - SMOOTHING_DAYS // 2, 0, n)
    high = np.clip(index + SMOOTHING_DAYS // 2 + 1, 0, n)
    counts = count_sums[high] - count_sums[low]
    smoothed: FloatArray = np.full(n, np.nan)
    enough = counts >= SMOOTHING_MIN_DAYS
    smoothed[enough] = (value_sums[high] - value_sums[low])[enough] / counts[enough]
    return smoothed


def _midhinge(values: FloatArray) -> float:
    """The midpoint between the 25th and 75th percentile (Tukey's midhinge)."""
    import numpy as np

    low, high = np.percentile(values, [25, 75])
    return float(low + high) / 2


def noise_sigma(values: FloatArray) -> float:
    """Day-to-day noise (burden points) of the observed values, a robust spread of first differences:
    their absolute sizes with the largest ``NOISE_TRIM`` left out (the level shifts of windows and waves
    are among those, so they do not inflate it), averaged and scaled to a standard deviation; never
    below ``SIGMA_FLOOR``. Not the median absolute deviation: ratings are whole numbers, so the burden
    moves in steps of 25 / items rated and a median falls on one step or the next, under-reading
    noise of 11 points as 8.7; a mean is not stepped."""
    import numpy as np

    observed = values[~np.isnan(values)]
    if len(observed) < 3:
        return SIGMA_FLOOR
    sizes = np.sort(np.abs(np.diff(observed)))
    kept = sizes[: max(1, math.ceil(len(sizes) * (1 - NOISE_TRIM)))]
    return max(float(kept.mean()) / _TRIMMED_ABS_DIFF_PER_SIGMA, SIGMA_FLOOR)
