"""Windows and waves: periods of sustained relief or worsening, found with changepoints.

How it works, in four steps:

1. The days with a check-in are split into *runs* wherever more than ``MAX_GAP_DAYS`` days in a row have
   none: nothing is guessed across a long gap, which becomes a ``no_data`` segment. Shorter gaps stay inside
   a run and are skipped, not filled (the changepoint search sees only observed days).
2. In each run, PELT (Killick et al. 2012) with the L2 cost finds the changepoints that minimise the
   squared deviation from each segment's mean plus a penalty per segment, ``3 σ̂² ln n``: σ̂ is the day-to-
   day noise, estimated from the median absolute deviation (MAD) of first differences so that the level
   shifts themselves do not inflate it; n is the run's number of days with a check-in. No segment is
   shorter than ``MIN_SEGMENT_DAYS`` of them, nor longer than ``MAX_PIECE_DAYS`` (a bound on the work; a
   long steady stretch comes out as pieces of one kind, merged in step 4). A changepoint that falls in a
   short gap is placed in its middle.
3. Each segment is compared with the baseline (the person's usual day, see ``_burden``). The distance that
   counts, the *threshold*, scales with the person's own noise: ``shift_threshold(σ̂)``, the larger of
   ``MIN_SHIFT`` points and ``SHIFT_SIGMAS`` σ̂, so a person whose days swing by 10 points is not told
   that a 6-point stretch is a wave. A **wave** (sustained worsening) has a median burden more than the
   threshold above the baseline *and* at least ``MIN_BEYOND_DAYS`` days that far above; a **window**
   (sustained relief) the same below. Anything else, and every segment before there is a baseline, is
   **neutral**. The median, not the mean, is compared, and the days are counted, so that a few bad days
   in a usual stretch do not make a wave. Every segment carries the baseline and threshold it was
   judged by.
4. Neighbouring segments of the same kind are merged: a wave with two peaks is one wave.

Segments cover the series from its first to its last day, in order, without overlap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from benzotaper.insights._burden import BurdenSeries, noise_sigma
from benzotaper.records import Record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

SegmentKind = Literal["window", "wave", "neutral", "no_data"]
SEGMENT_KINDS: tuple[SegmentKind, ...] = ("window", "wave", "neutral", "no_data")

# "Sustained" means at least five days with a check-in: shorter runs are day-to-day ups and downs. It is
# also PELT's minimum segment length, which keeps a single odd day from becoming a segment.
MIN_SEGMENT_DAYS = 5
# More than a week without a check-in splits the history: a wave could come and go unseen in that time.
MAX_GAP_DAYS = 7
# The penalty 3 σ̂² ln n: a BIC-like penalty, inflated to 3 as in the research notes (stack.md §4), where it
# found every changepoint of the synthetic histories and no false one.
PENALTY_FACTOR = 3.0
# PELT keeps every candidate on a stretch without change, so its work grows with the square of the
# stretch. Pieces of at most 60 days bound it; a longer steady stretch is cut into pieces that are
# classified alike and merged again, so the cap does not show in the result.
MAX_PIECE_DAYS = 60
# Up to this many candidates, plain Python beats numpy's per-call overhead.
_FEW_CANDIDATES = 40
# A window or a wave is at least 5 points (one twentieth of the scale) from the usual day: a smaller
# shift, even if real, is not one a person would call relief or worsening.
MIN_SHIFT = 5.0
# ... and at least 0.75 noise σ̂ from it. A changepoint search looks at every stretch of the year, so
# some stretch of a flat noisy history always strays from the usual day; at 0.75 σ̂ a flat year at noise
# of 11 points has at most one window or wave (tests/insights/test_insights_do_not_cry_wolf.py), while
# the synthetic histories' windows and waves (about 1.9 σ̂ from the usual day) are still found.
SHIFT_SIGMAS = 0.75
# ... and has at least 4 days that far from it: two or three bad days in a row are a bad spell, not a wave.
# (Not 5: a short wave often has a missed check-in or a better day in it.)
MIN_BEYOND_DAYS = 4


class Segment(Record):
    """A period from ``start`` to ``end`` (both included) of one ``kind``.

    ``mean_burden`` is the mean burden of its days with a check-in (None for ``no_data``);
    ``observed_days`` how many days had one. ``baseline`` and ``threshold`` are the numbers it was judged
    by: the usual day and the distance from it that counts (None before there is a baseline).
    """

    kind: SegmentKind
    start: dt.date
    end: dt.date
    mean_burden: float | None
    observed_days: int
    baseline: float | None = None
    threshold: float | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def shift_threshold(sigma: float) -> float:
    """How far (burden points) from the usual day a window or a wave must be, for noise ``sigma``."""
    return max(MIN_SHIFT, SHIFT_SIGMAS * sigma)


def penalty_for(sigma: float, n: int) -> float:
    """PELT's penalty per segment for noise ``sigma`` and ``n`` observations."""
    return PENALTY_FACTOR * sigma * sigma * math.log(max(n, 2))


def changepoints(
    values: Sequence[float] | FloatArray,
    penalty: float,
    min_size: int = MIN_SEGMENT_DAYS,
    max_size: int | None = MAX_PIECE_DAYS,
) -> list[int]:
    """PELT with the L2 cost on values without gaps: the ends (exclusive) of the optimal segments, the
    last being ``len(values)``, as ``ruptures.Pelt(model="l2", jump=1, min_size=...)`` returns them.

    The cost of a segment is its sum of squared deviations from its mean, from cumulative sums. A start s
    is pruned with PELT's rule for costs where splitting never increases the cost (K = 0) once the cost
    of ending a segment at t with it exceeds the best cost at t, but only ``min_size`` steps later: until
    then t cannot start a segment, so s may still be needed. (ruptures prunes at once and so, rarely,
    misses the optimum with a minimum size; otherwise the two agree.) Segments are at most ``max_size``
    long (None: no limit), which bounds the work on long steady stretches, where PELT cannot prune.
    """
    import numpy as np

    x = np.asarray(values, dtype=np.float64)
    n = len(x)
    if n < 2 * min_size:
        return [n] if n else []
    if max_size is not None and max_size < 2 * min_size:
        raise ValueError("max_size must allow two segments of min_size")
    sums_array = np.concatenate(([0.0], np.cumsum(x)))
    squares_array = np.concatenate(([0.0], np.cumsum(x * x)))
    best_array = np.full(n + 1, np.inf)
    # Python lists are faster than numpy for the few candidates PELT usually keeps.
    sums, squares = sums_array.tolist(), squares_array.tolist()
    best = best_array.tolist()  # best[t]: least cost of x[:t], with the penalty of each segment
    best[0] = best_array[0] = 0.0
    previous = [0] * (n + 1)
    candidates: list[int] = []
    pruned_at: dict[int, set[int]] = {}  # step -> starts to drop from then on
    for t in range(min_size, n + 1):
        newest = t - min_size
        drop = pruned_at.pop(t, None)
        if drop:
            candidates = [c for c in candidates if c not in drop]
        if max_size is not None and candidates and candidates[0] < t - max_size:  # candidates are sorted
            candidates = [c for c in candidates if c >= t - max_size]
        if best[newest] < math.inf:  # only 0 and ends of admissible prefixes can start a segment
            candidates.append(newest)
        total, square = sums[t], squares[t]
        if len(candidates) <= _FEW_CANDIDATES:
            costs = [best[c] + square - squares[c] - (total - sums[c]) ** 2 / (t - c) for c in candidates]
            least = min(costs)
            previous[t] = candidates[costs.index(least)]
            best[t] = best_array[t] = least + penalty
            prunable = [c for c, cost in zip(candidates, costs, strict=True) if cost > best[t]]
        else:
            starts = np.array(candidates)
            part = total - sums_array[starts]
            cost_array = best_array[starts] + (square - squares_array[starts]) - part * part / (t - starts)
            k = int(cost_array.argmin())
            previous[t] = candidates[k]
            best[t] = best_array[t] = float(cost_array[k]) + penalty
            prunable = starts[cost_array > best[t]].tolist()
        if prunable:
            pruned_at.setdefault(t + min_size, set()).update(prunable)
    ends = []
    t = n
    while t > 0:
        ends.append(t)
        t = previous[t]
    return ends[::-1]


def segments(series: BurdenSeries) -> list[Segment]:
    """Windows, waves, neutral and no-data periods covering the whole series (see the module docstring)."""
    import numpy as np

    n = len(series)
    if n == 0:
        return []
    values = series.values
    observed = np.flatnonzero(~np.isnan(values))
    sigma = noise_sigma(values)
    threshold = shift_threshold(sigma) if series.baseline is not None else None
    pieces: list[_Piece] = []
    for run in _runs(observed):
        days, run_values = run.tolist(), values[run]
        ends = changepoints(run_values, penalty_for(sigma, len(days)))
        listed = run_values.tolist()  # pieces are small: plain Python is quicker than numpy on them
        run_pieces = []
        for begin, end in zip([0, *ends[:-1]], ends, strict=True):
            first_day = days[0] if begin == 0 else _midpoint(days[begin - 1], days[begin])
            run_pieces.append(_Piece(first_day, days[end - 1], listed[begin:end]))
        # Each piece ends where the next begins (a changepoint inside a short gap splits the gap).
        for a, b in itertools.pairwise(run_pieces):
            a.last = b.first - 1
        pieces.extend(_merge([p.classified(series.baseline, threshold) for p in run_pieces]))
    return _with_gaps(series, pieces, threshold)


class _Piece:
    """A segment being built: day indices ``first..last`` and the observed values in it."""

    def __init__(self, first: int, last: int, values: list[float], kind: SegmentKind = "neutral") -> None:
        self.first, self.last, self.values, self.kind = first, last, values, kind

    def classified(self, baseline: float | None, threshold: float | None) -> _Piece:
        if baseline is None or threshold is None:
            return self
        shift = statistics.median(self.values) - baseline
        above = sum(1 for v in self.values if v > baseline + threshold)
        below = sum(1 for v in self.values if v < baseline - threshold)
        if shift > threshold and above >= MIN_BEYOND_DAYS:
            self.kind = "wave"
        elif shift < -threshold and below >= MIN_BEYOND_DAYS:
            self.kind = "window"
        return self

    def segment(self, series: BurdenSeries, threshold: float | None) -> Segment:
        mean = sum(self.values) / len(self.values) if self.values else None
        return Segment(
            self.kind,
            series.day(self.first),
            series.day(self.last),
            mean,
            len(self.values),
            series.baseline,
            threshold,
        )


def _runs(observed: npt.NDArray[np.intp]) -> list[npt.NDArray[np.intp]]:
    """The observed day indices split wherever more than ``MAX_GAP_DAYS`` days in a row are missing."""
    import numpy as np

    if len(observed) == 0:
        return []
    splits = np.flatnonzero(np.diff(observed) > MAX_GAP_DAYS + 1) + 1
    return list(np.split(observed, splits))


def _midpoint(last_observed: int, next_observed: int) -> int:
    """The first day of a segment whose first check-in is ``next_observed``: the middle of the gap."""
    return last_observed + 1 + (next_observed - last_observed - 1) // 2


def _merge(pieces: list[_Piece]) -> list[_Piece]:
    merged: list[_Piece] = []
    for piece in pieces:
        if merged and merged[-1].kind == piece.kind:
            before = merged[-1]
            merged[-1] = _Piece(before.first, piece.last, before.values + piece.values, piece.kind)
        else:
            merged.append(piece)
    return merged


def _with_gaps(series: BurdenSeries, pieces: list[_Piece], threshold: float | None) -> list[Segment]:
    """The pieces as segments, with ``no_data`` segments before, between and after them."""
    out: list[Segment] = []
    day = 0
    for piece in pieces:
        if piece.first > day:
            out.append(_Piece(day, piece.first - 1, [], "no_data").segment(series, threshold))
        out.append(piece.segment(series, threshold))
        day = piece.last + 1
    if day < len(series):
        out.append(_Piece(day, len(series) - 1, [], "no_data").segment(series, threshold))
    return out
