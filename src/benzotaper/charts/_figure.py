"""What every chart shares: the matplotlib set-up, the time axis, the marks for cuts and today, the words.

``render`` draws one chart: it imports matplotlib (only then, so nothing pays for it at start-up), holds
the lock (matplotlib's settings are global), applies the house settings, lets the chart draw on one pair
of axes and returns the finished SVG (see ``_svg``).

Every chart has the same size and the same fixed margins, not a layout fitted to its labels, so charts
stacked on a page line up: with the same ``date_range`` the taper and the symptom charts put the same day
at the same place (``date_axis`` sets the limits both use). The legend sits above the axes, where it
never hides the data.

Two sizes (``ChartSize``): "wide" for a desktop column and the PDF, and "phone", drawn for a screen 360
px wide: 3.4 inches is 326 CSS px, the width of a phone's content column, so the chart is shown at
about its own size and its smallest text (9.5 pt, the legend) is 12.7 px on the screen. The phone chart
has fewer date ticks and its legend one entry a row, as tall as it needs. Dates on the axis read as
people write them ("3 Dec", "Jan 2027"), with the years in the axis label when the ticks leave them out.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import threading
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from benzotaper.charts._svg import FOREGROUND, finish_svg

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DateRange = tuple[dt.date, dt.date]
"""The first and the last day a time axis shows (both included)."""
ChartSize = Literal["wide", "phone"]
CHART_SIZES: tuple[ChartSize, ...] = ("wide", "phone")

TODAY_COLOUR = "#c2185b"
# Inches, and fixed margins (left, right, bottom, top: the y tick labels and axis label, the date labels,
# a legend of up to three rows above) for each size.
_SIZES: dict[str, tuple[tuple[float, float], tuple[float, float, float, float]]] = {
    "wide": ((5.2, 3.6), (0.8, 0.2, 0.5, 0.62)),
    "phone": ((3.4, 3.9), (0.62, 0.12, 0.55, 1.05)),
}
# Type sizes in points; at the phone size a point is 1.33 CSS px on a 360 px screen (see above).
_TYPE: dict[str, dict[Any, float]] = {
    "wide": {"font.size": 11, "legend.fontsize": 8},
    "phone": {"font.size": 10, "legend.fontsize": 9.5, "xtick.labelsize": 9.5, "ytick.labelsize": 9.5},
}
# Most date ticks on the axis: a phone's axis has room for five short labels ("1 Feb") side by side.
_MAX_DATE_TICKS = {"wide": 7, "phone": 5}
# With this many days with a value or fewer, the dots are drawn large: a single day must be seen.
FEW_DAYS = 7
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
# The size being drawn (set under the lock by ``render``, read by the helpers below).
_drawing: list[ChartSize] = ["wide"]


def render(
    draw: Callable[[Axes], None], title: str, desc: str, id_prefix: str, size: ChartSize = "wide"
) -> str:
    """One chart as the house's SVG: ``draw`` draws on the axes; ``title`` and ``desc`` are what a
    screen reader announces; ``id_prefix`` starts every id, so charts on one page keep theirs apart
    (a phone chart's ids start with ``id_prefix``-phone, so both sizes can be on one page)."""
    if size not in CHART_SIZES:
        raise ValueError(f"chart size {size!r} is not one of {', '.join(CHART_SIZES)}")
    with _LOCK:
        _drawing[0] = size
        try:
            svg = _render(draw, size)
        finally:
            _drawing[0] = "wide"
    return finish_svg(svg, title, desc, id_prefix if size == "wide" else f"{id_prefix}-phone")


def phone() -> bool:
    """Whether the chart being drawn is the phone's."""
    return _drawing[0] == "phone"


def small_type() -> float:
    """The size (points) of the smallest text of the chart being drawn: the legend's, and notes'."""
    return _TYPE[_drawing[0]]["legend.fontsize"]


def dot_size(count: int, usual: float) -> float:
    """The size of a data dot: ``usual``, or large when there are ``FEW_DAYS`` dots or fewer."""
    return max(usual, 6.0) if count <= FEW_DAYS else usual


def warm_up() -> None:
    """Import matplotlib and draw a blank chart, so the first real chart does not pay for it (about a
    second: the import, the SVG backend and the font list). The server calls this in a background thread
    when it starts; nothing else should."""
    _render(lambda axes: None, "wide")


def _render(draw: Callable[[Axes], None], size: ChartSize) -> str:
    # Imported here, not at module level: matplotlib takes about a second to import and the server
    # and the command line must start without it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    (width, height), (left, right, bottom, top) = _SIZES[size]
    with matplotlib.rc_context({**_RC, **_TYPE[size]}):
        figure = Figure(figsize=(width, height))
        figure.subplots_adjust(
            left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
        )
        axes = figure.add_subplot()
        draw(axes)
        if size == "phone":
            _fit_legend_above(figure, axes, (width, height), (left, right, bottom, top))
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()


# On a phone the legend has one entry a row (two side by side would overlap), and the chart grows
# taller by the rows it needs, so the plot keeps its height. Inches per row of 9.5 pt text.
_PHONE_LEGEND_ROW = 0.2


def _fit_legend_above(
    figure: Any, axes: Axes, size: tuple[float, float], margins: tuple[float, float, float, float]
) -> None:
    """Grow a phone chart's top margin to its legend's rows (see ``_PHONE_LEGEND_ROW``)."""
    (width, height), (left, right, bottom, top) = size, margins
    rows = len(axes.get_legend_handles_labels()[1])
    needed = 0.25 + rows * _PHONE_LEGEND_ROW
    total = height - top + needed
    figure.set_size_inches(width, total)
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / total, top=1 - needed / total
    )


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
    """The time axis every dated chart uses: the limits of ``date_limits`` and date ticks as people
    write dates: "3 Dec" over a few months (the year in the axis label, "Date (2026)"), "Jan 2027" over
    longer spans. With nothing to show (None) the axis has no ticks."""
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter

    if shown is None:
        axes.set_xlabel("Date")
        axes.set_xticks([])
        return
    low, high = date_limits(shown)
    axes.set_xlim(low, high)
    most = _MAX_DATE_TICKS[_drawing[0]]
    locator = mdates.AutoDateLocator(minticks=2, maxticks=most)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    by_day = high - low <= _DAY_TICKS_UP_TO_DAYS
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: tick_text(value, by_day)))
    years = sorted({shown[0].year, shown[1].year})
    axes.set_xlabel(f"Date ({'–'.join(str(y) for y in years)})" if by_day else "Date")


# Up to about four months, ticks name days ("3 Dec"); beyond, months ("Jan 2027").
_DAY_TICKS_UP_TO_DAYS = 125


def tick_text(value: float, by_day: bool) -> str:
    """A date tick: "3 Dec" (``by_day``) or "Jan 2027"."""
    when = _EPOCH + dt.timedelta(days=round(value))
    return f"{when.day} {when:%b}" if by_day else f"{when:%b %Y}"


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
            ncols=1 if phone() else columns,
            borderaxespad=0.0,
            handlelength=1.6,
            columnspacing=1.0,
        )


def message(axes: Axes, text: str) -> None:
    """A line of text in the middle of an empty chart, so it says why it is empty."""
    axes.text(0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", wrap=True)


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
