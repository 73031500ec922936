"""The report for the doctor: a PDF made offline with typst, the same for the same data.

Page 1 is the summary a busy clinician reads in a minute: who, the current doses and diazepam
equivalent (DE), where the person is in the plan, the planned vs taken DE chart and the symptom chart
(windows, waves and cuts: the same SVG as the Insights page), red flags answered yes, interactions with
other medicines, adherence, holds and re-plans with their reasons, and the person's own questions.
Then, each of which the person may leave out (``SECTIONS``): the step-by-step schedule with how to make
each dose and the supply for the next prescription; weekly symptom scores by item; notes. Always last:
the terms used, the knowledge version and sources, and the statement that the report is informational.

How it is made. ``report_content`` turns the data into plain JSON; typst reads it with
``json(bytes(sys.inputs.data))`` in ``templates/report.typ``, so nothing the person typed is ever read
as typst markup. Fonts are typst's own (``ignore_system_fonts``): the output is the same on every
computer, and with the same ``generated_at`` byte for byte. A password encrypts the PDF with AES-256
(pypdf), as typst cannot encrypt.

Dates are the person's calendar days; ``generated_at`` is shown in their time zone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zoneinfo
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from benzotaper.planning import DISCLAIMER, decimal_text, form_text, make_text, nights_text
from benzotaper.records import Record, field

if TYPE_CHECKING:
    from benzotaper.insights import Insights
    from benzotaper.journal import CheckInRecord, DoseRecord
    from benzotaper.planning import Plan
    from benzotaper.reports.account import Account, SavedPlanRecord

TEMPLATE = Path(__file__).parent / "templates" / "report.typ"
# The parts of the report the person may leave out, with the names the form shows.
SECTIONS = {
    "schedule": "Step-by-step schedule and supply",
    "weekly": "Weekly symptom scores",
    "notes": "Notes",
}
# Terms of the glossary every report uses; their definitions close the report.
TERMS = ("diazepam-equivalent", "step", "cut", "hold", "crossover", "window", "wave", "red-flag", "check-in")
STATEMENT = (
    "This report is informational. It was made by benzotaper from what the person recorded; it is not a "
    "diagnosis or a prescription, and it does not replace the judgement of the prescriber. " + DISCLAIMER
)
# The supply table covers one prescription period of this many days from the report's last day.
SUPPLY_DAYS = 28
PREVIEW_PPI = 96


class ReportOptions(Record):
    """What the person chose: the period (both days included), what to show and what to leave out."""

    date_from: dt.date
    date_to: dt.date
    name: str = ""
    date_of_birth: dt.date | None = None
    questions: str = ""
    leave_out: frozenset[str] = frozenset()
    time_zone: str = "UTC"

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise ValueError("The report cannot end before it starts: choose a 'to' date after 'from'.")
        unknown = self.leave_out - set(SECTIONS)
        if unknown:
            raise ValueError(f"There is no section {', '.join(sorted(unknown))} to leave out.")


class ReportInput(Record):
    """Everything the report shows. ``account`` holds the doses and check-ins of the period only (and
    every saved plan, whose changes in the period are shown); ``insights`` is the analysis of the period
    as of its last day; ``charts`` the SVG of the "taper" and "symptoms" charts
    (``benzotaper.charts``) when there is something to draw."""

    options: ReportOptions
    account: Account
    insights: Insights
    generated_at: dt.datetime
    charts: Mapping[str, str] = field(default_factory=dict)


def report_pdf(data: ReportInput, password: str = "") -> bytes:
    """The report as PDF bytes; encrypted (AES-256) to open only with ``password`` when one is given."""
    pdf = _compile(data, "pdf")
    assert isinstance(pdf, bytes)
    return encrypt_pdf(pdf, password) if password else pdf


def report_preview_png(data: ReportInput) -> bytes:
    """Page 1 of the report as a PNG image, for the preview on the Report page."""
    pages = _compile(data, "png")
    return pages[0] if isinstance(pages, list) else pages


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _compile(data: ReportInput, output: Literal["pdf", "png"]) -> bytes | list[bytes]:
    """The report compiled by typst: PDF bytes, or PNG bytes per page (one page gives bytes)."""
    import typst

    content = json.dumps(report_content(data), ensure_ascii=False)
    result: bytes | list[bytes] | None = typst.compile(
        TEMPLATE,
        root=TEMPLATE.parent,
        format=output,
        ppi=PREVIEW_PPI if output == "png" else None,
        sys_inputs={"data": content},
        ignore_system_fonts=True,
        timestamp=data.generated_at.replace(microsecond=0),  # typst takes whole seconds
    )
    assert result is not None
    return result


def report_content(data: ReportInput) -> dict[str, Any]:
    """The report as JSON-ready data: what the template lays out, in order (see the module docstring)."""
    options, account, result = data.options, data.account, data.insights
    saved, plan = account.readable_active_plan()
    zone = zoneinfo.ZoneInfo(options.time_zone)
    content: dict[str, Any] = {
        "who": {
            "name": options.name,
            "date_of_birth": options.date_of_birth.isoformat() if options.date_of_birth else "",
            "period": f"{options.date_from.isoformat()} to {options.date_to.isoformat()}",
            "time_zone": options.time_zone,
            "generated": data.generated_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        },
        "current": _current(plan, account, options.date_to),
        "plan": _plan_summary(plan, saved, options.date_to),
        "charts": {name: svg for name, svg in data.charts.items() if name in ("taper", "symptoms")},
        "symptoms": _symptom_summary(result),
        "red_flags": _red_flags(account.checkins),
        "interactions": [
            {"name": f.name, "severity": f.severity, "why": f.why, "ask": f.ask} for f in result.interactions
        ],
        "adherence": _adherence(account.doses),
        "changes": _changes(account.plans, options),
        "questions": options.questions,
        "schedule": None,
        "weekly": None,
        "notes": None,
        "terms": _terms(),
        "knowledge": _knowledge(plan, result.knowledge_version),
        "statement": STATEMENT,
    }
    if "schedule" not in options.leave_out and plan is not None:
        content["schedule"] = _schedule(plan, options.date_to)
    if "weekly" not in options.leave_out:
        content["weekly"] = _weekly(account.checkins)
    if "notes" not in options.leave_out:
        content["notes"] = _notes(account.checkins, account.doses)
    return content


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _mg(value: Decimal) -> str:
    return f"{decimal_text(value)} mg"


def _current(plan: Plan | None, account: Account, day: dt.date) -> dict[str, Any]:
    """The doses of the plan's step on ``day`` (before the plan, the doses it starts from); without a
    plan, the benzodiazepines listed in the journal as still taken."""
    if plan is not None:
        step = plan.step_on(day)
        if step is None:
            doses = [f"{d.drug} {_mg(d.mg)} {d.time}" for d in plan.request.regimen]
            from benzotaper.planning import diazepam_equivalent

            return {"doses": doses, "de": _mg(diazepam_equivalent(plan.request.regimen))}
        nights = f" {nights_text(step)}" if nights_text(step) else ""
        doses = [f"{d.drug} {_mg(d.mg)} {d.time}{nights}" for d in step.doses if d.mg > 0]
        return {"doses": doses or ["none (stopped)"], "de": _mg(step.diazepam_equivalent_mg)}
    listed = [
        " ".join(part for part in (m.name, m.dose_text, m.time) if part)
        for m in account.medications
        if m.kind == "benzodiazepine" and (m.stopped is None or m.stopped >= day)
    ]
    return {"doses": listed, "de": ""}


def _plan_summary(plan: Plan | None, saved: SavedPlanRecord | None, day: dt.date) -> dict[str, Any] | None:
    if plan is None or saved is None:
        return None
    step = plan.step_on(day)
    later = [s for s in plan.steps if s.start > day]
    crossover = plan.request.crossover_to
    return {
        "method": plan.request.method + (f", crossover to {crossover}" if crossover else ""),
        "dates": f"{plan.steps[0].start.isoformat()} to {plan.end.isoformat()}",
        "steps": len(plan.steps),
        "step": step.number if step is not None else 0,
        "start_de": _mg(plan.steps[0].diazepam_equivalent_mg),
        "next_change": later[0].start.isoformat() if later else "",
        "next_de": _mg(later[0].diazepam_equivalent_mg) if later else "",
        "warnings": [w.message for w in plan.warnings],
    }


def _symptom_summary(result: Insights) -> dict[str, Any]:
    """Windows and waves in the period, in words the template prints as they are."""
    burden = result.burden
    if not burden.observed_days:
        return {"observed_days": 0, "lines": ["Not enough data: no check-ins in this period."]}
    counts: defaultdict[str, int] = defaultdict(int)
    for segment in result.segments:
        counts[segment.kind] += 1
    lines = [
        f"{_count(burden.observed_days, 'day')} with a check-in. Burden is 0-100 (the mean severity of the "
        "symptoms rated that day, times 25).",
        f"{_count(counts['window'], 'window')} and {_count(counts['wave'], 'wave')} found.",
    ]
    current = result.current
    if current is not None and current.mean_burden is not None:
        lines.append(
            f"Last period: {current.kind.replace('_', ' ')} since {current.start.isoformat()}, "
            f"mean burden {current.mean_burden:.0f}."
        )
    if result.cut_response.cuts_used:
        peak = result.cut_response.peak_change
        if peak is not None and peak == peak:
            lines.append(
                f"After the {result.cut_response.cuts_used} cuts in the period, burden changed by "
                f"{peak:+.0f} at most (mean over the cuts)."
            )
    return {"observed_days": burden.observed_days, "lines": lines}


def _red_flags(checkins: Sequence[CheckInRecord]) -> list[dict[str, str]]:
    from benzotaper.knowledge import load_red_flags

    signs = {s.code: s.sign for s in load_red_flags().emergency_signs}
    return [
        {"date": c.date.isoformat(), "sign": signs.get(code, code)} for c in checkins for code in c.red_flags
    ]


def _adherence(doses: Sequence[DoseRecord]) -> dict[str, Any]:
    planned = [d for d in doses if d.planned_mg is not None]
    if not planned:
        return {"recorded": len(doses), "planned": 0, "line": "Not enough data: no planned doses recorded."}
    as_planned = sum(d.status == "as_planned" for d in planned)
    different = sum(d.status == "different" for d in planned)
    skipped = sum(d.status == "skipped" for d in planned)
    share = round(100 * as_planned / len(planned))
    line = (
        f"{as_planned} of {len(planned)} planned doses recorded were taken as planned ({share}%); "
        f"{different} different, {skipped} skipped."
    )
    return {"recorded": len(doses), "planned": len(planned), "share": share, "line": line}


def _changes(plans: Sequence[SavedPlanRecord], options: ReportOptions) -> list[dict[str, str]]:
    out = [
        {"date": c.date.isoformat(), "kind": c.kind, "reason": c.reason or "(no reason given)"}
        for p in plans
        for c in p.changes
        if c.kind in ("hold", "replan") and options.date_from <= c.date <= options.date_to
    ]
    return sorted(out, key=lambda change: change["date"])


def _schedule(plan: Plan, day: dt.date) -> dict[str, Any]:
    from benzotaper.planning import supply_needed

    steps = []
    current = plan.step_on(day)
    for step in plan.steps:
        nights = f" {nights_text(step)}" if nights_text(step) else ""
        doses = [
            f"{d.time}: {d.drug} {_mg(d.mg)}" + (f" ({make_text(d.make)})" if d.make else "") + nights
            for d in step.doses
            if d.mg > 0
        ]
        dates = step.start.isoformat() if step.kind == "stop" else f"{step.start.isoformat()} to {step.end}"
        steps.append(
            {
                "number": step.number,
                "dates": dates,
                "kind": step.kind,
                "doses": doses or ["no doses"],
                "de": _mg(step.diazepam_equivalent_mg),
                "cut": f"{decimal_text(step.cut_percent.quantize(Decimal('0.1')))}%"
                if step.cut_percent
                else "",
                "current": step is current,
            }
        )
    periods = supply_needed(plan, SUPPLY_DAYS)
    upcoming = [p for p in periods if p.end >= day][:1]
    supply = [
        {
            "period": f"{p.start.isoformat()} to {p.end.isoformat()}",
            "items": [
                f"{decimal_text(i.quantity)} {i.unit} of {i.drug} {form_text(i.form, i.strength_mg)}"
                for i in p.items
            ],
        }
        for p in upcoming
    ]
    return {"steps": steps, "supply": supply, "supply_days": SUPPLY_DAYS}


def _weekly(checkins: Sequence[CheckInRecord]) -> list[dict[str, Any]]:
    """Mean severity (0-4) of each symptom by week (Monday first), only over the days it was rated;
    in blocks of eight weeks so that each table fits the page's width."""
    from benzotaper.knowledge import load_symptoms

    labels = {item.code: item.label for item in load_symptoms().items}
    sums: defaultdict[tuple[str, dt.date], list[int]] = defaultdict(list)
    order: dict[str, None] = {}
    for checkin in checkins:
        week = checkin.date - dt.timedelta(days=checkin.date.weekday())
        for score in checkin.symptoms:
            name = f"{score.symptom} (own)" if score.custom else labels.get(score.symptom, score.symptom)
            order[name] = None
            sums[name, week].append(score.severity)
    weeks = sorted({week for _, week in sums})
    blocks = []
    for first in range(0, len(weeks), 8):
        shown = weeks[first : first + 8]
        rows = []
        for name in order:
            cells = [sums.get((name, w)) for w in shown]
            if any(cells):
                rows.append([name, *(f"{sum(c) / len(c):.1f}" if c else "" for c in cells)])
        blocks.append({"weeks": [w.isoformat() for w in shown], "rows": rows})
    return blocks


def _notes(checkins: Sequence[CheckInRecord], doses: Sequence[DoseRecord]) -> list[dict[str, str]]:
    notes = [{"date": c.date.isoformat(), "text": c.notes} for c in checkins if c.notes]
    notes += [
        {"date": c.date.isoformat(), "text": f"{e.kind.replace('_', ' ')}: {e.text}" if e.text else e.kind}
        for c in checkins
        for e in c.events
    ]
    notes += [{"date": d.date.isoformat(), "text": f"{d.drug} {d.time}: {d.note}"} for d in doses if d.note]
    return sorted(notes, key=lambda note: note["date"])


def _terms() -> list[dict[str, str]]:
    from benzotaper.knowledge import load_glossary

    glossary = load_glossary()
    return [{"term": e.term, "definition": e.definition} for e in map(glossary.entry, TERMS)]


def _knowledge(plan: Plan | None, version: str) -> dict[str, Any]:
    """The knowledge version and the sources of the figures the report relies on: the equivalences of
    the plan's drugs, the tapering rules and the glossary's definitions."""
    from benzotaper.knowledge import UnknownDrugError, load_glossary, load_knowledge

    knowledge = load_knowledge()
    keys: dict[str, None] = {}
    if plan is not None:
        drugs = {d.drug for d in plan.request.regimen} | {plan.request.crossover_to or ""}
        for name in sorted(drugs - {""}):
            try:
                keys[knowledge.find_drug(name).equivalent_to_diazepam_10mg.source] = None
            except UnknownDrugError:
                continue
    glossary = load_glossary()
    for slug in TERMS:
        keys.update(dict.fromkeys(glossary.entry(slug).sources))
    sources = [
        {"key": key, "citation": knowledge.sources[key].citation, "url": knowledge.sources[key].url}
        for key in keys
        if key in knowledge.sources
    ]
    return {"version": plan.knowledge_version if plan is not None else version, "sources": sources}
