"""A plan as plain text for a terminal: fixed width, readable at 100 columns, no colours.

Warnings come before the steps because they are what a person must read first.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from benzotaper.planning import (
    DISCLAIMER,
    Plan,
    Step,
    SupplyItem,
    SupplyPeriod,
    day_numbers,
    decimal_text,
    disp_text,
    ehr_summary,
    form_text,
    make_text,
    plan_totals,
    supply_needed,
    total_days,
)

WIDTH = 100
_DOSE_INDENT = " " * 8
_TIME_WIDTH = 10
_TENTH = Decimal("0.1")


def plan_table(plan: Plan, supply_days: int = 28) -> str:
    """The plan as text: a header, the warnings, a row per step with its doses and Disp line, the
    supply per prescription, the whole plan's tablets, and the health-record line."""
    lines = [*_header(plan), ""]
    if plan.warnings or plan.overrides:
        lines += [*_warnings(plan), ""]
    lines += [*_steps(plan), ""]
    lines += [*_supply(supply_needed(plan, supply_days), supply_days), ""]
    lines += [*_totals(plan), ""]
    lines += _wrap(f"Health record: {ehr_summary(plan)}", "  ")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """``textwrap.wrap(text, WIDTH, break_on_hyphens=False)`` with these indents, written out: importing
    ``textwrap`` (and compiling its regular expressions) cost `benzotaper plan` 0.7 ms of start-up. A
    test holds the two equal. "20 mg" and "2 × 5 mg" are kept whole (a no-break space while wrapping)."""
    glued = re.sub(r"(?<=\d) (?=mg|ml|×)|(?<=×) ", "\u00a0", text)
    chunks = [c for c in re.split(r"([\t\n\x0b\x0c\r ]+)", glued.expandtabs().translate(_SPACES)) if c]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        lead = indent if lines or first is None else first
        width = WIDTH - len(lead)
        if lines and not chunks[-1].strip():
            del chunks[-1]
        line: list[str] = []
        length = 0
        while chunks and length + len(chunks[-1]) <= width:
            length += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > width:  # a word longer than the line is cut where the line ends
            room = width - length if width >= 1 else 1
            line.append(chunks[-1][:room])
            chunks[-1] = chunks[-1][room:]
        if line and not line[-1].strip():
            del line[-1]
        if line:
            lines.append((lead + "".join(line)).replace("\u00a0", " "))
    return lines


_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")


def _dates(step: Step) -> str:
    if step.kind == "stop":
        return f"{step.start.isoformat()} onward"
    return f"{step.start.isoformat()} – {step.end.isoformat()}"


def _header(plan: Plan) -> list[str]:
    first = plan.steps[0]
    crossover = plan.request.crossover_to
    method = plan.request.method + (f", crossover to {crossover}" if crossover else "")
    lines = [
        "Taper plan",
        f"Method: {method}",
        f"Dates: {first.start.isoformat()} to {plan.end.isoformat()} ({len(plan.steps)} steps, "
        f"{total_days(plan)} days)",
        f"Knowledge version: {plan.knowledge_version}",
    ]
    if plan.replanned_from:
        lines.append(f"Re-planned from: {plan.replanned_from}")
    if plan.method_note:
        lines += _wrap(plan.method_note)
    return [*lines, "", *_wrap(DISCLAIMER)]


def _warnings(plan: Plan) -> list[str]:
    lines = ["WARNINGS"]
    for warning in plan.warnings:
        where = ""
        if warning.steps:
            numbers = ", ".join(str(n) for n in warning.steps)
            where = f" (step{'s' if len(warning.steps) > 1 else ''} {numbers})"
        lines += _wrap(warning.message + where, "    ", "  ! ")
    for override in plan.overrides:
        lines += _wrap(f"Faster than the guideline, by your decision: {override.reason}", "    ", "  ! ")
    return lines


def _steps(plan: Plan) -> list[str]:
    header = f"{'Step':>4}  {'Dates':<25}  {'Day':<11}  {'Days':>4}  {'Kind':<9}  {'DE mg':>6}  {'Cut':>6}"
    lines = [header, "-" * len(header)]
    doses = [dose for step in plan.steps for dose in step.doses]
    drug_width = max((len(f"{d.drug} {decimal_text(d.mg)} mg") for d in doses), default=0)
    for step in plan.steps:
        days = "" if step.kind == "stop" else str(step.days)
        day_from, day_to = day_numbers(plan, step)
        day = f"{day_from}" if step.kind == "stop" else f"{day_from}-{day_to}"
        lines.append(
            f"{step.number:>4}  {_dates(step):<25}  {day:<11}  {days:>4}  {step.kind:<9}  "
            f"{decimal_text(step.diazepam_equivalent_mg):>6}  {_percent(step.cut_percent):>6}"
        )
        for dose in step.doses:
            what = f"{dose.drug} {decimal_text(dose.mg)} mg".ljust(drug_width)
            first = f"{_DOSE_INDENT}{dose.time:<{_TIME_WIDTH}}{what}  "
            lines += _wrap(make_text(dose.make), " " * len(first), first) or [first.rstrip()]
        if step.kind == "stop":
            lines.append(f"{_DOSE_INDENT}No more doses.")
        else:
            lines += _wrap(disp_text(step), _DOSE_INDENT)
        if step.note:
            lines += _wrap(step.note, _DOSE_INDENT)
    return lines


def _percent(value: Decimal) -> str:
    return f"{decimal_text(value.quantize(_TENTH, ROUND_HALF_UP))}%"


def _supply(periods: tuple[SupplyPeriod, ...], supply_days: int) -> list[str]:
    lines = [f"Supply per prescription ({supply_days} days)"]
    if not periods:
        lines.append("  Nothing to supply.")
    width = max((len(_item_name(item)) for period in periods for item in period.items), default=0)
    for period in periods:
        lines.append(f"  {period.start.isoformat()} – {period.end.isoformat()}")
        for item in period.items:
            unit = item.unit if item.quantity == 1 or item.unit == "ml" else f"{item.unit}s"
            lines.append(f"    {_item_name(item):<{width}}  {decimal_text(item.quantity):>6} {unit}")
    return lines


def _totals(plan: Plan) -> list[str]:
    items = plan_totals(plan)
    lines = ["Tablets for the whole plan"]
    width = max((len(_item_name(item)) for item in items), default=0)
    for item in items:
        unit = item.unit if item.quantity == 1 or item.unit == "ml" else f"{item.unit}s"
        lines.append(f"    {_item_name(item):<{width}}  {decimal_text(item.quantity):>6} {unit}")
    return lines


def _item_name(item: SupplyItem) -> str:
    return f"{item.drug} {form_text(item.form, item.strength_mg)}"


def reached_lines(partial: Plan) -> list[str]:
    """A refused plan as far as it can go: one line per step, for an error message."""
    lines = ["  The plan can go this far:"]
    for step in partial.steps:
        doses = ", ".join(f"{d.drug} {decimal_text(d.mg)} mg {d.time}" for d in step.doses)
        lines.append(f"    step {step.number}  {_dates(step)}  {doses}")
    return lines
