"""A ``planning.Plan`` (as previewed, or a saved plan's ``SavedPlan.plan()``) laid out for the plan pages.

A saved plan's steps are read back exactly as saved, never planned again, so it always shows what it said
when it was saved; the supply per prescription is counted from those steps. The chart is drawn here on
demand (matplotlib is imported by ``taper_svg`` only then) and kept with the person's other drawn charts.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from benzotaper.charts import TaperPoint, taper_summary, taper_svg
from benzotaper.knowledge import TIMES_OF_DAY, TimeOfDay
from benzotaper.planning import (
    DISCLAIMER,
    Plan,
    Step,
    SupplyItem,
    decimal_text,
    form_text,
    make_text,
    supply_needed,
)
from benzotaper.records import Record
from benzotaper.web.erasure import forget_when_an_account_is_deleted
from benzotaper.web.insights.chart_store import Chart, digest, kept_chart

if TYPE_CHECKING:
    from benzotaper.web.insights.data import Person

KIND_NAMES = {"crossover": "Crossover", "reduction": "Cut", "hold": "Hold", "stop": "Stop"}


class DoseCell(Record):
    drug: str
    mg: str
    make: str
    time: str = ""


class StepRow(Record):
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


class WarningLine(Record):
    message: str
    steps: str


class SupplyPeriodLine(Record):
    start: dt.date
    end: dt.date
    items: tuple[str, ...]


class PlanDisplay(Record):
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


def chart_points(plan: Plan) -> list[TaperPoint]:
    return [TaperPoint(s.start, s.days, s.diazepam_equivalent_mg, s.kind) for s in plan.steps]


def _steps_text(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    return ("Step " if len(numbers) == 1 else "Steps ") + ", ".join(str(n) for n in numbers)


def _supply_item(item: SupplyItem) -> str:
    form = form_text(item.form, item.strength_mg)
    quantity = decimal_text(item.quantity)
    if item.unit == "ml":
        return f"{item.drug}: {quantity} ml of {form}"
    return f"{item.drug}: {quantity} × {form}"


def _row(step: Step, times: tuple[TimeOfDay, ...], current: Step | None, warned: set[int]) -> StepRow:
    return StepRow(
        *(step.number, step.start, step.end, step.days, step.kind, KIND_NAMES.get(step.kind, step.kind)),
        note=step.note,
        cells=tuple(
            tuple(
                DoseCell(d.drug, decimal_text(d.mg), make_text(d.make), time)
                for d in step.doses
                if d.time == time
            )
            for time in times
        ),
        de_mg=decimal_text(step.diazepam_equivalent_mg),
        cut_percent=decimal_text(step.cut_percent),
        current=step is current,
        warned=step.number in warned,
        times=times,
    )


@functools.lru_cache(maxsize=32)
def _supply_lines(plan: Plan) -> tuple[SupplyPeriodLine, ...]:
    """The supply table of ``plan``: a pure function of the (immutable) plan, kept for the plans shown
    last, since a plan of a few years has 70 periods to count (half a millisecond a page). A saved
    plan read again from the same stored text is the same object, so it is found at the cost of its
    hash. In this process's memory only, all dropped when an account is deleted (docs/security.md)."""
    return tuple(
        SupplyPeriodLine(p.start, p.end, tuple(_supply_item(i) for i in p.items))
        for p in supply_needed(plan)  # the periods saved plans count (SavedPlan.store)
    )


forget_when_an_account_is_deleted(_supply_lines.cache_clear)


def plan_display(
    plan: Plan, today: dt.date | None, chart: bool = True, person: Person | None = None
) -> PlanDisplay:
    """The plan's table, warnings, supply and chart; ``today`` marks the step in effect (``Plan.step_on``).
    The chart of a saved plan is kept for ``person`` (``chart_store``); a preview's is drawn each time."""
    times = tuple(t for t in TIMES_OF_DAY if any(d.time == t for s in plan.steps for d in s.doses))
    warned = {n for w in plan.warnings for n in w.steps}
    current_step = plan.step_on(today) if today else None
    rows = tuple(_row(step, times, current_step, warned) for step in plan.steps)
    current = next((row for row in rows if row.current), None)
    next_step = next((row for row in rows if current and row.number == current.number + 1), None)
    if today is not None and current is None and rows:
        next_step = rows[0]  # before the plan starts, the first step is next
    points = chart_points(plan)
    drawn = taper_chart(points, today, person) if chart else Chart("", "")
    return PlanDisplay(
        start=plan.steps[0].start,
        end=plan.end,
        times=times,
        rows=rows,
        current=current,
        next_step=next_step,
        warnings=tuple(WarningLine(w.message, _steps_text(w.steps)) for w in plan.warnings),
        overrides=tuple(o.reason for o in plan.overrides),
        method_note=plan.method_note,
        knowledge_version=plan.knowledge_version,
        disclaimer=DISCLAIMER,
        replanned_from=plan.replanned_from,
        forms=tuple(
            f"{f.drug} {form_text(f.form, f.strength_mg)}" + (" (scored: may be halved)" if f.scored else "")
            for f in plan.forms
        ),
        supply=_supply_lines(plan),
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
    content = digest(points)  # the points written out once for both keys, not twice
    return kept_chart(person, f"plan:{content[:16]}", (content, today), drawn)


def decimal_mg(value: Decimal) -> str:
    """An amount as the amount field reads it back: 0.5 -> "0.5mg"."""
    return f"{decimal_text(value)}mg"
