"""The insights in words: one sentence or two per part, shared by the page and ``benzotaper insights``.

Numbers are the analysis's own (``benzotaper.insights``); nothing here judges anything new. Burden is
"points of 100" (the daily burden, see docs/insights.md); days after a cut count the day of the cut as
day 0.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benzotaper.insights import (
        Alert,
        CutResponse,
        DurationTrend,
        Insights,
        InteractionFinding,
        InterdosePattern,
        Segment,
        Trend,
    )

SEGMENT_LABELS = {
    "window": "Window (better than usual)",
    "wave": "Wave (worse than usual)",
    "neutral": "Usual",
    "no_data": "No check-ins",
}
SEVERITY_LABELS = {
    "major": "Major interaction",
    "moderate": "Moderate interaction",
    "minor": "Minor interaction",
    "none": "No interaction documented",
    "unknown": "Not in our data",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    """plural(1, "cut") -> "1 cut"; plural(3, "cut") -> "3 cuts"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def words(items: Sequence[str]) -> str:
    """["a"] -> "a"; ["a", "b", "c"] -> "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def days_after(count: int) -> str:
    """0 -> "on the day of the cut", 1 -> "1 day after it"."""
    return "on the day of the cut" if count == 0 else f"{plural(count, 'day')} after a cut"


def segment_text(segment: Segment) -> str:
    """One line: kind, dates, length and mean burden."""
    mean = f", mean burden {segment.mean_burden:.0f}" if segment.mean_burden is not None else ""
    return (
        f"{SEGMENT_LABELS[segment.kind]}: {segment.start.isoformat()} to {segment.end.isoformat()} "
        f"({plural(segment.days, 'day')}{mean})"
    )


def cut_response_text(response: CutResponse, has_plan: bool) -> list[str]:
    """The typical response to a cut, then how waves relate to cuts."""
    if not response.cuts:
        if not has_plan:
            return ["There is no plan, so there are no cuts to compare your symptoms with."]
        return ["No cut of your plan has come yet."]
    if response.cuts_used == 0:
        return [
            f"None of your {plural(len(response.cuts), 'cut')} had enough check-ins in the week before it "
            "to compare with. Check in on most days, before and after a cut, to see how you respond."
        ]
    out = []
    over = f"Over {plural(response.cuts_used, 'cut')} with check-ins before them"
    if response.rise_day is None or response.peak_day is None or response.peak_change is None:
        out.append(f"{over}, symptoms did not clearly rise after a cut: a good sign.")
    else:
        settle = (
            f"and were back near the level of the week before the cut {days_after(response.settle_day)}"
            if response.settle_day is not None
            else "and had not settled back by the last day measured"
        )
        out.append(
            f"{over}, symptoms typically rose {days_after(response.rise_day)}, peaked "
            f"{days_after(response.peak_day)} at {response.peak_change:.0f} points (of 100) above the week "
            f"before the cut, {settle}."
        )
    waves = response.waves_after_cut + response.waves_on_their_own
    if waves == 0:
        out.append("No wave so far.")
    else:
        followed = (
            f"Of {plural(waves, 'wave')}, {response.waves_after_cut} started within "
            f"{plural(response.onset_days, 'day')} after a cut and {response.waves_on_their_own} came on "
            "their own."
        )
        if response.chance_share is not None:
            followed += (
                f" {response.chance_share:.0%} of your days lie that close after a cut, so about that share "
                "of waves would follow a cut by chance alone."
            )
        out.append(followed)
    return out


def _duration_text(name: str, duration: DurationTrend) -> str:
    if duration.n == 0:
        return f"No whole {name} yet."
    mean = f"mean {duration.mean_days:.0f} days" if duration.mean_days is not None else ""
    count = f"{plural(duration.n, 'whole ' + name.removesuffix('s'), 'whole ' + name)}, {mean}"
    if duration.direction == "not_enough_data":
        return f"{count.capitalize()}: not enough yet to tell a trend (it needs at least 4)."
    if duration.direction == "no_clear_change":
        return f"{name.capitalize()}: no clear change in length ({count})."
    per_month = abs(duration.slope or 0.0)
    return (
        f"{name.capitalize()} are getting {duration.direction}: about {per_month:.1f} days "
        f"{'more' if duration.direction == 'longer' else 'less'} per month of history ({count})."
    )


def trend_text(trend: Trend) -> list[str]:
    """Are windows getting longer and waves shorter?"""
    out = [_duration_text("windows", trend.windows), _duration_text("waves", trend.waves)]
    if trend.improving is True:
        out.append("Overall this is going the right way: windows longer or waves shorter.")
    elif trend.improving is False:
        out.append(
            "Overall this is going the wrong way: windows shorter or waves longer. Talk it over with "
            "your prescriber."
        )
    return out


def interdose_text(pattern: InterdosePattern) -> list[str]:
    """Whether symptoms come back before doses, honestly "not enough data" when so, and the dosing."""
    out = [pattern.reason]
    if pattern.dose_times:
        dosing = f"In the last two weeks you took doses in the {words(list(pattern.dose_times))}"
        if pattern.longest_gap_hours is not None:
            dosing += f"; the longest time between doses is about {pattern.longest_gap_hours:.0f} hours"
        out.append(dosing + ".")
    if pattern.trough_share is not None:
        out.append(
            f"In the illustrative model the level falls to about {pattern.trough_share:.0%} of its daily "
            "peak before the next dose."
        )
    if pattern.suggestion:
        out.append(pattern.suggestion)
    return out


def interaction_text(finding: InteractionFinding) -> str:
    """One finding in a line (the page shows the parts separately)."""
    affected = f" (with {words(list(finding.affected))})" if finding.affected else ""
    label = SEVERITY_LABELS[finding.severity]
    return f"{finding.name}: {label}{affected}. {finding.why} Ask: {finding.ask}"


def alert_text(alert: Alert) -> str:
    return f"{alert.message} {alert.action}"


def insights_table(result: Insights, name: str = "", *, has_plan: bool = True) -> str:
    """A readable summary for a terminal: alerts first, then windows and waves, the response to cuts,
    the trend, doses and interactions."""
    width = 100
    lines: list[str] = []

    def para(text: str, indent: str = "  ") -> None:
        lines.extend(textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  "))

    def heading(text: str) -> None:
        lines.extend(["", text.upper()])

    whose = f" for {name}" if name else ""
    lines.append(f"Insights{whose} as of {result.today.isoformat()} (knowledge {result.knowledge_version})")
    heading("Alerts")
    if not result.alerts:
        para("None.")
    for alert in result.alerts:
        para(f"[{alert.severity}] {alert.message}")
        para(alert.action, "    ")
        if alert.crisis_lines:
            para("Crisis lines: " + "; ".join(f"{n}: {number}" for n, number in alert.crisis_lines), "    ")
    burden = result.burden
    heading("Windows and waves")
    usual = f"; your usual day: burden {burden.baseline:.0f} of 100" if burden.baseline is not None else ""
    para(f"{plural(burden.observed_days, 'day')} with rated symptoms{usual}.")
    if burden.baseline is None:
        para(not_enough_text(burden.observed_days))
    for segment in result.segments:
        para(segment_text(segment))
    heading("Response to cuts")
    for text in cut_response_text(result.cut_response, has_plan):
        para(text)
    heading("Trend")
    for text in trend_text(result.trend):
        para(text)
    heading("Between doses")
    for text in interdose_text(result.interdose):
        para(text)
    heading("Interactions")
    if not result.interactions:
        para("No other medicines are listed in your journal.")
    for finding in result.interactions:
        para(interaction_text(finding))
    return "\n".join(lines) + "\n"


def not_enough_text(observed_days: int) -> str:
    """What a short history cannot show yet, and how many more check-ins it needs."""
    from benzotaper.insights import BASELINE_MIN_DAYS

    missing = BASELINE_MIN_DAYS - observed_days
    return (
        f"Windows and waves are measured from your usual day, which needs {BASELINE_MIN_DAYS} days of "
        f"check-ins with rated symptoms: {plural(missing, 'more check-in')} to go."
    )
