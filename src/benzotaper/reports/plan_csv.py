"""A plan as CSV for a spreadsheet: one row per dose per step.

Numbers are plain decimal strings ("0.5", "12.5"), dates ISO. A stop step has one row with the dose
columns empty. Rows end in a bare newline, so the text can be printed or written to a file as it is.
"""

from __future__ import annotations

import csv
import io

from benzotaper.planning import Plan, decimal_text, make_text

COLUMNS = (
    "step",
    "start",
    "end",
    "days",
    "kind",
    "diazepam_equivalent_mg",
    "cut_percent",
    "drug",
    "time",
    "target_mg",
    "mg",
    "make",
)


def plan_csv(plan: Plan) -> str:
    """The plan's steps and doses as CSV text with a header row of ``COLUMNS``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for step in plan.steps:
        shared = [
            step.number,
            step.start.isoformat(),
            step.end.isoformat(),
            step.days,
            step.kind,
            decimal_text(step.diazepam_equivalent_mg),
            decimal_text(step.cut_percent),
        ]
        if not step.doses:
            writer.writerow([*shared, "", "", "", "", ""])
        for dose in step.doses:
            mg = [decimal_text(dose.target_mg), decimal_text(dose.mg)]
            writer.writerow([*shared, dose.drug, dose.time, *mg, make_text(dose.make)])
    return out.getvalue()
