"""The phone rendering of every chart is readable on a 360 px screen: no text under 12 px there, a
date axis that reads as dates, and a single day's value that can be seen."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from chart_checks import SVG, house_svg, sample_svgs, texts, x_ticks

from benzotaper.charts import TaperPoint, symptoms_svg, taper_svg
from benzotaper.insights import BurdenSeries

# A 360 px phone with the page's 16 px margins shows a chart 328 px wide.
PHONE_COLUMN_PX = 328


def screen_px_per_unit(root: ET.Element) -> float:
    """CSS px on the phone per SVG unit, for a chart shown at the column's width (or its own, if less)."""
    width_pt = float((root.get("width") or "0").removesuffix("pt"))
    shown = min(PHONE_COLUMN_PX, width_pt * 4 / 3)
    return shown / float((root.get("viewBox") or "0 0 1 1").split()[2])


@pytest.mark.parametrize("name", ["taper", "symptoms", "cut_response", "blood_level"])
def test_no_text_is_under_12_px_on_a_360_px_phone(name: str) -> None:
    root = house_svg(sample_svgs("phone")[name])
    scale = screen_px_per_unit(root)
    sizes = [float(t.get("font-size", "0").removesuffix("px")) * scale for t in root.iter(f"{SVG}text")]
    assert sizes and min(sizes) >= 12, (name, min(sizes))
    assert "-phone-title" in (root.get("aria-labelledby") or "")  # its own ids, beside the wide chart


@pytest.mark.parametrize("name", ["taper", "symptoms", "cut_response", "blood_level"])
def test_the_wide_rendering_is_unchanged_in_kind(name: str) -> None:
    root = house_svg(sample_svgs("wide")[name])
    assert "phone" not in (root.get("aria-labelledby") or "")


def test_date_ticks_read_as_dates_over_weeks_and_months() -> None:
    root = house_svg(sample_svgs("phone")["taper"])  # 120 days
    labels = [label for label, _ in x_ticks(root)]
    assert 3 <= len(labels) <= 5
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", label) for label in labels), labels
    assert "Date (2027)" in texts(root)
    steps = [TaperPoint(dt.date(2027, 1, 4), 400, Decimal(10), "reduction")]
    long = house_svg(taper_svg(steps, size="phone"))
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", label) for label, _ in x_ticks(long))


def test_a_single_day_is_a_dot_that_can_be_seen() -> None:
    day = dt.date(2026, 12, 3)
    root = house_svg(symptoms_svg(BurdenSeries.from_values(day, [40.0]), today=day, size="phone"))
    labels = [label for label, _ in x_ticks(root)]
    assert labels and all(re.fullmatch(r"\d{1,2} (Nov|Dec)", label) for label in labels), labels
    marker = next(p for p in root.iter(f"{SVG}path") if p.get("id") and " C " in p.get("d", ""))  # a dot
    box = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", marker.get("d", ""))]
    radius_px = (max(box) - min(box)) / 2 * screen_px_per_unit(root)
    assert radius_px >= 3.5  # at least a 7 px dot on the phone


def test_an_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="chart size 'huge'"):
        taper_svg([TaperPoint(dt.date(2027, 1, 4), 10, Decimal(10), "reduction")], size="huge")  # type: ignore[arg-type]
