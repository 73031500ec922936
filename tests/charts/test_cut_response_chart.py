"""The cut-response chart: the mean change after a cut, the spread of the cuts, the rise, peak, settling."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pytest
from chart_checks import START, assert_table, house_svg, texts

from benzotaper.charts import cut_response_summary, cut_response_svg, cut_response_table
from benzotaper.insights import BurdenSeries, CutResponse, cut_response

CUT_EVERY, DAYS = 14, 364


@dataclass(frozen=True)
class Response:
    """A typical response as plain data (``CutResponse`` has these attributes and more)."""

    change_by_day: tuple[float | None, ...]
    cuts_by_day: tuple[int, ...]
    rise_day: int | None = None
    peak_day: int | None = None
    peak_change: float | None = None
    settle_day: int | None = None
    cuts_used: int = 0


def bump(lag: int) -> float:
    """A rise 3 days after the cut, fading over a week."""
    return 20 * math.exp(-(lag - 3) / 7) if lag >= 3 else 0.0


@pytest.fixture(scope="module")
def response() -> CutResponse:
    values = [30 + 3 * math.sin(i * 2.3) + bump(i % CUT_EVERY) for i in range(DAYS)]
    cuts = [START + dt.timedelta(days=d) for d in range(0, DAYS, CUT_EVERY)]
    return cut_response(BurdenSeries.from_values(START, values), cuts)


@pytest.fixture(scope="module")
def per_cut() -> list[list[float | None]]:
    """Three cuts' changes: a small, a middle and a large bump, the last cut seen for 10 days only."""
    return [
        [scale * bump(k) if k < limit else None for k in range(22)]
        for scale, limit in ((0.5, 22), (1.0, 22), (1.5, 10))
    ]


def test_it_draws_valid_accessible_svg_with_no_inline_css(response: CutResponse) -> None:
    root = house_svg(cut_response_svg(response))
    assert root[0].text == "Symptom burden in the days after a cut"
    assert root[1].text == cut_response_summary(response)


def test_two_renders_are_byte_identical(response: CutResponse, per_cut: list) -> None:
    assert cut_response_svg(response, per_cut) == cut_response_svg(response, per_cut)


def test_it_marks_the_typical_rise_peak_and_settling(response: CutResponse) -> None:
    rise, peak, settle = response.rise_day, response.peak_day, response.settle_day
    assert rise is not None and peak is not None and settle is not None and response.peak_change is not None
    change = round(response.peak_change)
    labels = texts(house_svg(cut_response_svg(response)))
    assert {f"Rise (day {rise})", f"Peak (day {peak}, +{change})", f"Settled (day {settle})"} <= labels
    assert {"Days after the cut", "Change in burden (points)", "Mean over cuts"} <= labels
    assert cut_response_summary(response) == (
        f"Change in symptom burden after a cut, from the week before it, as the mean of "
        f"{response.cuts_used} cuts over days 0 to 13: it typically rose by day {rise} and peaked on day "
        f"{peak} at +{change} points, and settled by day {settle}."
    )


def test_the_band_is_the_middle_half_of_the_cuts(response: CutResponse, per_cut: list) -> None:
    assert "Middle half of cuts" in texts(house_svg(cut_response_svg(response, per_cut)))
    assert "The shaded band is the middle half of the cuts." in cut_response_summary(response, per_cut)
    table = cut_response_table(response, per_cut)
    assert_table(table)
    assert table[0] == (
        "Days after the cut",
        "Mean change (points)",
        "Cuts",
        "Middle half of cuts, from",
        "to",
    )
    day_3 = table[4]
    assert day_3[3:] == ("+15", "+25")  # quartiles of 10, 20 and 30 points
    assert table[11][3:] == ("+5", "+6")  # day 10: two cuts left, 3.7 and 7.4 points
    assert len(table) == len(response.change_by_day) + 1


def test_the_table_without_a_band_has_the_mean_and_the_number_of_cuts(response: CutResponse) -> None:
    table = cut_response_table(response)
    assert_table(table)
    assert table[0] == ("Days after the cut", "Mean change (points)", "Cuts")
    assert [row[0] for row in table[1:4]] == ["0", "1", "2"]
    assert all(row[2] == str(n) for row, n in zip(table[1:], response.cuts_by_day, strict=True))


def test_a_response_that_does_not_rise_is_described_as_such() -> None:
    flat = Response((0.0, 1.0, 2.0, 1.0), (4, 4, 4, 4), cuts_used=4)
    assert cut_response_summary(flat).endswith(
        "it did not clearly rise (the largest mean change was +2 points, on day 2)."
    )
    house_svg(cut_response_svg(flat))


def test_it_draws_no_cuts_one_day_and_gaps_without_error() -> None:
    none = Response((None,) * 22, (0,) * 22)
    labels = texts(house_svg(cut_response_svg(none)))
    assert "No cut with check-ins before and after it yet" in labels
    assert "no typical response to show" in cut_response_summary(none)
    house_svg(cut_response_svg(Response((), ())))
    assert cut_response_table(Response((), ())) == [("Days after the cut", "Mean change (points)", "Cuts")]
    house_svg(cut_response_svg(Response((4.0,), (1,), cuts_used=1), per_cut=[[4.0]]))
    gappy = Response((1.0, None, math.nan, 12.0, None, 2.0), (2, 0, 0, 2, 0, 2), 3, 3, 12.0, 5, 2)
    house_svg(cut_response_svg(gappy, per_cut=[[0.0, None, None, 10.0], [2.0, None, None, 14.0, None, 2.0]]))
    assert cut_response_table(gappy)[2] == ("1", "", "0")
    assert "and settled by day 5." in cut_response_summary(gappy)
