"""How symptoms respond to dose cuts, and whether waves follow cuts.

For each cut the reference is the mean burden of the ``PRE_CUT_DAYS`` days before it (at least
``PRE_CUT_MIN_DAYS`` of them with a check-in; a cut without one is left out). The response on day k after
the cut (day 0 is the day of the cut) is that day's burden minus the reference, up to ``max_lag`` days and
never past the next cut, so one cut's response is not mixed with the next one's. The typical response is
the mean over cuts for each day k, smoothed over 3 days; from it:

- *rise day*: the first day it is ``RISE_POINTS`` or more above the reference;
- *peak day*: the day it is highest (when it rises at all);
- *settling day*: the first day after the peak it is back under ``RISE_POINTS``.

A wave *follows a cut* when it starts within the knowledge data's onset time after a cut (symptoms "may
take up to a week to appear after a dose reduction", red_flags.toml); other waves come *on their own*. The
share of the series' days that lie within that time after a cut is given alongside: if cuts come every two
weeks, half of all days do, and half of the waves would "follow a cut" by chance alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from benzotaper.insights._burden import BurdenSeries
from benzotaper.insights._segments import MIN_SHIFT, Segment
from benzotaper.records import Record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from benzotaper.planning import Step

    FloatArray = npt.NDArray[np.float64]

# The week before a cut is the person's state on the dose being cut, long enough to average out single days.
PRE_CUT_DAYS = 7
PRE_CUT_MIN_DAYS = 3
# A rise is as large as the smallest shift that counts as a wave (see _segments.MIN_SHIFT).
RISE_POINTS = MIN_SHIFT
# The mean response is smoothed over 3 days so that one noisy day does not set the rise or the peak.
LAG_SMOOTHING_DAYS = 3
# A rise must stand 2.5 times the wander of a quiet cut's change above the reference. The change is looked
# at on 22 days, so the largest of a quiet cut's changes is already about 2 wanders high: 2.5 keeps the
# share of quiet cuts with a "rise day" under 15 % at any noise (measured in
# tests/insights/test_insights_do_not_cry_wolf.py).
RISE_SIGMAS = 2.5
# Fewer cuts than this give no "typical response": one or two cuts are anecdotes, not a pattern.
MIN_CUTS_FOR_TYPICAL = 3
# The too-fast sign that carries the onset time after a cut.
_ONSET_SIGN = "worse_after_cut"


@functools.cache
def onset_days() -> int:
    """How many days after a cut new symptoms may take to appear: ``onset_within_days`` of the
    ``worse_after_cut`` too-fast sign in the knowledge data (ASAM: up to a week)."""
    from benzotaper.knowledge import KnowledgeError, load_red_flags

    sign = next((s for s in load_red_flags().too_fast_signs if s.code == _ONSET_SIGN), None)
    if sign is None or sign.onset_within_days is None:
        raise KnowledgeError(f"red_flags.toml: too_fast_signs {_ONSET_SIGN!r} has no onset_within_days")
    return sign.onset_within_days


def cut_dates(steps: Sequence[Step], until: dt.date | None = None) -> list[dt.date]:
    """The days a plan cuts the dose: the start of every reduction step and of the stop step, up to and
    including ``until`` when given."""
    return sorted(
        s.start for s in steps if s.kind in ("reduction", "stop") and (until is None or s.start <= until)
    )


def rise_threshold(
    sigma: float, after_days: int = LAG_SMOOTHING_DAYS, before_days: int = PRE_CUT_DAYS, cuts: int = 1
) -> float:
    """How far (burden points) a mean of ``after_days`` must be above a mean of ``before_days`` to be a
    rise clear of noise ``sigma``, for a mean over ``cuts`` cuts (see the module docstring)."""
    wander = sigma * math.sqrt((1 / after_days + 1 / before_days) / cuts)
    return max(RISE_POINTS, RISE_SIGMAS * wander)


class CutEffect(Record):
    """One cut: ``pre_cut_burden`` the reference (None when too few check-ins before it), and when the
    burden rose (``rise_day``) and peaked (``peak_day``, ``peak_change`` points above the reference),
    in days after the cut. ``wave_start`` is the start of a wave that followed it. ``change_by_day[k]`` is
    this cut's own change from its reference k days after it (None on days without a check-in, or until the
    next cut): the spread of these around the mean is what the cut-response chart shades.
    ``rise_threshold`` is the change that counted as a rise for this cut (None without a reference)."""

    date: dt.date
    pre_cut_burden: float | None
    rise_day: int | None
    peak_day: int | None
    peak_change: float | None
    wave_start: dt.date | None
    change_by_day: tuple[float | None, ...] = ()
    rise_threshold: float | None = None


class CutResponse(Record):
    """The typical response to a cut and how waves relate to cuts (see the module docstring).

    ``change_by_day[k]`` is the mean change from the pre-cut reference k days after a cut (None where no
    cut has a value); ``cuts_by_day[k]`` how many cuts it averages. ``cuts_used`` is how many cuts had a
    reference. ``chance_share`` is the share of the series' days that lie within ``onset_days`` after a
    cut (None without cuts). ``noise`` is the person's day-to-day noise σ̂ the thresholds are scaled by;
    ``rise_threshold`` the change that counted as a rise of the typical response (None, like the rise,
    peak and settling days, with fewer than ``min_cuts`` cuts used).
    """

    cuts: tuple[CutEffect, ...]
    cuts_used: int
    change_by_day: tuple[float | None, ...]
    cuts_by_day: tuple[int, ...]
    rise_day: int | None
    peak_day: int | None
    peak_change: float | None
    settle_day: int | None
    onset_days: int
    waves_after_cut: int
    waves_on_their_own: int
    chance_share: float | None
    noise: float = 0.0
    rise_threshold: float | None = None
    min_cuts: int = MIN_CUTS_FOR_TYPICAL


def cut_response(
    series: BurdenSeries,
    cut_dates: Sequence[dt.date],
    max_lag: int = 21,
    segments: Sequence[Segment] | None = None,
) -> CutResponse:
    """The response of the burden to the cuts on ``cut_dates`` (see the module docstring).

    ``segments`` are the series' windows and waves (computed when not given).
    """
    import numpy as np

    from benzotaper.insights._segments import segments as find_segments

    if max_lag < 0:
        raise ValueError("max_lag is a number of days, 0 or more")
    onset = onset_days()
    cuts = sorted(set(cut_dates))
    found = list(segments) if segments is not None else find_segments(series)
    waves = [s for s in found if s.kind == "wave"]
    sigma = series.noise
    responses = np.full((len(cuts), max_lag + 1), np.nan)
    effects = []
    for row, cut in enumerate(cuts):
        reference = _pre_cut_mean(series, cut)
        following = cuts[row + 1] if row + 1 < len(cuts) else None
        if reference is not None:
            responses[row] = _changes(series, cut, following, max_lag) - reference
        wave = next(
            (w.start for w in waves if 0 <= (w.start - cut).days <= onset and _latest(cuts, w.start) == cut),
            None,
        )
        effects.append(_effect(cut, reference, responses[row], wave, sigma, onset))
    counts = np.count_nonzero(~np.isnan(responses), axis=0)
    with np.errstate(invalid="ignore"):
        mean = np.where(counts > 0, np.nansum(responses, axis=0) / np.maximum(counts, 1), np.nan)
    used = sum(1 for e in effects if e.pre_cut_burden is not None)
    typical = rise_threshold(sigma, cuts=used) if used >= MIN_CUTS_FOR_TYPICAL else None
    # Each day's mean needs its own threshold: late days average fewer cuts (the next cut ends a cut's
    # response), and a day averaging fewer than MIN_CUTS_FOR_TYPICAL cuts is no typical day at all.
    enough = counts >= MIN_CUTS_FOR_TYPICAL
    curve = _smooth(np.where(enough, mean, np.nan))
    thresholds = np.array([rise_threshold(sigma, cuts=max(int(c), 1)) for c in counts])
    rise, peak, peak_change, settle = (
        _shape(curve, thresholds, onset) if typical is not None and enough.any() else (None, None, None, None)
    )
    after = sum(
        1
        for w in waves
        if (latest := _latest(cuts, w.start)) is not None and (w.start - latest).days <= onset
    )
    return CutResponse(
        cuts=tuple(effects),
        cuts_used=used,
        change_by_day=tuple(None if np.isnan(v) else float(v) for v in mean),
        cuts_by_day=tuple(int(c) for c in counts),
        rise_day=rise,
        peak_day=peak,
        peak_change=peak_change,
        settle_day=settle,
        onset_days=onset,
        waves_after_cut=after,
        waves_on_their_own=len(waves) - after,
        chance_share=_chance_share(series, cuts, onset),
        noise=sigma,
        rise_threshold=typical,
    )


def _latest(cuts: Sequence[dt.date], day: dt.date) -> dt.date | None:
    """The last cut on or before ``day``."""
    return max((c for c in cuts if c <= day), default=None)


def _pre_cut_mean(series: BurdenSeries, cut: dt.date) -> float | None:
    import numpy as np

    end = series.index(cut)
    window = series.values[max(end - PRE_CUT_DAYS, 0) : max(end, 0)]
    observed = window[~np.isnan(window)]
    return float(observed.mean()) if len(observed) >= PRE_CUT_MIN_DAYS else None


def _changes(series: BurdenSeries, cut: dt.date, following: dt.date | None, max_lag: int) -> FloatArray:
    """The burden on days 0..max_lag after the cut (NaN outside the series and from the next cut on)."""
    import numpy as np

    out = np.full(max_lag + 1, np.nan)
    first = series.index(cut)
    stop = max_lag + 1 if following is None else min(max_lag + 1, (following - cut).days)
    low, high = max(first, 0), min(first + stop, len(series))
    if high > low:
        out[low - first : high - first] = series.values[low:high]
    return out


def _smooth(values: FloatArray, *, median: bool = False) -> FloatArray:
    """The centred 3-day mean (or ``median``) over the days with a value; NaN where ``values`` is.

    One cut's own response is smoothed with the median: one very bad day is not a rise, and a mean of
    three days lets a single day past the threshold."""
    import warnings

    import numpy as np

    padded = np.concatenate(([np.nan], values, [np.nan]))
    stacked = np.vstack([padded[i : i + len(values)] for i in range(LAG_SMOOTHING_DAYS)])
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN, as they should
        smoothed: FloatArray = np.nanmedian(stacked, axis=0) if median else np.nanmean(stacked, axis=0)
    smoothed[np.isnan(values)] = np.nan
    return smoothed


def _shape(
    curve: FloatArray, threshold: float | FloatArray, onset: int
) -> tuple[int | None, int | None, float | None, int | None]:
    """Rise day, peak day, peak change and settling day of a response curve (see the module docstring);
    ``threshold`` is the rise threshold, one for all days or one per day; a rise starts by day ``onset``."""
    import numpy as np

    risen = np.flatnonzero(curve[: onset + 1] >= np.broadcast_to(threshold, curve.shape)[: onset + 1])
    if len(risen) == 0:
        return None, None, None, None
    peak = int(np.nanargmax(curve))
    settled = np.flatnonzero(curve[peak:] < np.broadcast_to(threshold, curve.shape)[peak:])
    settle = int(peak + settled[0]) if len(settled) else None
    return int(risen[0]), peak, float(curve[peak]), settle


def _effect(
    cut: dt.date, reference: float | None, changes: FloatArray, wave: dt.date | None, sigma: float, onset: int
) -> CutEffect:
    import numpy as np

    if reference is None or np.all(np.isnan(changes)):
        return CutEffect(cut, reference, None, None, None, wave)
    threshold = rise_threshold(sigma)
    rise, peak, peak_change, _ = _shape(_smooth(changes, median=True), threshold, onset)
    own = tuple(None if np.isnan(value) else float(value) for value in changes)
    return CutEffect(cut, reference, rise, peak, peak_change, wave, own, threshold)


def _chance_share(series: BurdenSeries, cuts: Sequence[dt.date], onset: int) -> float | None:
    """The share of the series' days that lie within ``onset`` days after a cut (None without cuts)."""
    import numpy as np

    if not cuts or len(series) == 0:
        return None
    near = np.zeros(len(series), dtype=bool)
    for cut in cuts:
        first = series.index(cut)
        near[max(first, 0) : max(first + onset + 1, 0)] = True
    return float(near.mean())
