"""The response of symptoms to dose cuts, and whether waves follow cuts or come on their own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from synthetic_histories import START

from benzotaper.insights import BurdenSeries, Segment, cut_dates, cut_response, onset_days
from benzotaper.planning import Dose, PlanRequest, make_plan

CUT_EVERY = 14


def bumped(
    days: int = 364, delay: int = 3, size: float = 20.0, noise: float = 4.0, seed: int = 1
) -> np.ndarray:
    """A steady burden of 30 with a bump after every cut: up ``delay`` days after it, fading over a week."""
    rng = np.random.default_rng(seed)
    values = 30 + rng.normal(0, noise, days)
    for cut in range(CUT_EVERY, days, CUT_EVERY):
        lag = np.arange(days) - cut - delay
        values += np.where(lag >= 0, size * np.exp(-np.clip(lag, 0, None) / 7), 0.0)
    return np.clip(values, 0, 100)


def cuts_in(days: int) -> list[dt.date]:
    return [START + dt.timedelta(days=d) for d in range(CUT_EVERY, days, CUT_EVERY)]


def test_the_onset_time_after_a_cut_comes_from_the_knowledge_data() -> None:
    assert onset_days() == 7  # "symptoms may take up to a week to appear after a dose reduction"


def test_it_finds_when_symptoms_rise_peak_and_settle_after_cuts() -> None:
    series = BurdenSeries.from_values(START, bumped())
    response = cut_response(series, cuts_in(364))
    assert response.cuts_used == 25
    assert response.rise_day == 3
    assert response.peak_day in (3, 4)
    assert response.peak_change == pytest.approx(15, abs=5)
    assert response.settle_day is not None and 6 <= response.settle_day <= 12
    assert response.change_by_day[0] == pytest.approx(0, abs=4)


def test_each_cut_is_followed_only_until_the_next_one() -> None:
    series = BurdenSeries.from_values(START, bumped())
    response = cut_response(series, cuts_in(364), max_lag=21)
    assert len(response.change_by_day) == 22
    assert response.cuts_by_day[CUT_EVERY - 1] == 25
    assert response.cuts_by_day[CUT_EVERY] == 0  # day 14 after a cut is the next cut's day 0
    assert response.change_by_day[CUT_EVERY] is None


def test_without_a_response_there_is_no_rise_peak_or_settling() -> None:
    series = BurdenSeries.from_values(START, bumped(size=0))
    response = cut_response(series, cuts_in(364))
    assert (response.rise_day, response.peak_day, response.settle_day) == (None, None, None)


def test_a_cut_without_check_ins_in_the_week_before_is_left_out() -> None:
    values = bumped()
    values[CUT_EVERY - 7 : CUT_EVERY] = np.nan
    response = cut_response(BurdenSeries.from_values(START, values), cuts_in(364))
    assert response.cuts_used == 24
    assert response.cuts[0].pre_cut_burden is None and response.cuts[0].peak_day is None


def test_waves_within_a_week_of_a_cut_follow_it_and_others_come_on_their_own() -> None:
    series = BurdenSeries.from_values(START, np.full(100, 40.0))
    cut = START + dt.timedelta(days=20)

    def wave(first: int, days: int) -> Segment:
        return Segment(
            "wave", START + dt.timedelta(days=first), START + dt.timedelta(days=first + days - 1), 70, days
        )

    found = [wave(5, 10), wave(24, 10), wave(60, 10)]  # before any cut, 4 days after the cut, 40 days after
    response = cut_response(series, [cut], segments=found)
    assert (response.waves_after_cut, response.waves_on_their_own) == (1, 2)
    assert response.cuts[0].wave_start == START + dt.timedelta(days=24)
    assert response.chance_share == pytest.approx(8 / 100)  # the cut day and the 7 days after it


def test_with_cuts_every_two_weeks_about_half_of_all_days_follow_a_cut_by_chance() -> None:
    series = BurdenSeries.from_values(START, bumped())
    assert cut_response(series, cuts_in(364)).chance_share == pytest.approx(0.5, abs=0.05)


def test_no_cuts_give_an_empty_response() -> None:
    response = cut_response(BurdenSeries.from_values(START, bumped()), [])
    assert response.cuts == () and response.cuts_used == 0 and response.chance_share is None
    assert set(response.change_by_day) == {None}


def test_the_cut_dates_of_a_plan_are_its_reductions_and_its_stop() -> None:
    alice = make_plan(PlanRequest(regimen=(Dose("diazepam", "morning", Decimal(10)),), start=START))
    dates = cut_dates(alice.steps)
    assert dates == sorted(s.start for s in alice.steps if s.kind in ("reduction", "stop"))
    assert dates[-1] == alice.end
    assert cut_dates(alice.steps, until=START + dt.timedelta(days=30)) == [
        d for d in dates if d <= START + dt.timedelta(days=30)
    ]


def test_each_cuts_own_changes_average_to_the_typical_response() -> None:
    series = BurdenSeries.from_values(START, bumped())
    response = cut_response(series, cuts_in(364))
    own = [effect.change_by_day for effect in response.cuts if effect.pre_cut_burden is not None]
    assert len(own) == response.cuts_used
    for day, mean in enumerate(response.change_by_day):
        values = [row[day] for row in own if row[day] is not None]
        assert len(values) == response.cuts_by_day[day]
        if values:
            assert mean == pytest.approx(sum(values) / len(values))
