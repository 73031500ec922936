"""The daily burden: mean severity of the items rated that day, times 25, with missing days left empty."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from benzotaper.insights import BurdenSeries, daily_burden
from benzotaper.journal import CheckInRecord, SymptomScore

MONDAY = dt.date(2027, 3, 1)


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def rated(n: int, *severities: int, custom: tuple[int, ...] = ()) -> CheckInRecord:
    scores = [
        SymptomScore(code, s)
        for code, s in zip(("anxiety", "insomnia", "tremor", "headache"), severities, strict=False)
    ]
    scores += [SymptomScore(f"own symptom {i}", s, custom=True) for i, s in enumerate(custom)]
    return CheckInRecord(day(n), symptoms=tuple(scores))


def test_it_is_the_mean_severity_of_the_rated_items_times_25() -> None:
    series = daily_burden([rated(0, 2, 4), rated(1, 0, 0, 1, 3)])
    assert series.values.tolist() == [75.0, 25.0]


def test_the_persons_own_symptoms_count_like_checklist_items() -> None:
    series = daily_burden([rated(0, 4, custom=(0, 2))])
    assert series.values[0] == pytest.approx(50.0)


def test_days_with_different_numbers_of_items_compare() -> None:
    few = daily_burden([rated(0, 2, 2)])
    many = daily_burden([rated(0, 2, 2, 2, 2, custom=(2, 2, 2))])
    assert few.values[0] == many.values[0] == 50.0


def test_a_day_without_a_check_in_or_without_ratings_is_missing_not_zero() -> None:
    alice = [rated(0, 1), CheckInRecord(day(1), wellbeing=6), rated(3, 3)]
    series = daily_burden(alice)
    assert len(series) == 4
    assert series.values[0] == 25.0 and series.values[3] == 75.0
    assert math.isnan(series.values[1]) and math.isnan(series.values[2])
    assert series.observed_days == 2


def test_two_check_ins_on_one_day_are_pooled() -> None:
    series = daily_burden([rated(0, 4), rated(0, 0, 0, 0)])
    assert series.values[0] == 25.0
    assert series.items_rated[0] == 4


def test_the_range_can_be_given_and_check_ins_outside_it_are_ignored() -> None:
    series = daily_burden([rated(-3, 4), rated(1, 2)], start=day(0), end=day(4))
    assert series.start == day(0) and series.end == day(4)
    assert np.isnan(series.values).tolist() == [True, False, True, True, True]


def test_no_check_ins_give_an_empty_series() -> None:
    assert len(daily_burden([])) == 0
    assert daily_burden([]).baseline is None


def test_the_baseline_waits_for_two_weeks_of_check_ins() -> None:
    assert daily_burden([rated(i, 2) for i in range(13)]).baseline is None
    assert daily_burden([rated(i, 2) for i in range(14)]).baseline == 50.0


def test_the_baseline_sits_between_better_and_worse_stretches_but_on_a_steady_level() -> None:
    swinging = BurdenSeries.from_values(MONDAY, [30.0] * 40 + [70.0] * 60)
    assert swinging.baseline == pytest.approx(50.0)
    steady_with_a_wave = BurdenSeries.from_values(MONDAY, [30.0] * 90 + [70.0] * 10)
    assert steady_with_a_wave.baseline == pytest.approx(30.0)


def test_the_smoothed_line_is_a_centred_week_mean_over_days_with_a_check_in() -> None:
    values = [10.0, 20.0, 30.0, np.nan, 50.0, 60.0, 70.0, np.nan, np.nan, np.nan, np.nan, np.nan]
    smoothed = BurdenSeries.from_values(MONDAY, values).smoothed
    assert smoothed[3] == pytest.approx((10 + 20 + 30 + 50 + 60 + 70) / 6)
    assert np.isnan(smoothed[0])  # only 3 of its days (the first four) observed
    assert smoothed[1] == pytest.approx((10 + 20 + 30 + 50) / 4)
    assert np.isnan(smoothed[10])  # only 0 of its 7 days observed


def test_values_outside_0_to_100_are_refused() -> None:
    with pytest.raises(ValueError):
        BurdenSeries.from_values(MONDAY, [120.0])
