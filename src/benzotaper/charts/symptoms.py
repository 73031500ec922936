"""The symptom chart: the daily symptom burden (0-100, higher is worse) over time, with its windows and
waves.

Each day with a check-in is a faint dot and the smoothed burden a line, broken where there are too few
check-ins to smooth; the person's usual day (the baseline the windows and waves are measured from) is a
dashed line. Windows (sustained relief) are shaded green and waves (sustained worsening) orange, each
with its own hatch so they are told apart without colour; neutral stretches are left plain and stretches
without check-ins are hatched grey. Cuts are dotted vertical lines and today a dashed one, as in the
taper chart: given the same ``date_range`` the two charts share their time axis, so they can be stacked.

Input is plain data: the burden as ``benzotaper.insights.BurdenSeries`` gives it (any object with the
same attributes will do, see ``BurdenLike``), the segments as (kind, first day, last day, mean burden)
and the cut dates. The result is SVG text (see ``benzotaper.charts``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Protocol

from benzotaper.charts import _figure as fig
from benzotaper.charts._svg import FOREGROUND
from benzotaper.records import Record

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SegmentRow = tuple[str, dt.date, dt.date, float | None]
"""A segment: kind (window, wave, neutral or no_data), first day, last day (both included), mean burden
(None without check-ins)."""

_KINDS = ("window", "wave", "neutral", "no_data")
# kind: (legend label, colour, alpha, hatch); neutral is not shaded.
_SHADES = {
    "window": ("Window (better)", "#3a9d5d", 0.28, "--"),  # not dots: a dot hatch is large in SVG
    "wave": ("Wave (worse)", "#e8871e", 0.3, "//"),
    "no_data": ("No check-ins", "#8c8c8c", 0.18, "xx"),
}
_TABLE_NAMES = {"window": "Window", "wave": "Wave", "neutral": "Usual", "no_data": "No check-ins"}
_DAY = dt.timedelta(days=1)


class BurdenLike(Protocol):
    """The daily burden from ``start``, one value a day (``benzotaper.insights.BurdenSeries`` is one).

    ``values`` are 0-100, None or NaN on a day without a check-in; ``smoothed`` the same length, NaN or
    None where it is not shown; ``baseline`` the usual day (None before there is one).
    """

    @property
    def start(self) -> dt.date: ...

    @property
    def values(self) -> Collection[float | None]: ...

    @property
    def smoothed(self) -> Collection[float | None]: ...

    @property
    def baseline(self) -> float | None: ...


class _Data(Record):
    """The input checked and as plain lists (NaN for a missing value)."""

    start: dt.date
    values: list[float]
    smoothed: list[float]
    baseline: float | None
    segments: list[SegmentRow]
    cuts: list[dt.date]

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(len(self.values))]

    def observed(self, first: dt.date | None = None, last: dt.date | None = None) -> list[float]:
        """The values of the days with a check-in, from ``first`` to ``last`` (both included)."""
        low = 0 if first is None else max((first - self.start).days, 0)
        high = len(self.values) if last is None else max((last - self.start).days + 1, 0)
        return [v for v in self.values[low:high] if not math.isnan(v)]

    def cuts_between(self, first: dt.date, last: dt.date) -> int:
        return sum(1 for c in self.cuts if first <= c <= last)


def _checked(burden: BurdenLike, segments: Sequence[SegmentRow], cut_dates: Sequence[dt.date]) -> _Data:
    values = fig.floats(burden.values)
    smoothed = fig.floats(burden.smoothed)
    if smoothed and len(smoothed) != len(values):
        raise ValueError("The smoothed burden must have one value a day, like the burden.")
    for kind, first, last, _ in segments:
        if kind not in _KINDS:
            raise ValueError(f"{kind!r} is not a kind of segment ({', '.join(_KINDS)}).")
        if last < first:
            raise ValueError("A segment cannot end before it starts.")
    return _Data(
        burden.start,
        values,
        smoothed or [math.nan] * len(values),
        burden.baseline,
        sorted(segments, key=lambda s: s[1]),
        sorted(set(cut_dates)),
    )


def _segment_sentence(data: _Data) -> str:
    windows = [s for s in data.segments if s[0] == "window"]
    waves = [s for s in data.segments if s[0] == "wave"]
    if not windows and not waves:
        return (
            "There are no windows (better than usual) or waves (worse than usual)." if data.segments else ""
        )
    counts = fig.listed(
        [
            text
            for text in (
                fig.plural(len(windows), "window") + " (better than usual)" if windows else "",
                fig.plural(len(waves), "wave") + " (worse than usual)" if waves else "",
            )
            if text
        ]
    )
    kind, first, last, mean = max(windows + waves, key=lambda s: s[1])
    latest = f"the latest, a {kind}, ran from {fig.day(first)} to {fig.day(last)}"
    if mean is not None and fig.finite(mean):
        latest += f" with a mean of {fig.points(mean)}"
    return f"It has {counts}; {latest}."


def symptoms_summary(
    burden: BurdenLike,
    segments: Sequence[SegmentRow] = (),
    cut_dates: Sequence[dt.date] = (),
    today: dt.date | None = None,
) -> str:
    """The chart's facts as text, for the SVG's ``<desc>`` and for anyone who cannot see the chart."""
    return _summary(_checked(burden, segments, cut_dates), today)


def _summary(data: _Data, today: dt.date | None) -> str:
    observed = data.observed()
    if not observed:
        return "Symptom burden: no check-ins with symptom ratings yet."
    days = data.days
    mean = fig.points(sum(observed) / len(observed))
    parts = [
        f"Symptom burden (0 to 100, higher is worse) from {fig.day(days[0])} to {fig.day(days[-1])}: "
        f"check-ins on {len(observed)} of {fig.plural(len(days), 'day')}, mean {mean} "
        f"(lowest {fig.points(min(observed))}, highest {fig.points(max(observed))})."
    ]
    if data.baseline is not None and fig.finite(data.baseline):
        parts.append(f"A usual day is {fig.points(data.baseline)}.")
    segment_sentence = _segment_sentence(data)
    if segment_sentence:
        parts.append(segment_sentence)
    if data.cuts:
        parts.append(f"{fig.plural(len(data.cuts), 'cut')} {'is' if len(data.cuts) == 1 else 'are'} marked.")
    latest = next(
        (
            (day, value)
            for day, value in zip(reversed(days), reversed(data.smoothed), strict=True)
            if not math.isnan(value) and (today is None or day <= today)
        ),
        None,
    )
    if latest is not None:
        parts.append(f"The latest smoothed burden is {fig.points(latest[1])}, on {fig.day(latest[0])}.")
    return " ".join(parts)


def symptoms_table(
    burden: BurdenLike, segments: Sequence[SegmentRow] = (), cut_dates: Sequence[dt.date] = ()
) -> list[tuple[str, ...]]:
    """The chart's data as a table (header first): one row per segment (per calendar month when no
    segments are given) with its days with a check-in, mean burden and cuts."""
    data = _checked(burden, segments, cut_dates)
    rows: list[tuple[str, ...]] = [("From", "To", "Period", "Days with a check-in", "Mean burden", "Cuts")]
    periods = [(first, last, _TABLE_NAMES[kind]) for kind, first, last, _ in data.segments]
    if not data.segments and data.values:
        periods = [(first, last, f"{first:%B %Y}") for first, last in _months(data.days[0], data.days[-1])]
    for first, last, name in periods:
        observed = data.observed(first, last)
        mean = fig.points(sum(observed) / len(observed)) if observed else ""
        rows.append(
            (
                fig.day(first),
                fig.day(last),
                name,
                str(len(observed)),
                mean,
                str(data.cuts_between(first, last)),
            )
        )
    return rows


def _months(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar months from ``first`` to ``last``, clipped to them."""
    months = []
    start = first
    while start <= last:
        following = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        months.append((start, min(following - _DAY, last)))
        start = following
    return months


def symptoms_svg(
    burden: BurdenLike,
    segments: Sequence[SegmentRow] = (),
    cut_dates: Sequence[dt.date] = (),
    today: dt.date | None = None,
    date_range: fig.DateRange | None = None,
    size: fig.ChartSize = "wide",
) -> str:
    """The symptom chart as SVG text, byte-identical for the same input.

    ``segments`` are the windows, waves, neutral and no-data periods (``benzotaper.insights.segments``
    as (kind, start, end, mean_burden)); ``cut_dates`` the days the dose was cut. ``date_range`` (first
    and last day) is the span of the time axis, the burden's by default: give the taper chart the same
    one and their days line up. ``today`` is marked when it is on the axis. An empty or gappy burden
    draws without error (an empty one says so on the chart).
    """
    data = _checked(burden, segments, cut_dates)
    summary = _summary(data, today)
    shown = date_range or fig.date_range_of(
        [*data.days, *(s[1] for s in data.segments), *(s[2] for s in data.segments)]
        or [*data.cuts, *([today] if today else [])]
    )
    title = "Symptom burden over time" + (
        f", {fig.day(shown[0])} to {fig.day(shown[1])}" if shown is not None else ""
    )

    def draw(axes: Axes) -> None:
        _draw(axes, data, today, shown)

    return fig.render(draw, title, summary, "symptom-chart", size)


def _draw(axes: Axes, data: _Data, today: dt.date | None, shown: fig.DateRange | None) -> None:
    # The lines are drawn first so that they come first in the legend; the shading stays beneath them
    # all the same (patches are drawn below lines).
    xs = [fig.x(day) for day in data.days]
    if data.observed():
        few = len(data.observed()) <= fig.FEW_DAYS  # a single day must be seen, not a faint speck
        axes.plot(
            xs,
            data.values,
            linestyle="none",
            marker="o",
            markersize=fig.dot_size(len(data.observed()), 3.5 if fig.phone() else 2.5),
            color=fig.rgba(FOREGROUND, 0.9 if few else 0.4),
            label="Daily burden",
            zorder=4,
        )
        if any(not math.isnan(v) for v in data.smoothed):
            axes.plot(xs, data.smoothed, color=FOREGROUND, linewidth=2, label="Smoothed")
        if data.baseline is not None and fig.finite(data.baseline):
            axes.axhline(
                data.baseline,
                color=FOREGROUND,
                linestyle=(0, (5, 3)),
                linewidth=1,
                alpha=0.7,
                label="Usual day",
            )
    else:
        fig.message(axes, "No check-ins with symptom ratings yet")
    half = 0.5  # a day's shading runs from half a day before its dot to half a day after
    for kind, (label, colour, alpha, hatch) in _SHADES.items():  # in this order in the legend
        spans = [(first, last) for shaded, first, last, _ in data.segments if shaded == kind]
        for number, (first, last) in enumerate(spans):
            axes.axvspan(
                fig.x(first) - half,
                fig.x(last) + half,
                facecolor=fig.rgba(colour, alpha),
                edgecolor=fig.rgba(FOREGROUND, 0.35),  # the hatch's colour
                hatch=hatch,
                linewidth=0,
                label=label if number == 0 else None,
            )
    fig.mark_cuts(axes, data.cuts, shown)
    fig.mark_today(axes, today, shown)
    fig.date_axis(axes, shown)
    axes.set_ylim(0, 100)
    axes.set_yticks([0, 25, 50, 75, 100])
    fig.grid(axes)
    axes.set_ylabel("Symptom burden (0–100)")
    fig.legend(axes)
