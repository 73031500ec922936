"""What every chart must be, checked in one place, and small inputs for every chart.

``house_svg`` asserts the rules all charts keep (see ``benzotaper.charts``); ``sample_svgs`` draws each
chart from small fixed inputs, here and in a fresh process, to show the bytes do not depend on the process.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
START = dt.date(2027, 1, 4)


def house_svg(svg: str) -> ET.Element:
    """Assert that ``svg`` is valid, accessible, CSP-safe and ready to place in HTML; return its root."""
    assert not svg.startswith("<?xml")  # ready to place inside HTML
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert (title.text or "").strip() and (desc.text or "").strip()
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.find(f".//{SVG}style") is None
    assert all("style" not in element.attrib for element in root.iter())
    assert "currentColor" in svg  # axes and text follow the page's text colour
    return root


def texts(root: ET.Element) -> set[str]:
    """Every text drawn on the chart (tick labels, axis labels, legend, notes)."""
    return {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}


def x_ticks(root: ET.Element) -> list[tuple[str, float]]:
    """The x-axis ticks as (label, position in the SVG)."""
    ticks = []
    for group in root.iter(f"{SVG}g"):
        if re.search(r"-xtick_\d+$", group.get("id") or ""):  # the chart's prefix, then matplotlib's id
            mark = next(group.iter(f"{SVG}use"))
            ticks.append(
                (
                    "".join("".join(t.itertext()) for t in group.iter(f"{SVG}text")),
                    float(mark.get("x", "nan")),
                )
            )
    return ticks


def assert_table(rows: list[tuple[str, ...]]) -> None:
    """A table is a header and rows of text, all as wide as the header."""
    assert rows, "a table has at least its header"
    assert all(isinstance(cell, str) for row in rows for cell in row)
    assert {len(row) for row in rows} == {len(rows[0])}
    assert all(rows[0]), "every column has a heading"


@dataclass(frozen=True)
class Curve:
    """A level curve as the blood-level chart takes it (``PkCurve`` has the same two attributes)."""

    hours: list[float]
    total: list[float]


def daily_wave(days: int = 3, mean: float = 10.0, swing: float = 5.0) -> Curve:
    """A level that swings around ``mean`` once a day, every quarter of an hour."""
    hours = [h / 4 for h in range(4 * 24 * days + 1)]
    return Curve(hours, [mean + swing * math.cos(h / 24 * 2 * math.pi) for h in hours])


def burden_values(days: int = 120) -> list[float]:
    """A steady burden of about 30 with a wave from day 40 to 60 and a gap from day 80 to 90."""
    values = []
    for i in range(days):
        level = 65.0 if 40 <= i < 60 else 30.0
        values.append(math.nan if 80 <= i < 90 or i % 11 == 5 else level + 6 * math.sin(i * 1.7))
    return values


def sample_svgs(size: str = "wide") -> dict[str, str]:
    """Each chart drawn from small fixed inputs, at ``size``."""
    from benzotaper.charts import (
        TaperPoint,
        blood_level_svg,
        cut_response_svg,
        symptoms_svg,
        taper_svg,
    )
    from benzotaper.insights import BurdenSeries, cut_response, segments

    today = START + dt.timedelta(days=100)
    steps = [
        TaperPoint(START, 28, Decimal(20), "crossover"),
        TaperPoint(START + dt.timedelta(days=28), 14, Decimal(18), "reduction"),
        TaperPoint(START + dt.timedelta(days=42), 14, Decimal(18), "hold"),
        TaperPoint(START + dt.timedelta(days=56), 60, Decimal("16.5"), "reduction"),
        TaperPoint(START + dt.timedelta(days=116), 0, Decimal(0), "stop"),
    ]
    cuts = [START + dt.timedelta(days=d) for d in (28, 56, 116)]
    taken = [(START + dt.timedelta(days=d), 20.0 if d < 28 else 18.0) for d in range(0, 50, 2)]
    series = BurdenSeries.from_values(START, burden_values())
    rows = [(s.kind, s.start, s.end, s.mean_burden) for s in segments(series)]
    shown = (START, START + dt.timedelta(days=119))
    renders: dict[str, Callable[[], str]] = {
        "taper": lambda: taper_svg(steps, today, taken=taken, cuts=cuts, date_range=shown, size=size),  # type: ignore[arg-type]
        "symptoms": lambda: symptoms_svg(series, rows, cuts, today, shown, size=size),  # type: ignore[arg-type]
        "cut_response": lambda: cut_response_svg(cut_response(series, cuts), size=size),  # type: ignore[arg-type]
        "blood_level": lambda: blood_level_svg([("Now", daily_wave())], "A note.", size=size),  # type: ignore[arg-type]
    }
    return {name: render() for name, render in renders.items()}
