"""The taper chart: the planned diazepam equivalent (DE, mg per day) over the days of a plan, and the
doses actually taken.

The planned DE is drawn as a step line (it changes on the first day of each step and stays level for the
step). Crossover and hold steps are shaded with a hatch as well as a colour, so they are told apart
without colour. The doses taken are dots, one per day with a logged dose: the day's total in DE, which
the caller works out from the journal. Cuts are dotted vertical lines, as in the symptom chart, so the
two line up when stacked; today is a dashed line, with a dot on the planned dose within the plan.

Input is plain data (``TaperPoint``, one per step, in order; (date, mg DE) pairs; dates); the result is
SVG text (see ``benzotaper.charts``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from benzotaper.charts import _figure as fig
from benzotaper.charts._svg import FOREGROUND
from benzotaper.records import Record

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_CROSSOVER_COLOUR = "#3b7dd8"
_HOLD_COLOUR = "#d98a1c"
_TAKEN_COLOUR = "#12908e"
_KIND_NAMES = {"crossover": "Crossover", "reduction": "Reduction", "hold": "Hold", "stop": "Stop"}

TakenDose = tuple[dt.date, Decimal | float]
"""A day's total of the doses actually taken, in mg diazepam equivalent."""


class TaperPoint(Record):
    """One step of a plan: from ``start``, ``days`` days at ``de_mg`` mg diazepam equivalent a day.

    ``kind`` is the planner's step kind: crossover, reduction, hold or stop (a stop has 0 days: the
    drug-free time has no end).
    """

    start: dt.date
    days: int
    de_mg: Decimal | float
    kind: str

    @property
    def end(self) -> dt.date:
        """The day after the step's last day (the stop day itself for a stop)."""
        return self.start + dt.timedelta(days=self.days)


def _checked(steps: Sequence[TaperPoint]) -> list[TaperPoint]:
    points = list(steps)
    if not points:
        raise ValueError("A taper chart needs at least one step.")
    for before, after in itertools.pairwise(points):
        if after.start < before.start:
            raise ValueError("The steps of a taper chart must be in date order.")
    if any(p.days < 0 for p in points):
        raise ValueError("A step cannot last a negative number of days.")
    return points


def _last_day(points: Sequence[TaperPoint]) -> dt.date:
    """Where the line ends: the stop day, or the end of the last step."""
    return max(points[-1].end, points[-1].start)


def _step_on(points: Sequence[TaperPoint], day: dt.date | None) -> tuple[int, TaperPoint] | None:
    """The step (number from 1, and the step) in effect on ``day``, or None outside the plan."""
    if day is None or day < points[0].start or day > _last_day(points):
        return None
    number = bisect.bisect_right(points, day, key=lambda point: point.start)  # the last to start by then
    return number, points[number - 1]


def _spans(points: Sequence[TaperPoint], kind: str) -> list[tuple[dt.date, dt.date]]:
    """Runs of adjacent steps of one kind, as (first day, day after the last)."""
    runs: list[tuple[dt.date, dt.date]] = []
    for point in points:
        if point.kind != kind or point.days == 0:
            continue
        if runs and runs[-1][1] == point.start:
            runs[-1] = (runs[-1][0], point.end)
        else:
            runs.append((point.start, point.end))
    return runs


def _numbers(numbers: Sequence[int]) -> str:
    """[1, 2, 3, 7] -> "1–3, 7"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] + 1 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def _kind_count(points: Sequence[TaperPoint], kind: str, one: str, many: str) -> str:
    numbers = [n for n, p in enumerate(points, 1) if p.kind == kind]
    if not numbers:
        return ""
    label = one if len(numbers) == 1 else many
    return f"{len(numbers)} {label} (step{'s' if len(numbers) > 1 else ''} {_numbers(numbers)})"


def _taken_sentence(points: Sequence[TaperPoint], taken: Sequence[TakenDose]) -> str:
    """How the logged doses compare with the plan, day by day (to the hundredth of a mg)."""
    days = sorted(taken)
    if not days:
        return ""
    as_planned = below = above = outside = 0
    for day, mg in days:
        found = _step_on(points, day)
        if found is None:
            outside += 1
            continue
        difference = round(float(mg) - float(found[1].de_mg), 2)
        if difference < 0:
            below += 1
        elif difference > 0:
            above += 1
        else:
            as_planned += 1
    counts = [
        f"{n} {words}"
        for n, words in (
            (as_planned, "as planned"),
            (below, "below the plan"),
            (above, "above the plan"),
            (outside, "outside the plan's dates"),
        )
        if n
    ]
    period = fig.day(days[0][0]) if len(days) == 1 else f"{fig.day(days[0][0])} to {fig.day(days[-1][0])}"
    return f"Doses taken were logged on {fig.plural(len(days), 'day')} ({period}): {fig.listed(counts)}."


def taper_summary(
    steps: Sequence[TaperPoint],
    today: dt.date | None = None,
    *,
    taken: Sequence[TakenDose] = (),
    cuts: Sequence[dt.date] = (),
) -> str:
    """The chart's facts as text, for the SVG's ``<desc>`` and for anyone who cannot see the chart."""
    points = _checked(steps)
    first, last = points[0], points[-1]
    count = fig.plural(len(points), "step")
    ends = f"on {fig.day(last.start)}" if last.kind == "stop" else f"by {fig.day(_last_day(points))}"
    parts = [
        f"The planned diazepam equivalent goes from {fig.mg(first.de_mg)} mg a day on {fig.day(first.start)} "
        f"to {fig.mg(last.de_mg)} mg {ends}, in {count}."
    ]
    marked = [
        text
        for text in (
            _kind_count(points, "crossover", "crossover step", "crossover steps"),
            _kind_count(points, "hold", "hold", "holds"),
            fig.plural(len(set(cuts)), "cut") if cuts else "",
        )
        if text
    ]
    if marked:
        parts.append(f"It has {fig.listed(marked)}.")
    if taken:
        parts.append(_taken_sentence(points, taken))
    if today is not None:
        found = _step_on(points, today)
        if found is not None:
            number, point = found
            parts.append(f"Today, {fig.day(today)}, is in step {number}: {fig.mg(point.de_mg)} mg a day.")
        elif today < first.start:
            parts.append(f"Today, {fig.day(today)}, is before the plan starts.")
        else:
            parts.append(f"Today, {fig.day(today)}, is after the plan's last day.")
    return " ".join(parts)


def taper_table(steps: Sequence[TaperPoint], taken: Sequence[TakenDose] = ()) -> list[tuple[str, ...]]:
    """The chart's data as a table (header first): one row per step with its planned DE and, when doses
    were logged, how many days were and their mean, plus a row for days logged before or after the plan."""
    points = _checked(steps)
    by_step: dict[int, list[float]] = {}
    for day, mg in taken:
        found = _step_on(points, day)
        # Days logged outside the plan go to row 0 (before it) or to the row after the last step.
        outside = 0 if day < points[0].start else len(points) + 1
        by_step.setdefault(outside if found is None else found[0], []).append(float(mg))
    header: tuple[str, ...] = ("Step", "From", "To", "Kind", "Planned (mg DE a day)")
    if taken:
        header += ("Days logged", "Taken, mean (mg DE a day)")

    def logged(number: int) -> tuple[str, ...]:
        if not taken:
            return ()
        values = by_step.get(number, [])
        return (str(len(values)), fig.mg(sum(values) / len(values)) if values else "")

    rows = [header]
    if 0 in by_step:
        rows.append(("Before the plan", "", "", "", "", *logged(0)))
    for number, point in enumerate(points, 1):
        to = point.start if point.days == 0 else point.end - dt.timedelta(days=1)
        kind = _KIND_NAMES.get(point.kind, point.kind)
        rows.append(
            (str(number), fig.day(point.start), fig.day(to), kind, fig.mg(point.de_mg), *logged(number))
        )
    if len(points) + 1 in by_step:
        rows.append(("After the plan", "", "", "", "", *logged(len(points) + 1)))
    return rows


def taper_svg(
    steps: Sequence[TaperPoint],
    today: dt.date | None = None,
    *,
    taken: Sequence[TakenDose] = (),
    cuts: Sequence[dt.date] = (),
    date_range: fig.DateRange | None = None,
    size: fig.ChartSize = "wide",
) -> str:
    """The taper chart as SVG text, byte-identical for the same input.

    ``steps`` are the plan's steps in order (at least one). ``taken`` are the days with a logged dose and
    that day's total in mg DE; ``cuts`` the days the dose is cut (``benzotaper.insights.cut_dates``, the
    same list the symptom chart takes). ``date_range`` (first and last day) is the span of the time axis,
    the plan's by default; give the symptom chart the same one and the two line up. ``today`` is marked
    when it is on the axis. Raises ValueError for no steps, steps out of date order or negative days.
    """
    points = _checked(steps)
    summary = taper_summary(points, today, taken=taken, cuts=cuts)
    last_day = _last_day(points)
    shown = date_range or (points[0].start, last_day)
    title = f"Taper plan: diazepam equivalent per day, {fig.day(points[0].start)} to {fig.day(last_day)}"

    def draw(axes: Axes) -> None:
        _draw(axes, points, today, taken, cuts, shown)

    return fig.render(draw, title, summary, "taper-chart", size)


def _draw(
    axes: Axes,
    points: list[TaperPoint],
    today: dt.date | None,
    taken: Sequence[TakenDose],
    cuts: Sequence[dt.date],
    shown: fig.DateRange,
) -> None:
    right = fig.date_limits(shown)[1]
    last_x = fig.x(_last_day(points))
    xs = [fig.x(p.start) for p in points] + [max(last_x, right)]
    ys = [float(p.de_mg) for p in points] + [float(points[-1].de_mg)]
    taken_days = sorted(taken)
    top = max([*ys, *(float(mg) for _, mg in taken_days)]) or 1.0
    # Lines first, so they come first in the legend (the shading is drawn beneath them all the same).
    # The planned line lies over the dots: a dot shows where a day was off the plan.
    axes.step(xs, ys, where="post", color=FOREGROUND, linewidth=2, label="Planned dose", zorder=3)
    if taken_days:
        axes.plot(
            [fig.x(day) for day, _ in taken_days],
            [float(mg) for _, mg in taken_days],
            linestyle="none",
            marker="o",
            markersize=fig.dot_size(len(taken_days), 3.5),
            color=_TAKEN_COLOUR,
            label="Dose taken",
            zorder=4,
        )
    for kind, colour, hatch, label in (
        ("crossover", _CROSSOVER_COLOUR, "//", "Crossover to diazepam"),
        ("hold", _HOLD_COLOUR, "\\\\", "Hold"),
    ):
        for number, (start, end) in enumerate(_spans(points, kind)):
            axes.axvspan(
                fig.x(start),
                fig.x(end),
                facecolor=fig.rgba(colour, 0.3),
                edgecolor=FOREGROUND,  # the hatch's colour
                hatch=hatch,
                linewidth=0,
                label=label if number == 0 else None,
            )
    fig.mark_cuts(axes, cuts, shown)
    fig.mark_today(axes, today, shown)
    found = _step_on(points, today)
    if found is not None and today is not None and fig.within(today, shown):
        axes.plot(
            [fig.x(today)], [float(found[1].de_mg)], "o", color=fig.TODAY_COLOUR, markersize=6, zorder=4
        )
    fig.date_axis(axes, shown)
    axes.set_ylim(0, top * 1.1)
    fig.grid(axes)
    axes.set_ylabel("Diazepam equivalent (mg/day)")
    fig.legend(axes)
