"""On histories where nothing happens but the days are noisy, the insights stay quiet: no windows or
waves made of noise, no "rise" after quiet cuts, no "typical response" from one or two cuts, no
"worse after a cut" alert after a quiet one. The figures measured here are in docs/insights.md."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from noisy_histories import cut_dates, noisy_series, noisy_values
from synthetic_histories import START, checkins

from benzotaper.insights import alerts, cut_response, segments
from benzotaper.journal import CheckInRecord
from benzotaper.planning import Dose, PlanRequest, make_plan

SEEDS = range(20)
# (noise in burden points, items rated, heavy-tailed noise): the 11 points and harsher ones.
NOISY = [(11.0, 6, False), (11.0, 12, True), (15.0, 4, False), (6.0, 8, False)]


@pytest.mark.parametrize(("noise", "items", "heavy"), NOISY)
def test_a_flat_noisy_year_has_at_most_one_window_or_wave(noise: float, items: int, heavy: bool) -> None:
    for seed in SEEDS:
        series = noisy_series(noisy_values(seed, noise, heavy=heavy), items)
        found = [s for s in segments(series) if s.kind in ("window", "wave")]
        assert len(found) <= 1, (seed, [(s.kind, s.start, s.days) for s in found])


@pytest.mark.parametrize(("noise", "items", "heavy"), NOISY)
def test_quiet_cuts_rise_less_than_one_time_in_seven(noise: float, items: int, heavy: bool) -> None:
    risen = total = 0
    for seed in SEEDS:
        series = noisy_series(noisy_values(seed, noise, heavy=heavy), items)
        response = cut_response(series, cut_dates(365))
        measured = [c for c in response.cuts if c.pre_cut_burden is not None]
        risen += sum(1 for c in measured if c.rise_day is not None)
        total += len(measured)
        assert response.rise_day is None  # nothing typical about noise
    assert total > 400 and risen / total < 0.15


def test_every_segment_and_cut_carries_the_numbers_it_was_judged_by() -> None:
    series = noisy_series(noisy_values(1, 11.0), 6)
    response = cut_response(series, cut_dates(365))
    assert 9 < series.noise < 13  # the true spread is 11
    for segment in segments(series):
        assert segment.baseline == series.baseline and segment.threshold is not None
        assert segment.threshold >= 0.75 * series.noise
    assert response.noise == series.noise
    assert all(c.rise_threshold is not None and c.rise_threshold > 5 for c in response.cuts[1:])


@pytest.mark.parametrize("cuts", [1, 2])
def test_one_or_two_cuts_give_no_typical_response_however_clear(cuts: int) -> None:
    values = noisy_values(3, 4.0, days=60, cuts=cuts, response=30.0)
    response = cut_response(noisy_series(values, 8), cut_dates(60, cuts))
    assert response.cuts_used == cuts
    assert all(c.rise_day is not None for c in response.cuts)  # each cut on its own did rise
    assert (response.rise_day, response.peak_day, response.rise_threshold) == (None, None, None)


def test_three_cuts_with_a_clear_rise_give_a_typical_response() -> None:
    values = noisy_values(3, 4.0, days=60, cuts=3, response=30.0)
    response = cut_response(noisy_series(values, 8), cut_dates(60, 3))
    assert response.cuts_used == 3 and response.rise_threshold is not None
    assert response.rise_day is not None and 1 <= response.rise_day <= 3
    assert response.peak_day is not None and 2 <= response.peak_day <= 8


def until(history: list[CheckInRecord], day: dt.date) -> list[CheckInRecord]:
    return [c for c in history if c.date <= day]


def test_a_quiet_cut_rarely_raises_worse_after_a_cut() -> None:
    plan = make_plan(PlanRequest(regimen=(Dose("diazepam", "morning", Decimal(10)),), start=START))
    cuts = [s.start for s in plan.steps if s.kind == "reduction"]
    raised = total = 0
    for seed in SEEDS:
        history = checkins(noisy_values(seed, 11.0, days=200), items=6)
        for cut in cuts:
            days_after = [cut + dt.timedelta(days=k) for k in range(3, 8)]
            if days_after[-1] > history[-1].date:
                break
            total += 1
            raised += any(
                "worse_after_cut" in {a.code for a in alerts(until(history, day), plan.steps, day)}
                for day in days_after
            )
    assert total > 100 and raised / total < 0.15
