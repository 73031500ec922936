"""What the Insights page shows, made from the gathered journal and its analysis.

Alerts come first. Red flags use the journal's own emergency panel (``journal.red_flags``). Signs of a
too-fast taper come with a suggestion to hold and a form, filled in, that posts to the plan page's hold
action: one click, the person's own, holds the current step. Nothing here changes a plan by itself.

Then the charts, each followed by its summary in words and its data as a table: the taper (planned and
taken, in diazepam equivalents) and the symptoms on one time axis, the response to cuts, and the
illustrative blood levels. Charts are drawn here, on the request (matplotlib is imported only then).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from benzotaper.records import Record, field
from benzotaper.web.insights import text
from benzotaper.web.insights.chart_store import Chart, kept_chart, recall
from benzotaper.web.journal.red_flags import RedFlagPanel, red_flag_panel

if TYPE_CHECKING:
    from benzotaper.charts import ChartSize
    from benzotaper.insights import Alert, Insights, InteractionFinding, PkCurve, Segment
    from benzotaper.journal import DoseRecord, MedicationRecord
    from benzotaper.planning import Dose, Plan
    from benzotaper.web.insights.data import JournalData, Person
    from benzotaper.web.plans.forms import HoldForm

# The hold reason goes into the plan history, whose field takes 1,000 characters.
REASON_MAX = 1000
# Two days of the illustrative curve: the second shows the steady pattern, the first that it repeats.
CURVE_DAYS = 2


class HoldSuggestion(Record):
    """Hold ``step`` of the active plan (``plan_id``) ``days`` more days, for ``reason``."""

    plan_id: int
    step: int
    step_de_mg: Decimal
    days: int
    reason: str

    def form(self) -> HoldForm:
        """The plan page's own hold form, filled in; its own ids, so it can sit on any page."""
        from benzotaper.web.plans.forms import HoldForm

        initial = {"step": self.step, "days": self.days, "reason": self.reason}
        return HoldForm(initial=initial, auto_id="id_insights-%s")


class AlertBlock(Record):
    """The alerts to show in ``insights/_alerts.html``: warnings and notes (not the red flags: the
    emergency panel shows those), and the hold suggestion when a warning has one."""

    alerts: tuple[Alert, ...]
    hold: HoldSuggestion | None

    def __bool__(self) -> bool:
        return bool(self.alerts)


def alert_block(
    alerts: Sequence[Alert], plan: Plan | None, plan_id: int | None, today: dt.date, *, notes: bool = True
) -> AlertBlock:
    """The warnings (and, with ``notes``, the informational alerts) of ``alerts``, and a hold of the
    step in effect ``today`` when a warning suggests one and the plan has a step to hold."""
    shown = tuple(a for a in alerts if a.severity == "warning" or (notes and a.severity == "info"))
    suggesting = [a for a in shown if a.suggest_hold_days]
    hold = None
    if suggesting and plan is not None and plan_id is not None:
        step = plan.step_on(today) or plan.steps[0]
        if step.kind != "stop":
            reason = "Suggested by insights: " + " ".join(a.message for a in suggesting)
            if len(reason) > REASON_MAX:
                reason = reason[: REASON_MAX - 1].rstrip() + "…"
            days = max(a.suggest_hold_days or 0 for a in suggesting)
            hold = HoldSuggestion(plan_id, step.number, step.diazepam_equivalent_mg, days, reason)
    return AlertBlock(shown, hold)


class Curve(Record):
    """An illustrative blood-level curve of a regimen (``label``: which, ``doses``: in words)."""

    label: str
    doses: str
    curve: PkCurve | None
    problem: str = ""


class Finding(Record):
    """One interaction finding as shown: its severity in words and its sources as (citation, url)."""

    label: str
    finding: InteractionFinding
    sources: list[tuple[str, str]]


class Medicine(Record):
    """One of the person's medicines and what the data says about it with their benzodiazepine."""

    name: str
    severity: str
    findings: list[Finding]


def medicines(findings: Sequence[InteractionFinding]) -> list[Medicine]:
    """The findings by medicine, in the order of the most severe finding of each (findings come most
    severe first)."""
    from benzotaper.knowledge import load_knowledge

    sources = load_knowledge().sources
    by_name: dict[str, list[Finding]] = {}
    for f in findings:
        cited = [(sources[k].citation, sources[k].url) if k in sources else (k, "") for k in f.sources]
        by_name.setdefault(f.name, []).append(Finding(text.SEVERITY_LABELS[f.severity], f, cited))
    return [Medicine(name, shown[0].finding.severity, shown) for name, shown in by_name.items()]


class InsightsPage(Record, frozen=False):
    """Everything ``insights/index.html`` shows."""

    result: Insights
    journal: JournalData
    panel: RedFlagPanel | None
    alerts: AlertBlock
    segments: list[tuple[str, Segment]]
    cut_text: list[str]
    trend_text: list[str]
    interdose_text: list[str]
    interactions: list[Medicine]
    curves: list[Curve]
    not_enough: str
    charts: dict[str, Chart] = field(default_factory=dict)

    @property
    def has_history(self) -> bool:
        return self.result.burden.observed_days > 0

    @property
    def items_rated(self) -> tuple[int, int]:
        """How many items the latest day with ratings rated, and the mean over the days with ratings
        (rounded): the burden averages rated items only, and the page says how many."""
        counts = [int(n) for n in self.result.burden.items_rated if n > 0]
        return (counts[-1], round(sum(counts) / len(counts))) if counts else (0, 0)


def insights_page(
    journal: JournalData,
    result: Insights,
    person: Person,
    kept_as: str = "insights",
) -> InsightsPage:
    """The page for ``result``, the analysis of ``journal`` (``person``'s), its charts kept under
    ``kept_as`` (the report, which shows another span of the journal, keeps its own)."""
    emergency = [a.code for a in result.alerts if a.severity == "emergency"]
    observed = result.burden.observed_days
    page = InsightsPage(
        result=result,
        journal=journal,
        panel=red_flag_panel(emergency, journal.country) if emergency else None,
        alerts=alert_block(result.alerts, journal.plan, journal.plan_id, journal.today),
        segments=[(text.SEGMENT_LABELS[s.kind], s) for s in result.segments],
        cut_text=text.cut_response_text(result.cut_response, journal.plan is not None),
        trend_text=text.trend_text(result.trend),
        interdose_text=text.interdose_text(result.interdose),
        interactions=medicines(result.interactions),
        curves=blood_level_curves(journal),
        not_enough=text.not_enough_text(observed) if result.burden.baseline is None else "",
    )
    recall(person, f"{kept_as}:")  # a new process reads the page's stored charts at once
    page.charts = draw_charts(page, person, kept_as)
    return page


def taken_de_by_day(doses: Sequence[DoseRecord]) -> list[tuple[dt.date, Decimal]]:
    """The diazepam equivalent (mg) taken each day with a dose record, in date order. Doses of a drug
    the knowledge data does not know are left out (there is no equivalent to count them by)."""
    from benzotaper.knowledge import UnknownDrugError, load_knowledge

    knowledge = load_knowledge()
    factors: dict[str, Decimal | None] = {}
    totals: defaultdict[dt.date, Decimal] = defaultdict(Decimal)
    for dose in doses:
        if dose.drug not in factors:
            try:
                factors[dose.drug] = knowledge.find_drug(dose.drug).diazepam_mg_per_mg
            except UnknownDrugError:
                factors[dose.drug] = None
        factor = factors[dose.drug]
        if factor is not None:
            totals[dose.date] += (dose.taken_mg or Decimal(0)) * factor
    return sorted(totals.items())


def regimens(journal: JournalData) -> list[tuple[str, list[Dose]]]:
    """The regimens whose blood levels the page compares: with a crossover, the doses before it and
    the doses once it is done; otherwise the doses of today's step (before the plan starts, the doses
    it starts from); without a plan, the benzodiazepines listed in the journal with an amount."""
    from benzotaper.planning import Dose

    plan = journal.plan
    if plan is not None:
        if plan.request.crossover_to:
            crossed = [s for s in plan.steps if s.kind == "crossover"]
            out = [("Before the crossover", list(plan.request.regimen))]
            if crossed:
                out.append(("After the crossover", [Dose(d.drug, d.time, d.mg) for d in crossed[-1].doses]))
            return out
        step = plan.step_on(journal.today)
        if step is None:  # the plan has not started: the doses taken now
            return [("Your doses now", list(plan.request.regimen))]
        if step.kind == "stop":
            return []
        return [("Your doses today", [Dose(d.drug, d.time, d.mg) for d in step.doses if d.mg > 0])]
    listed = _listed_doses(journal.medications, journal.today)
    return [("Your doses", listed)] if listed else []


def _listed_doses(medications: Sequence[MedicationRecord], today: dt.date) -> list[Dose]:
    from benzotaper.knowledge import TIMES_OF_DAY
    from benzotaper.planning import Dose, InputError, parse_amount

    out = []
    for medicine in medications:
        taken = (medicine.started is None or medicine.started <= today) and (
            medicine.stopped is None or medicine.stopped >= today
        )
        if medicine.kind != "benzodiazepine" or not taken or medicine.time not in TIMES_OF_DAY:
            continue
        try:
            out.append(Dose(medicine.name, medicine.time, parse_amount(medicine.dose_text)))
        except (InputError, ValueError):
            continue
    return out


def blood_level_curves(journal: JournalData) -> list[Curve]:
    """The illustrative curve of each regimen (see ``regimens``); a drug without figures is said so."""
    from benzotaper.insights import NoPkDataError, blood_level_curve
    from benzotaper.planning import decimal_text

    curves = []
    for label, doses in regimens(journal):
        if not doses:
            continue
        described = text.words([f"{d.drug} {decimal_text(d.mg)} mg {d.time}" for d in doses])
        try:
            curves.append(Curve(label, described, blood_level_curve(doses, CURVE_DAYS)))
        except (NoPkDataError, ValueError) as error:  # no figures for the drug, or an unknown time of day
            curves.append(Curve(label, described, None, str(error)))
    return curves


def date_range(journal: JournalData, result: Insights) -> tuple[dt.date, dt.date] | None:
    """The time axis the taper and the symptom charts share: from the first check-in, dose or plan day to
    today (None when all of them are still to come: the taper chart then shows its plan as it is)."""
    starts = [journal.plan.steps[0].start] if journal.plan is not None else []
    if result.burden.observed_days:
        starts.append(result.burden.start)
    if journal.doses:
        starts.append(journal.doses[0].date)
    first = min(starts, default=None)
    return (first, journal.today) if first is not None and first < journal.today else None


def draw_charts(page: InsightsPage, person: Person, kept_as: str) -> dict[str, Chart]:
    """The page's charts, by name: ``taper``, ``symptoms``, ``cuts`` and ``levels``, each only when there
    is something to draw; kept for ``person`` as ``<kept_as>:<name>``."""
    from benzotaper import charts as c
    from benzotaper.insights import cut_dates

    out: dict[str, Chart] = {}
    journal, result = page.journal, page.result
    today = journal.today
    shown = date_range(journal, result)
    steps = journal.plan.steps if journal.plan is not None else ()
    cuts = tuple(cut_dates(steps, until=today))
    if journal.plan is not None:
        points = tuple(c.TaperPoint(s.start, s.days, s.diazepam_equivalent_mg, s.kind) for s in steps)
        taken = tuple(taken_de_by_day(journal.doses))
        out["taper"] = _chart(
            person,
            f"{kept_as}:taper",
            (points, today, taken, cuts, shown),
            lambda size: (
                c.taper_svg(points, today, taken=taken, cuts=cuts, date_range=shown, size=size),
                c.taper_summary(points, today, taken=taken, cuts=cuts),
                c.taper_table(points, taken),
            ),
        )
    if result.burden.observed_days:
        burden = result.burden
        rows = tuple((s.kind, s.start, s.end, s.mean_burden) for s in result.segments)
        out["symptoms"] = _chart(
            person,
            f"{kept_as}:symptoms",
            (
                burden.start,
                burden.values.tolist(),
                burden.smoothed.tolist(),
                burden.baseline,
                rows,
                cuts,
                today,
                shown,
            ),
            lambda size: (
                c.symptoms_svg(burden, rows, cuts, today, date_range=shown, size=size),
                c.symptoms_summary(burden, rows, cuts, today),
                c.symptoms_table(burden, rows, cuts),
            ),
        )
    if result.cut_response.cuts_used:
        response = result.cut_response
        per_cut = tuple(effect.change_by_day for effect in response.cuts if effect.change_by_day)
        out["cuts"] = _chart(
            person,
            f"{kept_as}:cuts",
            (response,),
            lambda size: (
                c.cut_response_svg(response, per_cut, size=size),
                c.cut_response_summary(response, per_cut),
                c.cut_response_table(response, per_cut),
            ),
        )
    regimens = [(curve.label, curve.curve) for curve in page.curves if curve.curve is not None]
    if regimens:
        note = regimens[0][1].note
        out["levels"] = _chart(
            person,
            f"{kept_as}:levels",
            ([(label, curve.hours.tolist(), curve.total.tolist()) for label, curve in regimens], note),
            lambda size: (
                c.blood_level_svg(regimens, note, size=size),
                c.blood_level_summary(regimens, note),
                c.blood_level_table(regimens),
            ),
        )
    return out


def _chart(
    person: Person,
    name: str,
    data: tuple[Any, ...],
    draw: Callable[[ChartSize], tuple[str, str, Sequence[tuple[str, ...]]]],
) -> Chart:
    """The chart ``name`` drawn from ``data`` (everything ``draw`` uses, as plain values), wide and for
    a phone, as kept for ``person`` when it was drawn before (``chart_store``)."""

    def drawn() -> Chart:
        svg, summary, table = draw("wide")
        phone = draw("phone")[0]
        return Chart(svg, summary, tuple(table[0]) if table else (), tuple(table[1:]), phone)

    return kept_chart(person, name, data, drawn)
