"""The taper chart: planned and taken doses, holds, cuts and today, as valid, accessible, CSP-safe SVG."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from chart_checks import START, assert_table, house_svg, texts

from benzotaper.charts import TaperPoint, taper_summary, taper_svg, taper_table
from benzotaper.insights import cut_dates
from benzotaper.planning import Dose, PlanRequest, hold_step, make_plan

TODAY = START + dt.timedelta(days=40)


@pytest.fixture(scope="module")
def plan_steps() -> list:
    """Alprazolam 0.75 mg twice a day, crossed over to diazepam, with a two-week hold at step 6."""
    plan = make_plan(
        PlanRequest(
            regimen=(
                Dose("alprazolam", "morning", Decimal("0.75")),
                Dose("alprazolam", "night", Decimal("0.75")),
            ),
            start=START,
            crossover_to="diazepam",
        )
    )
    return list(hold_step(plan, 6, 14, "flu").steps)


@pytest.fixture(scope="module")
def points(plan_steps: list) -> list[TaperPoint]:
    return [TaperPoint(s.start, s.days, s.diazepam_equivalent_mg, s.kind) for s in plan_steps]


@pytest.fixture(scope="module")
def taken(points: list[TaperPoint]) -> list[tuple[dt.date, float]]:
    """Every other day of the first 40 logged: as planned, except one day 2.5 mg under."""
    days = [START + dt.timedelta(days=d) for d in range(0, 41, 2)]
    doses = [(day, float(next(p.de_mg for p in reversed(points) if p.start <= day))) for day in days]
    doses[3] = (doses[3][0], doses[3][1] - 2.5)
    return doses


def test_it_draws_valid_accessible_svg_with_no_inline_css(points: list[TaperPoint]) -> None:
    root = house_svg(taper_svg(points, today=TODAY))
    assert "4 Jan 2027" in (root[0].text or "")
    assert root[1].text == taper_summary(points, TODAY)


def test_two_renders_are_byte_identical(points: list[TaperPoint], taken: list, plan_steps: list) -> None:
    def draw() -> str:
        return taper_svg(points, TODAY, taken=taken, cuts=cut_dates(plan_steps))

    assert draw() == draw()


def test_the_summary_names_the_doses_the_marked_steps_and_today(points: list[TaperPoint]) -> None:
    summary = taper_summary(points, TODAY)
    assert summary.startswith(
        "The planned diazepam equivalent goes from 30 mg a day on 4 Jan 2027 to 0 mg on"
    )
    assert "4 crossover steps (steps 1–4) and 1 hold (step 7)" in summary
    assert "Today, 13 Feb 2027, is in step" in summary


def test_the_axes_are_labelled_with_units_and_the_marks_are_in_the_legend(points: list[TaperPoint]) -> None:
    labels = texts(house_svg(taper_svg(points, today=TODAY)))
    assert {"Diazepam equivalent (mg/day)", "Crossover to diazepam", "Hold", "Planned dose"} <= labels
    assert "Date" in labels or "Date (2027)" in labels
    assert "Today (13 Feb 2027)" in labels


def test_it_marks_the_doses_taken_and_the_cuts(
    points: list[TaperPoint], taken: list, plan_steps: list
) -> None:
    cuts = cut_dates(plan_steps)
    svg = taper_svg(points, TODAY, taken=taken, cuts=cuts)
    assert {"Dose taken", "Cuts"} <= texts(house_svg(svg))
    summary = taper_summary(points, TODAY, taken=taken, cuts=cuts)
    assert f"It has 4 crossover steps (steps 1–4), 1 hold (step 7) and {len(cuts)} cuts." in summary
    assert (
        "Doses taken were logged on 21 days (4 Jan 2027 to 13 Feb 2027): 20 as planned and 1 below the plan."
        in summary
    )


def test_the_table_has_a_row_per_step_and_what_was_taken_in_it(points: list[TaperPoint], taken: list) -> None:
    plain = taper_table(points)
    assert_table(plain)
    assert plain[0] == ("Step", "From", "To", "Kind", "Planned (mg DE a day)")
    assert plain[1] == ("1", "4 Jan 2027", "10 Jan 2027", "Crossover", "30")
    assert len(plain) == len(points) + 1
    assert plain[-1][3:] == ("Stop", "0")

    logged = taper_table(points, [*taken, (START - dt.timedelta(days=3), 40.0)])
    assert_table(logged)
    assert logged[0][-2:] == ("Days logged", "Taken, mean (mg DE a day)")
    assert logged[1] == ("Before the plan", "", "", "", "", "1", "40")
    assert logged[2][-2:] == ("4", "29.38")  # step 1: 4 of its 7 days logged, one of them 2.5 mg under


def test_a_date_range_wider_than_the_plan_shows_today_before_it_starts(points: list[TaperPoint]) -> None:
    today = START - dt.timedelta(days=10)
    shown = (START - dt.timedelta(days=30), START + dt.timedelta(days=400))
    svg = taper_svg(points, today, date_range=shown)
    assert "Today (25 Dec 2026)" in texts(house_svg(svg))
    assert "before the plan starts" in svg


def test_today_is_left_out_when_it_is_outside_the_axis(points: list[TaperPoint]) -> None:
    svg = taper_svg(points, today=dt.date(2020, 1, 1))
    assert "Today (" not in svg
    assert "before the plan starts" in svg


def test_it_handles_a_one_step_plan_and_a_single_dose_taken() -> None:
    stop_only = [TaperPoint(START, 0, Decimal(0), "stop")]
    house_svg(taper_svg(stop_only, today=START, taken=[(START, 0.0)], cuts=[START]))
    one = [TaperPoint(START, 14, Decimal("2.5"), "reduction")]
    house_svg(taper_svg(one, taken=[(START + dt.timedelta(days=20), 2.5)]))
    assert taper_summary(one) == (
        "The planned diazepam equivalent goes from 2.5 mg a day on 4 Jan 2027 "
        "to 2.5 mg by 18 Jan 2027, in 1 step."
    )
    assert "1 outside the plan's dates" in taper_summary(one, taken=[(START + dt.timedelta(days=20), 2.5)])


def test_it_refuses_no_steps_and_steps_out_of_order() -> None:
    with pytest.raises(ValueError, match="at least one step"):
        taper_svg([])
    late, early = (
        TaperPoint(START, 7, 5, "reduction"),
        TaperPoint(START - dt.timedelta(days=7), 7, 4, "reduction"),
    )
    with pytest.raises(ValueError, match="date order"):
        taper_svg([late, early])
