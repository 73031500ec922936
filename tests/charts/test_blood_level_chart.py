"""The blood-level chart: one or two regimens' illustrative levels, said to be illustrative everywhere."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from chart_checks import Curve, assert_table, daily_wave, house_svg, texts

from benzotaper.charts import blood_level_summary, blood_level_svg, blood_level_table
from benzotaper.insights import PkCurve, blood_level_curve
from benzotaper.planning import Dose

NOW = "Now: alprazolam 1 mg twice a day"
AFTER = "After crossover: diazepam 20 mg a day"


@pytest.fixture(scope="module")
def curves() -> list[tuple[str, PkCurve]]:
    now = blood_level_curve(
        [Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1))], 7
    )
    after = blood_level_curve([Dose("diazepam", "night", Decimal(20))], 7)
    return [(NOW, now), (AFTER, after)]


def test_it_draws_valid_accessible_svg_with_no_inline_css(curves: list) -> None:
    note = curves[0][1].note
    root = house_svg(blood_level_svg(curves, note))
    assert root[0].text == f"Illustrative blood level, diazepam equivalent: {NOW} and {AFTER}"
    assert root[1].text == blood_level_summary(curves, note)


def test_two_renders_are_byte_identical(curves: list) -> None:
    assert blood_level_svg(curves) == blood_level_svg(curves)


def test_it_says_it_is_illustrative_in_the_title_the_description_and_on_the_chart(curves: list) -> None:
    root = house_svg(blood_level_svg(curves[:1]))
    assert (root[0].text or "").startswith("Illustrative")
    assert (root[1].text or "").startswith("Illustrative")
    assert "Illustrative: typical half-lives, not a level to dose by" in texts(root)


def test_both_regimens_are_in_the_legend_and_the_summary(curves: list) -> None:
    labels = texts(house_svg(blood_level_svg(curves)))
    assert {NOW, AFTER, "Days", "Level (mg DE a day)"} <= labels
    note = curves[0][1].note
    summary = blood_level_summary(curves, note)
    # At steady state a curve averages the daily dose in DE: 40 mg and 20 mg.
    for label, daily in ((NOW, 40), (AFTER, 20)):
        found = re.search(rf"{label}: on day 7 the estimated level averages ([\d.]+) mg, between ", summary)
        assert found is not None
        assert float(found[1]) == pytest.approx(daily, rel=0.05)
    assert summary.endswith(note)


def test_the_table_has_a_row_per_day_with_each_regimens_range(curves: list) -> None:
    table = blood_level_table(curves)
    assert_table(table)
    assert table[0][:4] == ("Day", f"{NOW}: lowest (mg)", f"{NOW}: average (mg)", f"{NOW}: highest (mg)")
    assert len(table[0]) == 7
    assert [row[0] for row in table[1:]] == ["1", "2", "3", "4", "5", "6", "7"]
    low, mean, high = (float(cell) for cell in table[-1][1:4])
    assert low < mean < high


def test_a_simple_curve_gives_its_daily_range() -> None:
    table = blood_level_table([("Steady", daily_wave(days=2, mean=10, swing=5))])
    assert table[1:] == [("1", "5", "10", "15"), ("2", "5", "10", "15")]
    assert "on day 2 the estimated level averages 10 mg, between 5 and 15 mg; the highest is 3.0 times" in (
        blood_level_summary([("Steady", daily_wave(days=2))])
    )


def test_it_draws_no_regimen_and_a_one_point_curve_without_error() -> None:
    assert "No regimen to show" in texts(house_svg(blood_level_svg([])))
    assert blood_level_table([]) == [("Day",)]
    one = [("One dose", Curve([0.0], [5.0]))]
    house_svg(blood_level_svg(one))
    assert blood_level_table(one)[1:] == [("1", "5", "5", "5")]
    assert blood_level_summary([("Empty", Curve([], []))]).endswith("Empty: no curve.")
    house_svg(blood_level_svg([("Empty", Curve([], []))]))


def test_it_refuses_three_regimens_and_a_curve_of_two_lengths() -> None:
    with pytest.raises(ValueError, match="one or two"):
        blood_level_svg([("A", daily_wave()), ("B", daily_wave()), ("C", daily_wave())])
    with pytest.raises(ValueError, match="one level for each hour"):
        blood_level_svg([("A", Curve([0.0, 1.0], [1.0]))])
