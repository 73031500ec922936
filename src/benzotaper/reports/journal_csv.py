"""The journal as CSV for a spreadsheet: one row per day, one column per symptom.

A row for every day with a dose or a check-in, oldest first. Columns: the date; for each drug, the mg
planned and taken that day (skipped doses count as 0 taken) and the number of doses skipped; wellbeing
(0-10) and hours of sleep; one column per symptom ever rated, checklist items by their code and the
person's own symptoms as ``own: NAME``, with the severity 0-4; red flags and events; the day's notes.

An empty cell means nothing was recorded: a symptom not rated that day is empty, never 0. Numbers are
written with a dot (``0.25``) and no units, so every spreadsheet reads them as numbers.

A note that begins like a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe, as OWASP's
"CSV Injection" page advises: the file may be opened by a clinician's spreadsheet, which would otherwise
run it. The JSON backup, not this file, is the exact copy.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from benzotaper.journal import CheckInRecord, DoseRecord, SymptomScore
from benzotaper.planning import decimal_text

OWN_PREFIX = "own: "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def symptom_column(score: SymptomScore) -> str:
    return OWN_PREFIX + score.symptom if score.custom else score.symptom


def journal_csv(doses: Sequence[DoseRecord], checkins: Sequence[CheckInRecord]) -> str:
    """The doses and check-ins as CSV text (see the module docstring)."""
    drugs = sorted({d.drug for d in doses})
    symptoms = list(dict.fromkeys(symptom_column(s) for c in checkins for s in c.symptoms))
    header = ["date"]
    for drug in drugs:
        header += [f"{drug} planned mg", f"{drug} taken mg", f"{drug} doses skipped"]
    header += ["wellbeing", "sleep hours", *symptoms, "red flags", "events", "notes"]

    by_day: defaultdict[dt.date, list[DoseRecord]] = defaultdict(list)
    for dose in doses:
        by_day[dose.date].append(dose)
    checkin_on = {c.date: c for c in checkins}

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for day in sorted(set(by_day) | set(checkin_on)):
        row: list[str] = [day.isoformat()]
        for drug in drugs:
            row += _dose_cells([d for d in by_day.get(day, ()) if d.drug == drug])
        checkin = checkin_on.get(day)
        if checkin is None:
            row += [""] * (len(header) - len(row) - 1)
            notes = [d.note for d in by_day.get(day, ()) if d.note]
            writer.writerow([*row, _text(" | ".join(notes))])
            continue
        rated = {symptom_column(s): s.severity for s in checkin.symptoms}
        row += [
            "" if checkin.wellbeing is None else str(checkin.wellbeing),
            _number(checkin.sleep_hours),
            *(str(rated[name]) if name in rated else "" for name in symptoms),
            " ".join(checkin.red_flags),
            " | ".join(f"{e.kind}: {e.text}" if e.text else e.kind for e in checkin.events),
        ]
        notes = [checkin.notes] if checkin.notes else []
        notes += [d.note for d in by_day.get(day, ()) if d.note]
        writer.writerow([*row, _text(" | ".join(notes))])
    return out.getvalue()


def _dose_cells(doses: Sequence[DoseRecord]) -> list[str]:
    if not doses:
        return ["", "", ""]
    planned = [d.planned_mg for d in doses if d.planned_mg is not None]
    taken = sum((d.taken_mg or Decimal(0) for d in doses), Decimal(0))
    skipped = sum(d.status == "skipped" for d in doses)
    return [_number(sum(planned, Decimal(0))) if planned else "", _number(taken), str(skipped)]


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _number(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)
