"""A plan (``planning.plan_to_dict`` output, as previewed or saved) laid out for the plan pages.

Everything is read from the plan's JSON, never recomputed, so a saved plan always shows what it said when
it was saved. The chart is drawn here on demand (matplotlib is imported by ``taper_svg`` only then) and
kept with the person's other drawn charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from benzotaper.charts import TaperPoint, taper_summary, taper_svg
from benzotaper.knowledge import TIMES_OF_DAY, FormKind
from benzotaper.planning import decimal_text, form_text
from benzotaper.web.insights.chart_store import Chart, digest, kept_chart

if TYPE_CHECKING:
    from benzotaper.web.insights.data import Person

KIND_NAMES = {"crossover": "Crossover", "reduction": "Cut", "hold": "Hold", "stop": "Stop"}


@dataclass(frozen=True)
class DoseCell:
    drug: str
    mg: str
    make: str
    time: str = ""


@dataclass(frozen=True)
class StepRow:
    number: int
    start: dt.date
    end: dt.date
    days: int
    kind: str
    kind_name: str
    note: str
    cells: tuple[tuple[DoseCell, ...], ...]
    """The doses at each of the plan's times of day, in ``PlanDisplay.times`` order."""
    de_mg: str
    cut_percent: str
    current: bool
    warned: bool
    times: tuple[str, ...] = ()
    """The plan's times of day (``PlanDisplay.times``), one for each of ``cells``."""

    @property
    def timed_cells(self) -> tuple[tuple[str, tuple[DoseCell, ...]], ...]:
        """(time of day, doses) for each of ``cells``."""
        return tuple(zip(self.times, self.cells, strict=True))

    @property
    def doses(self) -> tuple[DoseCell, ...]:
        """Every dose of the step in the order of the day (each knows its time of day)."""
        return tuple(dose for cell in self.cells for dose in cell)


@dataclass(frozen=True)
class WarningLine:
    message: str
    steps: str


@dataclass(frozen=True)
class SupplyPeriodLine:
    start: dt.date
    end: dt.date
    items: tuple[str, ...]


@dataclass(frozen=True)
class PlanDisplay:
    start: dt.date
    end: dt.date
    times: tuple[str, ...]
    rows: tuple[StepRow, ...]
    current: StepRow | None
    next_step: StepRow | None
    warnings: tuple[WarningLine, ...]
    overrides: tuple[str, ...]
    method_note: str
    knowledge_version: str
    disclaimer: str
    replanned_from: str | None
    forms: tuple[str, ...]
    supply: tuple[SupplyPeriodLine, ...]
    today: dt.date | None
    chart_svg: str
    chart_summary: str
    chart_phone_svg: str = ""
    """The chart drawn for a phone (shown instead below 600 px wide)."""


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def current_step_number(plan_json: Mapping[str, Any], today: dt.date) -> int | None:
    """The step in effect on ``today``: None before the plan starts, the stop step once it has ended."""
    number = None
    for step in plan_json["steps"]:
        if _day(step["start"]) <= today:
            number = int(step["number"])
    return number


def chart_points(plan_json: Mapping[str, Any]) -> list[TaperPoint]:
    return [
        TaperPoint(_day(s["start"]), int(s["days"]), Decimal(s["diazepam_equivalent_mg"]), s["kind"])
        for s in plan_json["steps"]
    ]


def _steps_text(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    return ("Step " if len(numbers) == 1 else "Steps ") + ", ".join(str(n) for n in numbers)


def _supply_item(item: Mapping[str, Any]) -> str:
    form = form_text(cast(FormKind, item["form"]), Decimal(item["strength_mg"]))
    if item["unit"] == "ml":
        return f"{item['drug']}: {item['quantity']} ml of {form}"
    return f"{item['drug']}: {item['quantity']} × {form}"


def plan_display(
    plan_json: Mapping[str, Any], today: dt.date | None, chart: bool = True, person: Person | None = None
) -> PlanDisplay:
    """The plan's table, warnings, supply and chart; ``today`` marks the current step. The chart of a
    saved plan is kept for ``person`` (``chart_store``); a preview's is drawn each time."""
    steps = plan_json["steps"]
    times = tuple(t for t in TIMES_OF_DAY if any(d["time"] == t for s in steps for d in s["doses"]))
    warned = {int(n) for w in plan_json["warnings"] for n in w["steps"]}
    current_number = current_step_number(plan_json, today) if today else None
    rows = tuple(
        StepRow(
            number=int(s["number"]),
            start=_day(s["start"]),
            end=_day(s["end"]),
            days=int(s["days"]),
            kind=s["kind"],
            kind_name=KIND_NAMES.get(s["kind"], s["kind"]),
            note=s["note"],
            cells=tuple(
                tuple(
                    DoseCell(d["drug"], d["mg"], d["make_text"], time)
                    for d in s["doses"]
                    if d["time"] == time
                )
                for time in times
            ),
            de_mg=s["diazepam_equivalent_mg"],
            cut_percent=s["cut_percent"],
            current=int(s["number"]) == current_number,
            warned=int(s["number"]) in warned,
            times=times,
        )
        for s in steps
    )
    current = next((row for row in rows if row.current), None)
    next_step = next((row for row in rows if current and row.number == current.number + 1), None)
    if today is not None and current is None and rows:
        next_step = rows[0]  # before the plan starts, the first step is next
    points = chart_points(plan_json)
    drawn = taper_chart(points, today, person) if chart else Chart("", "")
    return PlanDisplay(
        start=_day(plan_json["start"]),
        end=_day(plan_json["end"]),
        times=times,
        rows=rows,
        current=current,
        next_step=next_step,
        warnings=tuple(
            WarningLine(w["message"], _steps_text([int(n) for n in w["steps"]]))
            for w in plan_json["warnings"]
        ),
        overrides=tuple(o["reason"] for o in plan_json["overrides"]),
        method_note=plan_json["method_note"],
        knowledge_version=plan_json["knowledge_version"],
        disclaimer=plan_json["disclaimer"],
        replanned_from=plan_json.get("replanned_from"),
        forms=tuple(
            f"{f['drug']} {form_text(cast(FormKind, f['form']), Decimal(f['strength_mg']))}"
            + (" (scored: may be halved)" if f["scored"] else "")
            for f in plan_json["forms"]
        ),
        supply=tuple(
            SupplyPeriodLine(_day(p["start"]), _day(p["end"]), tuple(_supply_item(i) for i in p["items"]))
            for p in plan_json["supply"]
        ),
        today=today,
        chart_svg=drawn.svg,
        chart_summary=taper_summary(points, today),
        chart_phone_svg=drawn.phone_svg,
    )


def taper_chart(points: Sequence[TaperPoint], today: dt.date | None, person: Person | None) -> Chart:
    """The plan's taper chart, wide and for a phone: kept for ``person`` by the plan's content (its
    points) and ``today``, or drawn when there is no one to keep it for."""

    def drawn() -> Chart:
        return Chart(taper_svg(points, today), "", phone_svg=taper_svg(points, today, size="phone"))

    if person is None:
        return drawn()
    return kept_chart(person, f"plan:{digest(points)[:16]}", (points, today), drawn)


def decimal_mg(value: Decimal) -> str:
    """An amount as the amount field reads it back: 0.5 -> "0.5mg"."""
    return f"{decimal_text(value)}mg"
