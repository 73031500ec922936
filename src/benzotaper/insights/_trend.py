"""Are windows getting longer and waves shorter?

For windows and for waves separately: the least-squares slope of each episode's length (days) against
when it started, in days of length per 30 days of history, with the number of episodes ``n``. Only whole
episodes count: one that touches the start or end of the history or a no-data gap may have begun earlier
or go on later, so its length is unknown.

The direction is a rough check, not a significance test: "longer" or "shorter" when the slope is more
than twice its standard error, "no_clear_change" otherwise, and "not_enough_data" with fewer than
``MIN_EPISODES`` episodes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from benzotaper.insights._segments import Segment
from benzotaper.records import Record

Direction = Literal["longer", "shorter", "no_clear_change", "not_enough_data"]

# A slope through fewer than four points is mostly chance.
MIN_EPISODES = 4
# About two standard errors: a slope that large would arise by chance roughly one time in twenty.
CLEAR_SLOPE_ERRORS = 2.0
# Slopes are per 30 days of history: a month is the scale on which a person looks back.
PER_DAYS = 30


class DurationTrend(Record):
    """How the length of one kind of episode changes: ``n`` whole episodes, their ``mean_days``, the
    ``slope`` in days of length per 30 days of history (None with fewer than 2), and the ``direction``."""

    kind: Literal["window", "wave"]
    n: int
    mean_days: float | None
    slope: float | None
    direction: Direction


class Trend(Record):
    windows: DurationTrend
    waves: DurationTrend

    @property
    def improving(self) -> bool | None:
        """True when windows get longer or waves shorter and neither goes the other way; False when
        either goes the wrong way; None when there is no clear change or not enough data."""
        good = self.windows.direction == "longer" or self.waves.direction == "shorter"
        bad = self.windows.direction == "shorter" or self.waves.direction == "longer"
        if bad:
            return False
        return True if good else None


def trend(segments: Sequence[Segment]) -> Trend:
    """The trend of window and wave lengths over the history (see the module docstring)."""
    whole = [
        s
        for i, s in enumerate(segments)
        if 0 < i < len(segments) - 1 and "no_data" not in (segments[i - 1].kind, segments[i + 1].kind)
    ]
    return Trend(_durations(whole, "window"), _durations(whole, "wave"))


def _durations(segments: Sequence[Segment], kind: Literal["window", "wave"]) -> DurationTrend:
    episodes = [s for s in segments if s.kind == kind]
    n = len(episodes)
    if n == 0:
        return DurationTrend(kind, 0, None, None, "not_enough_data")
    first = episodes[0].start
    xs = [(s.start - first).days / PER_DAYS for s in episodes]
    ys = [float(s.days) for s in episodes]
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    if n < 2 or spread == 0:
        return DurationTrend(kind, n, mean_y, None, "not_enough_data")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    if n < MIN_EPISODES:
        return DurationTrend(kind, n, mean_y, slope, "not_enough_data")
    residual = sum((y - mean_y - slope * (x - mean_x)) ** 2 for x, y in zip(xs, ys, strict=True))
    error = math.sqrt(residual / (n - 2) / spread)
    if abs(slope) > CLEAR_SLOPE_ERRORS * error:
        direction: Direction = "longer" if slope > 0 else "shorter"
    else:
        direction = "no_clear_change"
    return DurationTrend(kind, n, mean_y, slope, direction)
