"""The blood-level chart: an *illustrative* estimate of the drug in the body over the days, in diazepam
equivalents, for one regimen or two side by side (say, the current one and the one after a crossover).

The curves come from ``benzotaper.insights.blood_level_curve``: a model with typical half-lives, whose
unit is mg diazepam equivalent (DE) a day at steady state, so that a curve averages the daily DE once
settled and drugs compare on one axis. Real half-lives vary several-fold between people, so the chart
says "Illustrative" in its title, its description and on the chart itself: it shows the *shape* (how far
levels swing between doses, how long they take to settle), never a level to dose by.

Input is plain data: (label, curve) pairs, the curve as ``benzotaper.insights.PkCurve`` gives it (any
object with ``hours`` and ``total`` will do, see ``LevelCurveLike``). The result is SVG text (see
``benzotaper.charts``).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Protocol

from benzotaper.charts import _figure as fig
from benzotaper.charts._svg import FOREGROUND

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_SECOND_COLOUR = "#3b7dd8"
_ON_CHART = "Illustrative: typical half-lives, not a level to dose by"
_HOURS_A_DAY = 24
# Levels to a tenth of a mg: the model's figures are typical values, so more places would be false precision.
_PLACES = 1


class LevelCurveLike(Protocol):
    """An estimated level over time (``benzotaper.insights.PkCurve`` is one): ``hours`` from midnight
    of the first day and the ``total`` level at each, in mg DE a day at steady state."""

    @property
    def hours(self) -> Collection[float]: ...

    @property
    def total(self) -> Collection[float]: ...


Regimen = tuple[str, LevelCurveLike]
"""A regimen's label ("Now: alprazolam 1 mg twice a day") and its curve."""


def _checked(regimens: Sequence[Regimen]) -> list[tuple[str, list[float], list[float]]]:
    """The regimens as (label, hours, levels) lists."""
    if len(regimens) > 2:
        raise ValueError("The blood-level chart compares one or two regimens.")
    checked = []
    for label, curve in regimens:
        hours, levels = [float(h) for h in curve.hours], [float(v) for v in curve.total]
        if len(hours) != len(levels):
            raise ValueError(f"{label}: a curve needs one level for each hour.")
        checked.append((label, hours, levels))
    return checked


def _days(hours: list[float]) -> int:
    """How many days the curve covers: a curve over 14 days ends at hour 336, the first hour of a 15th."""
    return max(1, math.ceil(hours[-1] / _HOURS_A_DAY)) if hours else 0


def _day_levels(hours: list[float], levels: list[float], day: int) -> list[float]:
    """The levels in day ``day`` (0 is the first), from its midnight to the next."""
    start, end = day * _HOURS_A_DAY, (day + 1) * _HOURS_A_DAY
    return [level for hour, level in zip(hours, levels, strict=True) if start <= hour < end]


def _level(value: float) -> str:
    return fig.mg(value, _PLACES)


def _last_day_sentence(label: str, hours: list[float], levels: list[float]) -> str:
    if not hours:
        return f"{label}: no curve."
    day = _days(hours) - 1
    shown = _day_levels(hours, levels, day)
    low, high = min(shown), max(shown)
    swing = f"; the highest is {high / low:.1f} times the lowest" if low > 0 else ""
    return (
        f"{label}: on day {day + 1} the estimated level averages {_level(sum(shown) / len(shown))} mg, "
        f"between {_level(low)} and {_level(high)} mg{swing}."
    )


def blood_level_summary(regimens: Sequence[Regimen], note: str | None = None) -> str:
    """The chart's facts as text, for the SVG's ``<desc>`` and for anyone who cannot see the chart.
    ``note`` (``PkCurve.note``) is added at the end."""
    checked = _checked(regimens)
    parts = [
        "Illustrative estimate of the drug in the body, in mg diazepam equivalent a day "
        "(at steady state a curve averages the daily dose)."
    ]
    if not checked:
        parts.append("No regimen to show.")
    parts.extend(_last_day_sentence(label, hours, levels) for label, hours, levels in checked)
    if note:
        parts.append(note)
    return " ".join(parts)


def blood_level_table(regimens: Sequence[Regimen]) -> list[tuple[str, ...]]:
    """The chart's data as a table (header first): one row per day with each regimen's lowest, average
    and highest estimated level, in mg DE."""
    checked = _checked(regimens)
    header: tuple[str, ...] = ("Day",)
    for label, _, _ in checked:
        header += (f"{label}: lowest (mg)", f"{label}: average (mg)", f"{label}: highest (mg)")
    rows = [header]
    for day in range(max((_days(hours) for _, hours, _ in checked), default=0)):
        row: tuple[str, ...] = (str(day + 1),)
        for _, hours, levels in checked:
            shown = _day_levels(hours, levels, day)
            row += (
                (_level(min(shown)), _level(sum(shown) / len(shown)), _level(max(shown)))
                if shown
                else ("", "", "")
            )
        rows.append(row)
    return rows


def blood_level_svg(
    regimens: Sequence[Regimen], note: str | None = None, size: fig.ChartSize = "wide"
) -> str:
    """The blood-level chart as SVG text, byte-identical for the same input.

    ``regimens`` are one or two (label, curve) pairs (``benzotaper.insights.blood_level_curve`` for
    each regimen, over the same number of days); ``note`` the model's caveat (``PkCurve.note``), added to
    the description. With no regimen the chart says so. Raises ValueError for more than two regimens.
    """
    checked = _checked(regimens)
    summary = blood_level_summary(regimens, note)
    labels = [label for label, _, _ in checked]
    title = "Illustrative blood level, diazepam equivalent" + (f": {' and '.join(labels)}" if labels else "")

    def draw(axes: Axes) -> None:
        _draw(axes, checked)

    return fig.render(draw, title, summary, "blood-level-chart", size)


def _draw(axes: Axes, checked: list[tuple[str, list[float], list[float]]]) -> None:
    from matplotlib.ticker import MaxNLocator

    styles: tuple[tuple[str, str | tuple[int, tuple[int, int]]], ...] = (
        (FOREGROUND, "-"),
        (_SECOND_COLOUR, (0, (5, 2))),  # dashed as well as coloured, told apart without colour
    )
    top = 0.0
    for (label, hours, levels), (colour, linestyle) in zip(checked, styles, strict=False):
        days = [hour / _HOURS_A_DAY for hour in hours]
        axes.plot(days, levels, color=colour, linestyle=linestyle, linewidth=2, label=label)
        top = max(top, *levels) if levels else top
    if not any(hours for _, hours, _ in checked):
        fig.message(axes, "No regimen to show")
    last = max((hours[-1] / _HOURS_A_DAY for _, hours, _ in checked if hours), default=1.0)
    axes.set_xlim(0, max(last, 1.0))
    # Head-room above the highest curve for the note, which must never be hidden.
    # On a phone the note takes two lines, so the head-room is larger.
    axes.set_ylim(0, (top or 1.0) * (1.45 if fig.phone() else 1.3))
    axes.text(
        0.01,
        0.97,
        textwrap.fill(_ON_CHART, 34) if fig.phone() else _ON_CHART,
        transform=axes.transAxes,
        ha="left",
        va="top",
        fontsize=fig.small_type(),
        style="italic",
    )
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("Days")
    axes.set_ylabel("Level (mg DE a day)")
    fig.grid(axes)
    fig.legend(axes, columns=1)  # a regimen's label can be long
