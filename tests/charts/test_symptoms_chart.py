"""The symptom chart: burden over time with windows, waves and gaps, on the taper chart's time axis."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

import pytest
from chart_checks import START, SVG, assert_table, burden_values, house_svg, texts, x_ticks

from benzotaper.charts import TaperPoint, symptoms_summary, symptoms_svg, symptoms_table, taper_svg
from benzotaper.insights import BurdenSeries, segments

TODAY = START + dt.timedelta(days=119)
CUTS = [START + dt.timedelta(days=d) for d in (14, 28, 42, 56)]


@dataclass(frozen=True)
class Burden:
    """A burden from plain lists, as a caller without a BurdenSeries has it."""

    start: dt.date
    values: list[float | None]
    smoothed: list[float | None]
    baseline: float | None = None


@pytest.fixture(scope="module")
def series() -> BurdenSeries:
    return BurdenSeries.from_values(START, burden_values())


@pytest.fixture(scope="module")
def rows(series: BurdenSeries) -> list[tuple[str, dt.date, dt.date, float | None]]:
    return [(s.kind, s.start, s.end, s.mean_burden) for s in segments(series)]


def test_it_draws_valid_accessible_svg_with_no_inline_css(series: BurdenSeries, rows: list) -> None:
    root = house_svg(symptoms_svg(series, rows, CUTS, TODAY))
    assert (root[0].text or "") == "Symptom burden over time, 4 Jan 2027 to 3 May 2027"
    assert root[1].text == symptoms_summary(series, rows, CUTS, TODAY)


def test_two_renders_are_byte_identical(series: BurdenSeries, rows: list) -> None:
    assert symptoms_svg(series, rows, CUTS, TODAY) == symptoms_svg(series, rows, CUTS, TODAY)


def test_waves_windows_gaps_cuts_and_today_are_in_the_legend(series: BurdenSeries) -> None:
    rows = [
        ("neutral", START, START + dt.timedelta(days=39), 30.0),
        ("wave", START + dt.timedelta(days=40), START + dt.timedelta(days=59), 65.0),
        ("window", START + dt.timedelta(days=60), START + dt.timedelta(days=79), 20.0),
        ("no_data", START + dt.timedelta(days=80), START + dt.timedelta(days=89), None),
        ("neutral", START + dt.timedelta(days=90), TODAY, 30.0),
    ]
    labels = texts(house_svg(symptoms_svg(series, rows, CUTS, TODAY)))
    assert {"Wave (worse)", "Window (better)", "No check-ins", "Cuts", "Today (3 May 2027)"} <= labels
    assert {"Daily burden", "Smoothed", "Usual day", "Symptom burden (0–100)", "Date (2027)"} <= labels


def test_neutral_periods_are_not_shaded(series: BurdenSeries) -> None:
    root = house_svg(symptoms_svg(series, [("neutral", START, TODAY, 30.0)]))
    assert root.find(f".//{SVG}pattern") is None  # every shaded kind has a hatch; neutral has none


def test_the_summary_gives_the_check_ins_the_waves_the_cuts_and_the_latest_level(
    series: BurdenSeries, rows: list
) -> None:
    summary = symptoms_summary(series, rows, CUTS, TODAY)
    observed = series.observed_days
    assert summary.startswith(
        f"Symptom burden (0 to 100, higher is worse) from 4 Jan 2027 to 3 May 2027: check-ins on {observed} "
        "of 120 days, mean "
    )
    assert "It has 1 wave (worse than usual); the latest, a wave, ran from " in summary
    assert "4 cuts are marked." in summary
    assert "The latest smoothed burden is " in summary


def test_the_table_has_a_row_per_segment_with_its_check_ins_and_cuts(
    series: BurdenSeries, rows: list
) -> None:
    table = symptoms_table(series, rows, CUTS)
    assert_table(table)
    assert table[0] == ("From", "To", "Period", "Days with a check-in", "Mean burden", "Cuts")
    assert len(table) == len(rows) + 1
    assert [row[2] for row in table[1:]] == [
        {"window": "Window", "wave": "Wave", "neutral": "Usual", "no_data": "No check-ins"}[r[0]]
        for r in rows
    ]
    assert sum(int(row[3]) for row in table[1:]) == series.observed_days
    assert sum(int(row[5]) for row in table[1:]) == len(CUTS)


def test_without_segments_the_table_has_a_row_per_month(series: BurdenSeries) -> None:
    table = symptoms_table(series)
    assert_table(table)
    assert [row[2] for row in table[1:]] == [
        "January 2027",
        "February 2027",
        "March 2027",
        "April 2027",
        "May 2027",
    ]
    assert table[1][:2] == ("4 Jan 2027", "31 Jan 2027")
    assert table[-1][:2] == ("1 May 2027", "3 May 2027")


def test_it_draws_an_empty_burden_and_says_so() -> None:
    empty = BurdenSeries.from_values(START, [])
    labels = texts(house_svg(symptoms_svg(empty)))
    assert "No check-ins with symptom ratings yet" in labels
    assert symptoms_summary(empty) == "Symptom burden: no check-ins with symptom ratings yet."
    assert symptoms_table(empty) == [("From", "To", "Period", "Days with a check-in", "Mean burden", "Cuts")]
    house_svg(symptoms_svg(empty, today=START, date_range=(START, TODAY)))


def test_it_draws_a_single_check_in() -> None:
    one = BurdenSeries.from_values(START, [40.0])
    house_svg(symptoms_svg(one, [("neutral", START, START, 40.0)], today=START))
    assert "check-ins on 1 of 1 day, mean 40 (lowest 40, highest 40)" in symptoms_summary(one)


def test_gaps_may_be_none_or_nan_in_plain_lists() -> None:
    values: list[float | None] = [30.0, None, math.nan, 45.0, None, 50.0]
    burden = Burden(START, values, [None, 35.0, math.nan, 40.0, None, None], baseline=33.0)
    labels = texts(house_svg(symptoms_svg(burden, cut_dates=[START + dt.timedelta(days=2)])))
    assert "Usual day" in labels
    summary = symptoms_summary(burden)
    assert "check-ins on 3 of 6 days, mean 42 (lowest 30, highest 50). A usual day is 33." in summary
    assert "The latest smoothed burden is 40, on 7 Jan 2027." in summary


def test_it_refuses_an_unknown_segment_kind_and_a_smoothed_line_of_another_length(
    series: BurdenSeries,
) -> None:
    with pytest.raises(ValueError, match="not a kind of segment"):
        symptoms_svg(series, [("storm", START, TODAY, 50.0)])
    with pytest.raises(ValueError, match="one value a day"):
        symptoms_svg(Burden(START, [1.0, 2.0], [1.0]))


def test_it_shares_the_taper_charts_time_axis_for_the_same_date_range(
    series: BurdenSeries, rows: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.figure import Figure

    limits: list[tuple[float, float]] = []
    savefig = Figure.savefig

    def spy(self: Figure, *args: object, **kwargs: object) -> None:
        limits.append(self.axes[0].get_xlim())
        savefig(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Figure, "savefig", spy)
    shown = (START - dt.timedelta(days=10), TODAY)  # the journal began before the plan
    steps = [
        TaperPoint(START, 60, Decimal(10), "reduction"),
        TaperPoint(START + dt.timedelta(days=60), 0, 0, "stop"),
    ]
    taper = house_svg(taper_svg(steps, TODAY, cuts=CUTS, date_range=shown))
    symptoms = house_svg(symptoms_svg(series, rows, CUTS, TODAY, date_range=shown))
    assert limits[0] == limits[1]
    # And the axes sit in the same place: the same day is at the same point of both drawings.
    assert x_ticks(taper) == x_ticks(symptoms)
    assert len(x_ticks(taper)) >= 3
