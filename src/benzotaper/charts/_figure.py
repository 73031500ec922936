"""What every chart shares: the matplotlib set-up, the time axis, the marks for cuts and today, the words.

``render`` draws one chart: it imports matplotlib (only then, so nothing pays for it at start-up), holds
the lock (matplotlib's settings are global), applies the house settings, lets the chart draw on one pair
of axes and returns the finished SVG (see ``_svg``).

Every chart has the same size and the same fixed margins, not a layout fitted to its labels, so charts
stacked on a page line up: with the same ``date_range`` the taper and the symptom charts put the same day
at the same place (``date_axis`` sets the limits both use). The legend sits above the axes, where it
never hides the data.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import threading
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from benzotaper.charts._svg import FOREGROUND, finish_svg

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DateRange = tuple[dt.date, dt.date]
"""The first and the last day a time axis shows (both included)."""

TODAY_COLOUR = "#c2185b"
# Inches: small enough that the text stays readable on a phone, tall enough for a legend above.
_SIZE_INCHES = (5.2, 3.6)
# Fixed margins (inches): the y tick labels and axis label, the date labels, a legend of three rows.
_LEFT, _RIGHT, _BOTTOM, _TOP = 0.8, 0.2, 0.5, 0.62
# A time axis shows at least a week, so that its ticks are days and not hours.
_MIN_DAYS_SHOWN = 7
# Dates are drawn as days since this epoch (matplotlib's own default, set so it cannot drift).
_EPOCH = dt.date(1970, 1, 1)
_RC: dict[Any, Any] = {
    "date.epoch": "1970-01-01T00:00:00",
    "svg.fonttype": "none",  # real <text>, readable and searchable, not glyph outlines
    "svg.hashsalt": "benzotaper",  # fixed ids: the same data gives the same bytes
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
    "hatch.linewidth": 0.8,  # finer than the default 1.0, so a hatch does not hide the data over it
}
# matplotlib's settings are global; one chart at a time keeps a render from seeing another's.
_LOCK = threading.Lock()


def render(draw: Callable[[Axes], None], title: str, desc: str, id_prefix: str) -> str:
    """One chart as the house's SVG: ``draw`` draws on the axes; ``title`` and ``desc`` are what a
    screen reader announces; ``id_prefix`` starts every id, so charts on one page keep theirs apart."""
    with _LOCK:
        svg = _render(draw)
    return finish_svg(svg, title, desc, id_prefix)


def _render(draw: Callable[[Axes], None]) -> str:
    # Imported here, not at module level: matplotlib takes about a second to import and the server
    # and the command line must start without it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    width, height = _SIZE_INCHES
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=_SIZE_INCHES)
        figure.subplots_adjust(
            left=_LEFT / width, right=1 - _RIGHT / width, bottom=_BOTTOM / height, top=1 - _TOP / height
        )
        axes = figure.add_subplot()
        draw(axes)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()


def x(day: dt.date) -> float:
    """A day as matplotlib's date number."""
    return float((day - _EPOCH).days)


def rgba(colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """ "#3b7dd8" as matplotlib's (red, green, blue, alpha), each 0 to 1."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return red, green, blue, alpha


def date_range_of(days: Iterable[dt.date]) -> DateRange | None:
    """The first and last of ``days`` (None when there are none)."""
    every = list(days)
    return (min(every), max(every)) if every else None


def date_limits(shown: DateRange) -> tuple[float, float]:
    """The x-limits of a time axis showing ``shown``: a small margin either side, so the first and the
    last day are not drawn on the frame, and at least ``_MIN_DAYS_SHOWN`` days."""
    first, last = shown
    margin = max(1, (last - first).days // 40)
    widen = max(0, _MIN_DAYS_SHOWN - (last - first).days) / 2
    return x(first) - margin - widen, x(last) + margin + widen


def date_axis(axes: Axes, shown: DateRange | None) -> None:
    """The time axis every dated chart uses: the limits of ``date_limits``, concise date ticks, "Date".
    With nothing to show (None) the axis has no ticks."""
    from matplotlib import dates as mdates

    axes.set_xlabel("Date")
    if shown is None:
        axes.set_xticks([])
        return
    axes.set_xlim(*date_limits(shown))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def within(day: dt.date | None, shown: DateRange | None) -> bool:
    """Whether ``day`` is on a time axis showing ``shown``."""
    return day is not None and shown is not None and shown[0] <= day <= shown[1]


def mark_cuts(axes: Axes, cuts: Sequence[dt.date], shown: DateRange | None) -> None:
    """Each cut in ``shown`` as a thin dotted line from the bottom to the top of the axes (one artist for
    all of them, which draws faster than a line each: a two-year plan has dozens)."""
    days = sorted({c for c in cuts if within(c, shown)})
    if days:
        axes.vlines(
            [x(c) for c in days],
            0,
            1,
            transform=axes.get_xaxis_transform(),
            colors=[rgba(FOREGROUND, 0.45)],
            linestyles="dotted",
            linewidth=0.9,
            label="Cut" if len(days) == 1 else "Cuts",
        )


def mark_today(axes: Axes, today: dt.date | None, shown: DateRange | None) -> None:
    """Today as a dashed line, when it is on the axis."""
    if today is not None and within(today, shown):
        axes.axvline(
            x(today), color=TODAY_COLOUR, linestyle="--", linewidth=1.5, label=f"Today ({day(today)})"
        )


def legend(axes: Axes, columns: int = 3) -> None:
    """The legend above the axes, in as many rows as it needs (none when nothing is labelled)."""
    handles, labels = axes.get_legend_handles_labels()
    if handles:
        axes.legend(
            handles,
            labels,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.02, 1.0, 0.1),
            mode="expand",
            ncols=columns,
            fontsize=8,
            borderaxespad=0.0,
            handlelength=1.6,
            columnspacing=1.0,
        )


def message(axes: Axes, text: str) -> None:
    """A line of text in the middle of an empty chart, so it says why it is empty."""
    axes.text(0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", fontsize=10)


def grid(axes: Axes) -> None:
    axes.grid(axis="y", color=FOREGROUND, alpha=0.15, linewidth=0.8)


def day(value: dt.date) -> str:
    """4 Jan 2027."""
    return f"{value.day} {value:%b %Y}"


def mg(value: Decimal | float, places: int = 2) -> str:
    """20 -> "20", 12.50 -> "12.5", 0.125 -> "0.125"; a float is first rounded to ``places`` places."""
    exact = value if isinstance(value, Decimal) else Decimal(str(round(float(value), places)))
    return f"{exact.normalize():f}"


def points(value: float) -> str:
    """A burden (0-100) or a change in it, as a whole number: 31.6 -> "32", -0.4 -> "0"."""
    return str(round(value))


def floats(values: Iterable[float | None]) -> list[float]:
    """Numbers as floats, NaN for a missing one (None or NaN), so matplotlib leaves a gap there."""
    return [math.nan if value is None else float(value) for value in values]


def finite(value: float | None) -> bool:
    """A number that is there: not None and not NaN."""
    return value is not None and not math.isnan(value)


def listed(items: Sequence[str]) -> str:
    """["a"] -> "a"; ["a", "b", "c"] -> "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, noun: str) -> str:
    """plural(1, "cut") -> "1 cut"; plural(3, "cut") -> "3 cuts"."""
    return f"{count} {noun if count == 1 else noun + 's'}"
