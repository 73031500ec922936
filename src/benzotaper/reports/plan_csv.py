"""A plan as CSV for a spreadsheet: one row per dose per step, then the whole-plan totals and summary.

Numbers are plain decimal strings ("0.5", "12.5"), dates ISO. A stop step has one row with the dose
columns empty. Each step's rows carry its day numbers and its Sig/Disp lines, and ``nights_per_week``
(7, or fewer with planned drug-free nights: the Sig names the weekdays). After the steps come one
row per strength with ``kind`` "total" (the whole plan's tablets, in ``disp``) and one row with ``kind``
"summary" (the health-record line, in ``sig``). Rows end in a bare newline.
"""

from __future__ import annotations

import csv
import io

from benzotaper.planning import (
    Plan,
    day_numbers,
    decimal_text,
    disp_text,
    ehr_summary,
    make_text,
    plan_totals,
    sig_text,
    supply_text,
    total_days,
)

COLUMNS = (
    "step",
    "start",
    "end",
    "day_from",
    "day_to",
    "days",
    "kind",
    "diazepam_equivalent_mg",
    "cut_percent",
    "drug",
    "time",
    "target_mg",
    "mg",
    "make",
    "sig",
    "disp",
    "nights_per_week",
)


def plan_csv(plan: Plan) -> str:
    """The plan's steps and doses as CSV text with a header row of ``COLUMNS``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    for step in plan.steps:
        day_from, day_to = day_numbers(plan, step)
        shared = {
            "step": step.number,
            "start": step.start.isoformat(),
            "end": step.end.isoformat(),
            "day_from": day_from,
            "day_to": day_to,
            "days": step.days,
            "kind": step.kind,
            "diazepam_equivalent_mg": decimal_text(step.diazepam_equivalent_mg),
            "cut_percent": decimal_text(step.cut_percent),
            "sig": sig_text(plan, step),
            "disp": disp_text(step),
            "nights_per_week": step.nights_per_week,
        }
        if not step.doses:
            writer.writerow(shared)
        for dose in step.doses:
            writer.writerow(
                {
                    **shared,
                    "drug": dose.drug,
                    "time": dose.time,
                    "target_mg": decimal_text(dose.target_mg),
                    "mg": decimal_text(dose.mg),
                    "make": make_text(dose.make),
                }
            )
    for item in plan_totals(plan):
        writer.writerow({"kind": "total", "drug": item.drug, "disp": supply_text(item)})
    writer.writerow({"kind": "summary", "days": total_days(plan), "sig": ehr_summary(plan)})
    return out.getvalue()
