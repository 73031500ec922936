"""The taper chart: the planned diazepam equivalent (DE, mg per day) over the days of a plan.

The DE is drawn as a step line (it changes on the first day of each step and stays level for the step).
Crossover and hold steps are shaded with a hatch as well as a colour, so they are told apart without
colour; today is a dashed line with a dot on the planned dose. Input is plain data (``TaperPoint``, one
per step, in order); the result is SVG text (see ``benzotaper.charts``).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from benzotaper.charts._svg import FOREGROUND, finish_svg

_CROSSOVER_COLOUR = "#3b7dd8"
_HOLD_COLOUR = "#d98a1c"
_TODAY_COLOUR = "#c2185b"
_SIZE_INCHES = (5.2, 3.2)  # small enough that its text stays readable on a phone
# Dates are drawn as days since this epoch (matplotlib's own default, set so it cannot drift).
_EPOCH = dt.date(1970, 1, 1)
_RC: dict[Any, Any] = {
    "date.epoch": "1970-01-01T00:00:00",
    "svg.fonttype": "none",  # real <text>, readable and searchable, not glyph outlines
    "svg.hashsalt": "benzotaper",  # fixed ids: the same plan gives the same bytes
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 11,
    "text.color": FOREGROUND,
    "axes.edgecolor": FOREGROUND,
    "axes.labelcolor": FOREGROUND,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": FOREGROUND,
    "ytick.color": FOREGROUND,
    "legend.frameon": False,
}
# matplotlib's settings are global; one chart at a time keeps a render from seeing another's.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TaperPoint:
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


def _today_point(points: Sequence[TaperPoint], today: dt.date | None) -> tuple[int, TaperPoint] | None:
    """The step (number from 1, and the step) in effect today, or None outside the plan."""
    if today is None or today < points[0].start or today > _last_day(points):
        return None
    current = None
    for number, point in enumerate(points, 1):
        if point.start <= today:
            current = (number, point)
    return current


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


def _x(day: dt.date) -> float:
    """A day as matplotlib's date number."""
    return float((day - _EPOCH).days)


def _rgb(colour: str) -> tuple[float, float, float]:
    """ "#3b7dd8" as matplotlib's (red, green, blue), each 0 to 1."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return red, green, blue


def _mg(value: Decimal | float) -> str:
    """20 -> "20", 12.50 -> "12.5", 0.125 -> "0.125"."""
    number = Decimal(str(value)).normalize()
    return f"{number:f}"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


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


def taper_summary(steps: Sequence[TaperPoint], today: dt.date | None = None) -> str:
    """The chart's facts as text, for the SVG's ``<desc>`` and for anyone who cannot see the chart."""
    points = _checked(steps)
    first, last = points[0], points[-1]
    count = f"{len(points)} step{'s' if len(points) != 1 else ''}"
    ends = f"on {_day(last.start)}" if last.kind == "stop" else f"by {_day(_last_day(points))}"
    parts = [
        f"The planned diazepam equivalent goes from {_mg(first.de_mg)} mg a day on {_day(first.start)} "
        f"to {_mg(last.de_mg)} mg {ends}, in {count}."
    ]
    marked = [
        text
        for text in (
            _kind_count(points, "crossover", "crossover step", "crossover steps"),
            _kind_count(points, "hold", "hold", "holds"),
        )
        if text
    ]
    if marked:
        parts.append(f"It has {' and '.join(marked)}.")
    if today is not None:
        found = _today_point(points, today)
        if found is not None:
            number, point = found
            parts.append(f"Today, {_day(today)}, is in step {number}: {_mg(point.de_mg)} mg a day.")
        elif today < first.start:
            parts.append(f"Today, {_day(today)}, is before the plan starts.")
        else:
            parts.append(f"Today, {_day(today)}, is after the plan's last day.")
    return " ".join(parts)


def taper_svg(steps: Sequence[TaperPoint], today: dt.date | None = None) -> str:
    """The taper chart as SVG text, byte-identical for the same input.

    ``steps`` are the plan's steps in order (at least one); ``today`` is marked when it falls within
    the plan. Raises ValueError for no steps, steps out of date order or negative days.
    """
    points = _checked(steps)
    summary = taper_summary(points, today)
    last_day = _last_day(points)
    title = f"Taper plan: diazepam equivalent per day, {_day(points[0].start)} to {_day(last_day)}"
    with _LOCK:
        svg = _draw(points, today, last_day)
    return finish_svg(svg, title, summary, "taper-chart")


def _draw(points: list[TaperPoint], today: dt.date | None, last_day: dt.date) -> str:
    # Imported here, not at module level: matplotlib takes about a second to import and the server
    # and the command line must start without it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure

    total_days = max((last_day - points[0].start).days, 1)
    margin = dt.timedelta(days=max(1, total_days // 40))
    xs = [_x(p.start) for p in points] + [_x(last_day + margin)]
    ys = [float(p.de_mg) for p in points] + [float(points[-1].de_mg)]
    top = max(ys) or 1.0

    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=_SIZE_INCHES)
        axes = figure.add_subplot()
        for kind, colour, hatch, label in (
            ("crossover", _CROSSOVER_COLOUR, "//", "Crossover to diazepam"),
            ("hold", _HOLD_COLOUR, "\\\\", "Hold"),
        ):
            for number, (start, end) in enumerate(_spans(points, kind)):
                axes.axvspan(
                    _x(start),
                    _x(end),
                    facecolor=(*_rgb(colour), 0.3),
                    edgecolor=FOREGROUND,  # the hatch's colour
                    hatch=hatch,
                    linewidth=0,
                    label=label if number == 0 else None,
                )
        axes.step(xs, ys, where="post", color=FOREGROUND, linewidth=2, label="Planned dose")
        found = _today_point(points, today)
        if found is not None and today is not None:
            axes.axvline(
                _x(today),
                color=_TODAY_COLOUR,
                linestyle="--",
                linewidth=1.5,
                label=f"Today ({_day(today)})",
            )
            axes.plot([_x(today)], [float(found[1].de_mg)], "o", color=_TODAY_COLOUR, markersize=6)
        axes.set_xlim(_x(points[0].start - margin), _x(last_day + margin))
        axes.set_ylim(0, top * 1.1)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        axes.grid(axis="y", color=FOREGROUND, alpha=0.15, linewidth=0.8)
        axes.set_xlabel("Date")
        axes.set_ylabel("Diazepam equivalent (mg/day)")
        axes.legend(loc="best", fontsize=9)  # the emptiest corner, so it never hides the line
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()
