"""Charts: plain data in, SVG text out, one module per chart.

The same SVG is shown inline in the web page and embedded in the PDF report. Each chart is drawn with
matplotlib, imported only inside the drawing function, so importing this package costs nothing at
start-up. Output is byte-identical for the same input (fixed hash salt, no date in the metadata).

Every chart is safe under the web app's Content-Security-Policy (``style-src 'self'``): it has no
``<style>`` element and no ``style`` attribute, only SVG presentation attributes. Text and lines drawn in
the chart's foreground colour use ``currentColor``, so they follow the page's text colour (dark mode)
and are black in a document. Each carries a ``<title>`` and a ``<desc>`` for screen readers; a
``*_summary`` function gives the same facts as a sentence and a ``*_table`` function the data as rows
(header first) for a table beside the chart::

    from benzotaper.charts import TaperPoint, symptoms_svg, taper_svg

    points = [TaperPoint(dt.date(2027, 1, 4), 14, Decimal(20), "reduction"), ...]
    shown = (first_day, today)  # the same time axis for both, so they line up when stacked
    taper = taper_svg(points, today, taken=[(day, mg_de), ...], cuts=cuts, date_range=shown)
    segments = [(s.kind, s.start, s.end, s.mean_burden) for s in result.segments]
    symptoms = symptoms_svg(result.burden, segments, cuts, today, date_range=shown)

Every ``*_svg`` takes ``size``: "wide" (a desktop column, the PDF) or "phone" (drawn for a 360 px
screen, with type of at least 12 px there; see ``_figure``).

The charts: ``taper`` (planned and taken doses), ``symptoms`` (burden with windows and waves),
``cut_response`` (burden by days since a cut) and ``blood_level`` (an illustrative level curve).
"""

from benzotaper.charts._figure import CHART_SIZES, ChartSize, DateRange, warm_up
from benzotaper.charts.blood_level import (
    LevelCurveLike,
    Regimen,
    blood_level_summary,
    blood_level_svg,
    blood_level_table,
)
from benzotaper.charts.cut_response import (
    ChangesByDay,
    CutResponseLike,
    cut_response_summary,
    cut_response_svg,
    cut_response_table,
)
from benzotaper.charts.symptoms import BurdenLike, SegmentRow, symptoms_summary, symptoms_svg, symptoms_table
from benzotaper.charts.taper import TakenDose, TaperPoint, taper_summary, taper_svg, taper_table

__all__ = [
    "CHART_SIZES",
    "BurdenLike",
    "ChangesByDay",
    "ChartSize",
    "CutResponseLike",
    "DateRange",
    "LevelCurveLike",
    "Regimen",
    "SegmentRow",
    "TakenDose",
    "TaperPoint",
    "blood_level_summary",
    "blood_level_svg",
    "blood_level_table",
    "cut_response_summary",
    "cut_response_svg",
    "cut_response_table",
    "symptoms_summary",
    "symptoms_svg",
    "symptoms_table",
    "taper_summary",
    "taper_svg",
    "taper_table",
    "warm_up",
]
