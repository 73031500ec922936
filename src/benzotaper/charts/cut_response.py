"""The cut-response chart: how the symptom burden changes in the days after a dose cut.

The x axis is days since a cut (day 0 is the day of the cut), the y axis the change in burden from the
week before the cut, in points (0-100 scale; above 0 is worse). The line is the mean over the cuts; when
each cut's own changes are given, the band around it is the middle half of the cuts (25th to 75th
percentile) on each day that has two or more. The typical rise, peak and settling days, as
``benzotaper.insights.cut_response`` finds them, are vertical lines, the peak with a dot.

Input is plain data: the response as ``benzotaper.insights.CutResponse`` gives it (any object with the
same attributes will do, see ``CutResponseLike``) and, for the band, each cut's changes by day. The result
is SVG text (see ``benzotaper.charts``).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from benzotaper.charts import _figure as fig
from benzotaper.charts._svg import FOREGROUND

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_BAND_COLOUR = "#3b7dd8"
_RISE_COLOUR = "#e8871e"
_PEAK_COLOUR = "#c2185b"
_SETTLE_COLOUR = "#3a9d5d"

ChangesByDay = Sequence[float | None]
"""Changes in burden (points) on day 0, 1, 2 ... after a cut; None or NaN on a day without a value."""


class CutResponseLike(Protocol):
    """The typical response to a cut (``benzotaper.insights.CutResponse`` is one).

    ``change_by_day[k]`` is the mean change k days after a cut (None where no cut has a value) and
    ``cuts_by_day[k]`` how many cuts it averages; ``rise_day``, ``peak_day`` and ``settle_day`` are days
    after the cut (None when the burden did not rise, or did not settle), ``peak_change`` the mean change
    on the peak day; ``cuts_used`` how many cuts had check-ins in the week before them.
    """

    @property
    def change_by_day(self) -> ChangesByDay: ...

    @property
    def cuts_by_day(self) -> Sequence[int]: ...

    @property
    def rise_day(self) -> int | None: ...

    @property
    def peak_day(self) -> int | None: ...

    @property
    def peak_change(self) -> float | None: ...

    @property
    def settle_day(self) -> int | None: ...

    @property
    def cuts_used(self) -> int: ...


def _band(per_cut: Sequence[ChangesByDay], days: int) -> list[tuple[float, float]]:
    """The 25th and 75th percentile of the cuts' changes on each day (NaN with fewer than two)."""
    rows = [fig.floats(row) for row in per_cut]
    band = []
    for k in range(days):
        values = [row[k] for row in rows if k < len(row) and not math.isnan(row[k])]
        if len(values) >= 2:
            low, _, high = statistics.quantiles(values, n=4, method="inclusive")
            band.append((low, high))
        else:
            band.append((math.nan, math.nan))
    return band


def _change(value: float) -> str:
    """+12, -3, 0: a change in points."""
    text = fig.points(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def cut_response_summary(response: CutResponseLike, per_cut: Sequence[ChangesByDay] = ()) -> str:
    """The chart's facts as text, for the SVG's ``<desc>`` and for anyone who cannot see the chart."""
    mean = fig.floats(response.change_by_day)
    observed = [(k, v) for k, v in enumerate(mean) if not math.isnan(v)]
    if not observed:
        return (
            "Response to cuts: no cut has check-ins in the week before it and in the days after it yet, "
            "so there is no typical response to show."
        )
    opening = (
        f"Change in symptom burden after a cut, from the week before it, as the mean of "
        f"{fig.plural(response.cuts_used, 'cut')} over days 0 to {observed[-1][0]}:"
    )
    if response.rise_day is not None and response.peak_day is not None:
        peak = f"{_change(response.peak_change)} points" if response.peak_change is not None else "its peak"
        shape = (
            f"it typically rose by day {response.rise_day} and peaked on day {response.peak_day} at {peak}"
        )
        if response.settle_day is not None:
            shape += f", and settled by day {response.settle_day}."
        else:
            shape += f", and had not settled by day {observed[-1][0]}."
    else:
        day, largest = max(observed, key=lambda pair: pair[1])
        shape = (
            f"it did not clearly rise (the largest mean change was {_change(largest)} points, on day {day})."
        )
    parts = [f"{opening} {shape}"]
    if per_cut and any(not math.isnan(low) for low, _ in _band(per_cut, len(mean))):
        parts.append("The shaded band is the middle half of the cuts.")
    return " ".join(parts)


def cut_response_table(
    response: CutResponseLike, per_cut: Sequence[ChangesByDay] = ()
) -> list[tuple[str, ...]]:
    """The chart's data as a table (header first): one row per day after a cut with the mean change, how
    many cuts it averages and, when each cut's changes are given, the middle half of the cuts."""
    mean = fig.floats(response.change_by_day)
    header: tuple[str, ...] = ("Days after the cut", "Mean change (points)", "Cuts")
    band = _band(per_cut, len(mean)) if per_cut else []
    if per_cut:
        header += ("Middle half of cuts, from", "to")
    rows = [header]
    for k, value in enumerate(mean):
        cuts = response.cuts_by_day[k] if k < len(response.cuts_by_day) else 0
        row: tuple[str, ...] = (str(k), "" if math.isnan(value) else _change(value), str(cuts))
        if per_cut:
            low, high = band[k]
            row += ("", "") if math.isnan(low) else (_change(low), _change(high))
        rows.append(row)
    return rows


def cut_response_svg(
    response: CutResponseLike, per_cut: Sequence[ChangesByDay] = (), size: fig.ChartSize = "wide"
) -> str:
    """The cut-response chart as SVG text, byte-identical for the same input.

    ``response`` is the typical response (``benzotaper.insights.cut_response``); ``per_cut`` each cut's
    changes by day, for the band (leave it out and the chart shows the mean alone). Without any values
    the chart says so instead of drawing a line.
    """
    summary = cut_response_summary(response, per_cut)
    mean = fig.floats(response.change_by_day)
    band = _band(per_cut, len(mean)) if per_cut else []
    title = "Symptom burden in the days after a cut"

    def draw(axes: Axes) -> None:
        _draw(axes, response, mean, band)

    return fig.render(draw, title, summary, "cut-response-chart", size)


def _draw(axes: Axes, response: CutResponseLike, mean: list[float], band: list[tuple[float, float]]) -> None:
    from matplotlib.ticker import MaxNLocator

    days = list(range(len(mean)))
    axes.axhline(0, color=FOREGROUND, linewidth=0.8, alpha=0.6)
    if all(math.isnan(v) for v in mean):
        fig.message(axes, "No cut with check-ins before and after it yet")
        axes.set_xlim(0, max(len(mean) - 1, 1))
        axes.set_ylim(-10, 10)
    else:
        axes.plot(days, mean, color=FOREGROUND, linewidth=2, marker="o", markersize=3, label="Mean over cuts")
        if band and any(not math.isnan(low) for low, _ in band):
            axes.fill_between(
                days,
                [low for low, _ in band],
                [high for _, high in band],
                facecolor=fig.rgba(_BAND_COLOUR, 0.25),
                edgecolor="none",
                label="Middle half of cuts",
            )
        peak = f", {_change(response.peak_change)}" if response.peak_change is not None else ""
        for day, colour, style, label in (
            (response.rise_day, _RISE_COLOUR, ":", f"Rise (day {response.rise_day})"),
            (response.peak_day, _PEAK_COLOUR, "--", f"Peak (day {response.peak_day}{peak})"),
            (response.settle_day, _SETTLE_COLOUR, "-.", f"Settled (day {response.settle_day})"),
        ):
            if day is not None:
                axes.axvline(day, color=colour, linestyle=style, linewidth=1.5, label=label)
        shown = [v for v in mean if not math.isnan(v)] + [
            v for pair in band for v in pair if not math.isnan(v)
        ]
        # At least -5 to +10 points, so that day-to-day noise does not fill the chart.
        low, high = min(-5.0, *shown), max(10.0, *shown)
        pad = (high - low) * 0.08
        axes.set_ylim(low - pad, high + pad)
        axes.set_xlim(-0.5, max(len(mean) - 1, 1) + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("Days after the cut")
    axes.set_ylabel("Change in burden (points)")
    fig.grid(axes)
    fig.legend(axes)
