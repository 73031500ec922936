"""Windows and waves on synthetic histories with known truth, and against the reference implementations.

The oracles are ruptures 1.1.10 (``Pelt(model="l2", jump=1)``) for the changepoints and statsmodels 0.15.0
(``MarkovRegression(k_regimes=2)``) for the window/wave labels (the ``test-oracles`` dependency group).
The figures measured here are written in docs/insights.md.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from synthetic_histories import START, History, f1, history

from benzotaper.insights import BurdenSeries, Segment, changepoints, segments
from benzotaper.insights._segments import noise_sigma, penalty_for

SEEDS_365 = range(20)
SEEDS_730 = range(100, 110)


def day_labels(found: list[Segment], days: int) -> np.ndarray:
    labels = np.empty(days, dtype=object)
    for segment in found:
        labels[(segment.start - START).days : (segment.end - START).days + 1] = segment.kind
    return labels


def boundaries(found: list[Segment]) -> list[int]:
    """Days where one kind of period gives way to another (not to or from a no-data gap)."""
    return [(b.start - START).days for a, b in itertools.pairwise(found) if "no_data" not in (a.kind, b.kind)]


def scores(h: History) -> tuple[float, float]:
    found = segments(BurdenSeries.from_values(START, h.values))
    accuracy = float(np.mean(day_labels(found, len(h.values)) == h.labels))
    return f1(boundaries(found), h.changepoints), accuracy


@pytest.mark.parametrize(("days", "seeds"), [(365, SEEDS_365), (730, SEEDS_730)])
def test_it_finds_the_true_windows_and_waves(days: int, seeds: range) -> None:
    results = np.array([scores(history(days, seed)) for seed in seeds])
    f1s, accuracies = results[:, 0], results[:, 1]
    assert f1s.mean() >= 0.97 and f1s.min() >= 0.9
    assert accuracies.mean() >= 0.97 and accuracies.min() >= 0.92


def test_its_changepoints_are_exactly_those_of_ruptures_pelt() -> None:
    ruptures = pytest.importorskip("ruptures")
    for seed in range(8):
        values = history(365, seed).values
        observed = values[~np.isnan(values)]
        penalty = penalty_for(noise_sigma(values), len(observed))
        oracle = ruptures.Pelt(model="l2", jump=1, min_size=5).fit(observed).predict(pen=penalty)
        assert changepoints(observed, penalty) == oracle


def test_its_labels_agree_with_a_two_state_markov_switching_model() -> None:
    markov = pytest.importorskip("statsmodels.tsa.regime_switching.markov_regression")
    for seed in range(3):
        h = history(365, seed)
        observed = ~np.isnan(h.values)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter from the optimiser
            fit = markov.MarkovRegression(h.values[observed], k_regimes=2).fit(disp=False)
        high = int(np.argmax(fit.params[2:4]))  # params: p00, p10, const0, const1, sigma2
        oracle = np.where(np.asarray(fit.smoothed_marginal_probabilities)[:, high] > 0.5, "wave", "window")
        ours = day_labels(segments(BurdenSeries.from_values(START, h.values)), len(h.values))[observed]
        assert np.mean(ours == oracle) >= 0.95
        assert np.mean(oracle == h.labels[observed]) >= 0.95  # and the oracle itself finds the truth


def test_a_long_steady_stretch_stays_one_period_though_pelt_works_in_pieces() -> None:
    rng = np.random.default_rng(7)
    values = np.concatenate(
        [30 + rng.normal(0, 9, 200), 70 + rng.normal(0, 9, 20), 30 + rng.normal(0, 9, 200)]
    )
    found = segments(BurdenSeries.from_values(START, np.clip(values, 0, 100)))
    assert [s.kind for s in found] == ["neutral", "wave", "neutral"]
    assert abs((found[1].start - START).days - 200) <= 2 and 18 <= found[1].days <= 22


def test_a_gap_of_more_than_a_week_is_no_data_and_splits_the_history() -> None:
    values = np.array([30.0] * 20 + [np.nan] * 10 + [30.0] * 20)
    found = segments(BurdenSeries.from_values(START, values))
    assert [(s.kind, s.days) for s in found] == [("neutral", 20), ("no_data", 10), ("neutral", 20)]
    assert found[1].mean_burden is None and found[1].observed_days == 0


def test_a_changepoint_in_a_short_gap_falls_in_its_middle() -> None:
    values = np.array([30.0] * 20 + [np.nan] * 4 + [70.0] * 20)
    found = segments(BurdenSeries.from_values(START, values))
    assert [(s.kind, s.days) for s in found] == [("window", 22), ("wave", 22)]


def test_a_short_burst_of_bad_days_is_not_a_wave() -> None:
    values = np.array([30.0] * 30 + [90.0] * 3 + [30.0] * 30)
    found = segments(BurdenSeries.from_values(START, values))
    assert {s.kind for s in found} == {"neutral"}


def test_nothing_is_a_window_or_a_wave_before_there_is_a_baseline() -> None:
    values = np.array([20.0] * 6 + [80.0] * 6)
    found = segments(BurdenSeries.from_values(START, values))
    assert {s.kind for s in found} == {"neutral"}
