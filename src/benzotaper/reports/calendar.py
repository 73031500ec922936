"""The plan as an iCalendar file (RFC 5545), for a phone's or a computer's calendar.

One all-day event per step, on the day the doses change, with the step's doses and how to make each
one. With reminders, also one daily event per time of day the plan has doses at ("Doses: morning"),
from the first day to the last day with a dose (except planned drug-free nights, left out with EXDATE:
no reminder rings on them), and one daily check-in event from the first day to the
day the plan ends; each has an alarm at its start. Reminder times are the person's local clock times
(``REMINDER_TIMES``, not clinical figures: when a phone should ring) in the person's time zone.

The same plan, zone and ``generated_at`` give the same bytes (UIDs and stamps are fixed), so a calendar
that subscribes to the file sees updates, not duplicates.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from benzotaper.planning import DISCLAIMER, decimal_text, make_text

if TYPE_CHECKING:
    from benzotaper.planning import Plan, Step

REMINDER_TIMES = {
    "morning": dt.time(8, 0),
    "midday": dt.time(12, 0),
    "afternoon": dt.time(15, 0),
    "evening": dt.time(18, 0),
    "night": dt.time(22, 0),
}
CHECKIN_TIME = dt.time(20, 0)
PRODUCT = "-//benzotaper//taper plan//EN"
WEEK = 7


def plan_calendar(
    plan: Plan | None,
    time_zone: str,
    generated_at: dt.datetime,
    *,
    reminders: bool = False,
    name: str = "Taper plan",
) -> bytes:
    """The plan as iCalendar bytes (see the module docstring); without a plan, a calendar with no events
    (a subscribed calendar then shows nothing rather than an error)."""
    from icalendar import Alarm, Calendar, Event

    zone = zoneinfo.ZoneInfo(time_zone)
    stamp = generated_at.astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if plan is None:
        return bytes(calendar.to_ical())
    key = plan.steps[0].start.isoformat()
    for step in plan.steps:
        event = Event()
        event.add("uid", f"{key}-step-{step.number}@benzotaper")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.start)
        event.add("dtend", step.start + dt.timedelta(days=1))
        event.add("summary", _summary(step))
        event.add("description", _description(step))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if reminders:
        dosed = [s for s in plan.steps if any(d.mg > 0 for d in s.doses)]
        times = [t for t in REMINDER_TIMES if any(d.time == t and d.mg > 0 for s in dosed for d in s.doses)]
        last_dose_day = dosed[-1].end if dosed else plan.steps[0].start
        daily = [(f"Doses: {t}", REMINDER_TIMES[t], last_dose_day, f"dose-{t}") for t in times]
        daily.append(("Check-in", CHECKIN_TIME, plan.end, "check-in"))
        for summary, clock, until, uid in daily:
            event = Event()
            event.add("uid", f"{key}-{uid}@benzotaper")
            event.add("dtstamp", stamp)
            event.add("dtstart", dt.datetime.combine(plan.steps[0].start, clock, zone))
            event.add("duration", dt.timedelta(minutes=15))
            event.add("rrule", {"freq": "daily", "until": dt.datetime.combine(until, clock, zone)})
            if uid.startswith("dose-"):
                free = _drug_free_days(plan, uid.removeprefix("dose-"))
                if free:
                    event.add("exdate", [dt.datetime.combine(day, clock, zone) for day in free])
            event.add("summary", summary)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", dt.timedelta(0))
            event.add_component(alarm)
            calendar.add_component(event)
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _drug_free_days(plan: Plan, time: str) -> list[dt.date]:
    """The days of steps with planned drug-free nights on which no dose is planned at ``time``."""
    days = []
    for step in plan.steps:
        if step.nights_per_week < WEEK and step.doses:
            for offset in range(step.days):
                day = step.start + dt.timedelta(days=offset)
                if not any(dose.time == time for dose in plan.doses_on(day)):
                    days.append(day)
    return days


def _summary(step: Step) -> str:
    if step.kind == "stop":
        return "Taper: stop, no more doses"
    de = decimal_text(step.diazepam_equivalent_mg)
    if step.nights_per_week < WEEK:
        return (
            f"Taper step {step.number}: doses on {step.nights_per_week} nights a week, "
            f"{de} mg diazepam equivalent a day on average"
        )
    return f"Taper step {step.number}: {de} mg diazepam equivalent a day"


def _description(step: Step) -> str:
    lines = [f"Step {step.number} ({step.kind}), from {step.start.isoformat()} for {step.days} days."]
    for dose in step.doses:
        how = make_text(dose.make)
        lines.append(f"{dose.time}: {dose.drug} {decimal_text(dose.mg)} mg" + (f" ({how})" if how else ""))
    if step.note:
        lines.append(step.note)
    lines.append(DISCLAIMER)
    return "\n".join(lines)
