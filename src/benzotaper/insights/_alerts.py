"""Alerts: red flags to act on now, and signs that the taper may be going too fast.

Alerts only advise. They never change the plan: what to do about one is the person's decision, with
their prescriber. Every sign, what to do, each suggestion and the order of the guideline actions comes
from the knowledge data (red_flags.toml, emergency.toml, symptoms.toml, tapering.toml).

- **Red flags** (``emergency``): every red flag answered yes in a check-in of today or yesterday
  (``RED_FLAG_DAYS``), with what to do, the country's emergency number and its crisis lines. A code the
  knowledge data no longer has is still shown, so a recorded red flag is never hidden. Older answers
  were alerts on their own day; repeating them for ever would teach a person to ignore the alert.
- **Too fast** (``warning``), each from one of the knowledge data's too-fast signs:

  - ``worse_after_cut``: after the latest cut the burden rose above the week before the cut by more than
    the rise threshold (``_cuts.rise_threshold``: clear of the person's own day-to-day noise) within the
    onset time (up to a week), and the last ``RECENT_CHECKINS`` check-ins are still that high: it has not
    settled.
  - ``intolerable_symptoms``: in the last ``RECENT_CHECKINS`` check-ins (within ``RECENT_DAYS`` days),
    at least two had wellbeing ``LOW_WELLBEING`` or lower, or at least two rated symptoms and the mean
    rating reached the scale's "severe" point (3 of 0-4 in symptoms.toml: a burden of 75).
  - ``worse_near_end``: the dose is in the final slow-down range of the tapering rules and the last two
    weeks' burden is above the four weeks before by more than the rise threshold for those means.
  - ``interdose_withdrawal``: when an inter-dose pattern was found (see ``_interdose``).

  The action is the guideline order: hold first (``suggest_hold_days``: the default interval of the
  tapering rules, the guide's "a couple more weeks"), then slow down, and only rarely go back to the
  previous dose.
- **Info**: no check-in in the last ``RECENT_DAYS`` days, so nothing above can be judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from benzotaper.insights._burden import BurdenSeries, daily_burden
from benzotaper.insights._cuts import PRE_CUT_DAYS, cut_dates, onset_days, rise_threshold
from benzotaper.insights._interdose import InterdosePattern
from benzotaper.journal import CheckInRecord, CheckInTally
from benzotaper.records import Record

if TYPE_CHECKING:
    from benzotaper.knowledge import RedFlags, TooFastSign
    from benzotaper.planning import Step

AlertSeverity = Literal["emergency", "warning", "info"]
ALERT_SEVERITIES: tuple[AlertSeverity, ...] = ("emergency", "warning", "info")

# A check-in asks about the time since the last one: today's and yesterday's answers are current.
RED_FLAG_DAYS = 2
# The last three check-ins are "now": one bad day is not a pattern, three in a row are.
RECENT_CHECKINS = 3
# ... and they must be from the last week, or "now" is stale.
RECENT_DAYS = 7
# Not a validated cut-off: the bottom of the journal's 0-10 wellbeing scale, read as "not managing".
LOW_WELLBEING = 2
# "Near the end" compares the last two weeks with the four before them: one cut interval against two.
END_RECENT_DAYS = 14
END_EARLIER_DAYS = 28


class Alert(Record):
    """Something to act on. ``code`` is the knowledge data's code of the red flag or too-fast sign (or
    ``no_recent_checkins``); ``message`` says what was seen, ``action`` what to do.
    ``emergency_number`` and ``crisis_lines`` ((name, number) pairs) come with emergency alerts;
    ``suggest_hold_days`` with too-fast ones."""

    code: str
    severity: AlertSeverity
    message: str
    action: str
    emergency_number: str | None = None
    crisis_lines: tuple[tuple[str, str], ...] = ()
    suggest_hold_days: int | None = None


def alerts(
    checkins: Sequence[CheckInRecord | CheckInTally],
    plan_steps: Sequence[Step],
    today: dt.date,
    country: str = "US",
    *,
    interdose: InterdosePattern | None = None,
    series: BurdenSeries | None = None,
) -> list[Alert]:
    """The alerts for ``today``, most urgent first (see the module docstring). ``country`` picks the
    emergency number; ``series`` is the daily burden when already computed. The check-ins' tallies
    (``CheckInTally``) give the same alerts as the check-ins: no alert reads a single rating."""
    from benzotaper.knowledge import load_red_flags

    flags = load_red_flags()
    past = [c for c in checkins if c.date <= today]
    found = _red_flag_alerts(past, today, country, flags)
    burden = series if series is not None else daily_burden(past, end=today)
    recent = sorted((c for c in past if (today - c.date).days < RECENT_DAYS), key=lambda c: c.date)[
        -RECENT_CHECKINS:
    ]
    if not recent:
        found.append(
            Alert(
                "no_recent_checkins",
                "info",
                f"There is no check-in from the last {RECENT_DAYS} days, so how the taper is going cannot be "
                "judged.",
                "Do a check-in when you can: the alerts and the windows-and-waves view use them.",
            )
        )
        return found
    signs = {s.code: s for s in flags.too_fast_signs}
    cuts = cut_dates(plan_steps, until=today)
    checks = (
        ("worse_after_cut", _worse_after_cut(burden, cuts, today)),
        ("intolerable_symptoms", _intolerable(recent)),
        ("worse_near_end", _worse_near_end(burden, plan_steps, today)),
        (
            "interdose_withdrawal",
            interdose.reason if interdose is not None and interdose.status == "pattern" else None,
        ),
    )
    for code, seen in checks:
        if seen is not None and code in signs:
            found.append(_too_fast(signs[code], seen, flags, plan_steps, today))
    return found


def _red_flag_alerts(
    checkins: Sequence[CheckInRecord | CheckInTally], today: dt.date, country: str, flags: RedFlags
) -> list[Alert]:
    from benzotaper.knowledge import emergency_number, load_emergency_numbers

    codes = dict.fromkeys(
        code
        for c in sorted(checkins, key=lambda c: c.date, reverse=True)
        if (today - c.date).days < RED_FLAG_DAYS
        for code in c.red_flags
    )
    if not codes:
        return []
    number = emergency_number(country)
    listed = load_emergency_numbers().for_country(country)
    lines = tuple((line.name, line.number) for line in listed.crisis_lines) if listed is not None else ()
    known = {flag.code: flag for flag in flags.emergency_signs}
    out = []
    for code in codes:
        flag = known.get(code)
        sign = flag.sign if flag is not None else code.replace("_", " ").capitalize()
        what_to_do = (
            flag.what_to_do
            if flag is not None
            else "Call your emergency number now, or ask someone to call for you."
        )
        out.append(
            Alert(
                code,
                "emergency",
                f"You answered yes to: {sign}.",
                f"{what_to_do} Emergency number: {number}.",
                emergency_number=number,
                crisis_lines=lines,
            )
        )
    return out


def _too_fast(sign: TooFastSign, seen: str, flags: RedFlags, steps: Sequence[Step], today: dt.date) -> Alert:
    from benzotaper.knowledge import load_knowledge

    actions = sorted(flags.actions, key=lambda a: a.order)
    order = " ".join(
        f"{i}. {a.label} ({a.how_often.rstrip('.').lower()}): {a.text}" for i, a in enumerate(actions[:3], 1)
    )
    upcoming = min(
        (s.start for s in steps if s.start > today and s.kind in ("reduction", "stop")), default=None
    )
    when = f" Your next cut is planned for {upcoming.isoformat()}." if upcoming is not None else ""
    return Alert(
        sign.code,
        "warning",
        f"{sign.sign}. {seen}{when}",
        f"{sign.suggestion} What guidelines suggest, in order: {order} Your plan is not changed: decide "
        "with your prescriber.",
        suggest_hold_days=load_knowledge().tapering.default_interval_days.value,
    )


def _worse_after_cut(series: BurdenSeries, cuts: Sequence[dt.date], today: dt.date) -> str | None:
    import numpy as np

    if not cuts or len(series) == 0:
        return None
    cut = cuts[-1]
    start = series.index(cut)
    before = series.values[max(start - PRE_CUT_DAYS, 0) : max(start, 0)]
    before = before[~np.isnan(before)]
    after = series.values[max(start, 0) : series.index(today) + 1]
    observed = np.flatnonzero(~np.isnan(after))
    if len(before) < RECENT_CHECKINS or len(observed) < RECENT_CHECKINS:
        return None
    reference = float(before.mean())
    threshold = rise_threshold(series.noise, RECENT_CHECKINS, len(before))
    rolling = np.convolve(after[observed], np.ones(RECENT_CHECKINS) / RECENT_CHECKINS, mode="valid")
    ends = observed[RECENT_CHECKINS - 1 :]  # the day each rolling mean ends on, in days since the cut
    rose = np.any((rolling >= reference + threshold) & (ends <= onset_days()))
    now = float(rolling[-1])
    if not rose or now < reference + threshold:
        return None
    return (
        f"Since the cut on {cut.isoformat()} your symptom burden rose from {reference:.0f} to {now:.0f} "
        "(of 100) and has not settled."
    )


def _intolerable(recent: Sequence[CheckInRecord | CheckInTally]) -> str | None:
    from benzotaper.knowledge import load_symptoms

    low = [c for c in recent if c.wellbeing is not None and c.wellbeing <= LOW_WELLBEING]
    if len(low) >= 2:
        return (
            f"Your wellbeing was {LOW_WELLBEING} or lower (of 10) on {len(low)} of your last "
            f"{len(recent)} check-ins."
        )
    scale = load_symptoms().scale
    severe = next((p.value for p in scale.points if p.label == "severe"), scale.max)
    rated = sum(1 for c in recent if c.rated)  # check-ins that rated any symptom
    if rated >= 2 and sum(c.severity_sum for c in recent) / sum(c.rated for c in recent) >= severe:
        return (
            f"Your symptoms averaged '{scale.label(severe)}' or worse over your last {len(recent)} check-ins."
        )
    return None


def _worse_near_end(series: BurdenSeries, steps: Sequence[Step], today: dt.date) -> str | None:
    import numpy as np

    from benzotaper.knowledge import load_knowledge
    from benzotaper.planning import step_on

    current = step_on(steps, today)
    limit = load_knowledge().tapering.final_slowdown_below_de_mg.value
    if current is None or current.kind == "stop" or current.diazepam_equivalent_mg > limit:
        return None
    end = series.index(today) + 1
    recent = series.values[max(end - END_RECENT_DAYS, 0) : max(end, 0)]
    earlier = series.values[max(end - END_RECENT_DAYS - END_EARLIER_DAYS, 0) : max(end - END_RECENT_DAYS, 0)]
    recent, earlier = recent[~np.isnan(recent)], earlier[~np.isnan(earlier)]
    if len(recent) < END_RECENT_DAYS // 2 or len(earlier) < END_EARLIER_DAYS // 2:
        return None
    if recent.mean() < earlier.mean() + rise_threshold(series.noise, len(recent), len(earlier)):
        return None
    return (
        f"Near the end of the taper your symptom burden rose from {earlier.mean():.0f} to "
        f"{recent.mean():.0f} (of 100) over the last two weeks."
    )
