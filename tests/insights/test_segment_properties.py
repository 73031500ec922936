"""Property tests: for any history, with any gaps, the segments are a clean cover of the days, and PELT
finds the optimal partition."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benzotaper.insights import SEGMENT_KINDS, BurdenSeries, changepoints, segments

START = dt.date(2027, 1, 4)

days = st.lists(
    st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False)), min_size=0, max_size=150
)


def series_of(values: list[float | None]) -> BurdenSeries:
    return BurdenSeries.from_values(START, [math.nan if v is None else v for v in values])


@settings(max_examples=150, deadline=None)
@given(days)
def test_segments_cover_the_whole_history_in_order_without_overlap(values: list[float | None]) -> None:
    series = series_of(values)
    found = segments(series)
    if not values:
        assert found == []
        return
    assert found[0].start == series.start and found[-1].end == series.end
    for before, after in itertools.pairwise(found):
        assert after.start == before.end + dt.timedelta(days=1)
        assert before.kind != after.kind  # neighbours of one kind are merged
    assert all(s.kind in SEGMENT_KINDS and s.start <= s.end for s in found)
    assert sum(s.observed_days for s in found) == series.observed_days


@settings(max_examples=100, deadline=None)
@given(days)
def test_no_data_segments_hold_no_check_in_and_others_hold_some(values: list[float | None]) -> None:
    for segment in segments(series_of(values)):
        if segment.kind == "no_data":
            assert segment.observed_days == 0 and segment.mean_burden is None
        else:
            assert segment.observed_days > 0 and segment.mean_burden is not None


@settings(max_examples=50, deadline=None)
@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.integers(1, 400))
def test_a_constant_history_is_one_neutral_segment(level: float, length: int) -> None:
    found = segments(BurdenSeries.from_values(START, [level] * length))
    assert [(s.kind, s.days) for s in found] == [("neutral", length)]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=200), st.integers(0, 2**32 - 1))
def test_any_pattern_of_gaps_is_handled(missing: list[bool], seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.where(missing, np.nan, np.clip(rng.normal(45, 20, len(missing)), 0, 100))
    found = segments(BurdenSeries.from_values(START, values))
    assert sum(s.days for s in found) == len(missing)


def optimal_cost(x: np.ndarray, penalty: float, min_size: int) -> float:
    """The least penalised L2 cost over every partition into segments of min_size or more (plain DP)."""
    n = len(x)
    best = [0.0] + [math.inf] * n
    for t in range(min_size, n + 1):
        for s in range(0, t - min_size + 1):
            if best[s] < math.inf:
                piece = x[s:t]
                best[t] = min(best[t], best[s] + float(((piece - piece.mean()) ** 2).sum()) + penalty)
    return best[n]


def partition_cost(x: np.ndarray, ends: list[int], penalty: float) -> float:
    starts = [0, *ends[:-1]]
    return sum(
        float(((x[a:b] - x[a:b].mean()) ** 2).sum()) + penalty for a, b in zip(starts, ends, strict=True)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=10, max_size=45),
    st.floats(min_value=1, max_value=5000),
)
def test_pelt_finds_the_optimal_partition(values: list[float], penalty: float) -> None:
    x = np.array(values)
    ends = changepoints(x, penalty, min_size=3, max_size=None)
    assert ends[-1] == len(x) and all(b - a >= 3 for a, b in zip([0, *ends], ends, strict=False))
    assert math.isclose(
        partition_cost(x, ends, penalty), optimal_cost(x, penalty, 3), rel_tol=1e-9, abs_tol=1e-6
    )
