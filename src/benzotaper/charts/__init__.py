"""Charts: plain data in, SVG text out, one module per chart.

The same SVG is shown inline in the web page and embedded in the PDF report. Each chart is drawn with
matplotlib, imported only inside the drawing function, so importing this package costs nothing at
start-up. Output is byte-identical for the same input (fixed hash salt, no date in the metadata).

Every chart is safe under the web app's Content-Security-Policy (``style-src 'self'``): it has no
``<style>`` element and no ``style`` attribute, only SVG presentation attributes. Text and lines drawn in
the chart's foreground colour use ``currentColor``, so they follow the page's text colour (dark mode)
and are black in a document. Each carries a ``<title>`` and a ``<desc>`` for screen readers, and a
``*_summary`` function gives the same facts as a sentence::

    from benzotaper.charts import TaperPoint, taper_svg, taper_summary

    points = [TaperPoint(dt.date(2027, 1, 4), 14, Decimal(20), "reduction"), ...]
    svg = taper_svg(points, today=dt.date(2027, 2, 1))
"""

from benzotaper.charts.taper import TaperPoint, taper_summary, taper_svg

__all__ = ["TaperPoint", "taper_summary", "taper_svg"]
