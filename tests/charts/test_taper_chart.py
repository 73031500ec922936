"""The taper chart: valid, accessible, CSP-safe SVG, the same bytes for the same plan."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from benzotaper.charts import TaperPoint, taper_summary, taper_svg
from benzotaper.planning import Dose, PlanRequest, hold_step, make_plan

SVG = "{http://www.w3.org/2000/svg}"
START = dt.date(2027, 1, 4)


@pytest.fixture(scope="module")
def points() -> list[TaperPoint]:
    """Alprazolam 1 mg twice a day, crossed over to diazepam, with a two-week hold at step 6."""
    plan = make_plan(
        PlanRequest(
            regimen=(Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1))),
            start=START,
            crossover_to="diazepam",
        )
    )
    plan = hold_step(plan, 6, 14, "flu")
    return [TaperPoint(s.start, s.days, s.diazepam_equivalent_mg, s.kind) for s in plan.steps]


def test_it_draws_valid_svg(points: list[TaperPoint]) -> None:
    root = ET.fromstring(taper_svg(points, today=START + dt.timedelta(days=40)))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")


def test_two_renders_are_byte_identical(points: list[TaperPoint]) -> None:
    today = START + dt.timedelta(days=40)
    assert taper_svg(points, today) == taper_svg(points, today)


def test_it_has_a_title_and_a_description_for_screen_readers(points: list[TaperPoint]) -> None:
    root = ET.fromstring(taper_svg(points, today=START + dt.timedelta(days=40)))
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "4 Jan 2027" in (title.text or "")
    assert desc.text == taper_summary(points, START + dt.timedelta(days=40))


def test_the_summary_names_the_doses_the_marked_steps_and_today(points: list[TaperPoint]) -> None:
    summary = taper_summary(points, START + dt.timedelta(days=40))
    assert summary.startswith(
        "The planned diazepam equivalent goes from 40 mg a day on 4 Jan 2027 to 0 mg on"
    )
    assert "4 crossover steps (steps 1–4) and 1 hold (step 7)" in summary
    assert "Today, 13 Feb 2027, is in step" in summary


def test_the_axes_are_labelled_with_units_and_the_marks_are_in_the_legend(points: list[TaperPoint]) -> None:
    root = ET.fromstring(taper_svg(points, today=START + dt.timedelta(days=40)))
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    assert {"Date", "Diazepam equivalent (mg/day)", "Crossover to diazepam", "Hold"} <= texts
    assert "Today (13 Feb 2027)" in texts


def test_today_is_left_out_when_it_is_outside_the_plan(points: list[TaperPoint]) -> None:
    svg = taper_svg(points, today=dt.date(2020, 1, 1))
    assert "Today (" not in svg
    assert "before the plan starts" in svg


def test_it_needs_no_inline_css_so_the_page_policy_keeps_its_colours(points: list[TaperPoint]) -> None:
    svg = taper_svg(points)
    root = ET.fromstring(svg)
    assert root.find(f".//{SVG}style") is None
    assert all("style" not in element.attrib for element in root.iter())
    assert "currentColor" in svg  # axes and text follow the page's text colour
    assert not svg.startswith("<?xml")  # ready to place inside HTML


def test_it_handles_a_one_step_plan() -> None:
    stop_only = [TaperPoint(START, 0, Decimal(0), "stop")]
    root = ET.fromstring(taper_svg(stop_only, today=START))
    assert root.tag == f"{SVG}svg"
    one = [TaperPoint(START, 14, Decimal("2.5"), "reduction")]
    ET.fromstring(taper_svg(one))
    assert taper_summary(one) == (
        "The planned diazepam equivalent goes from 2.5 mg a day on 4 Jan 2027 "
        "to 2.5 mg by 18 Jan 2027, in 1 step."
    )


def test_it_refuses_no_steps_and_steps_out_of_order() -> None:
    with pytest.raises(ValueError, match="at least one step"):
        taper_svg([])
    late, early = (
        TaperPoint(START, 7, 5, "reduction"),
        TaperPoint(START - dt.timedelta(days=7), 7, 4, "reduction"),
    )
    with pytest.raises(ValueError, match="date order"):
        taper_svg([late, early])


def test_importing_the_charts_does_not_import_matplotlib() -> None:
    code = "import sys, benzotaper.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
