"""The iCalendar export, parsed back with icalendar: one event per step, reminders as alarms."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from report_story import NOW

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def plan_of(person: User):  # type: ignore[no-untyped-def]
    from benzotaper.web.sharing.gather import account_of

    saved = account_of(person).active_plan
    assert saved is not None
    return saved.plan()


def valarms(event: Any) -> list[Any]:
    return [c for c in event.subcomponents if c.name == "VALARM"]


def test_each_step_is_an_all_day_event_on_the_day_it_starts(tapering: User) -> None:
    from icalendar import Calendar

    from benzotaper.reports.calendar import plan_calendar

    plan = plan_of(tapering)
    calendar = Calendar.from_ical(plan_calendar(plan, "Europe/London", NOW))
    events = calendar.events
    assert [e.decoded("dtstart") for e in events] == [s.start for s in plan.steps]
    assert all(isinstance(e.decoded("dtstart"), dt.date) for e in events)
    assert "diazepam equivalent" in str(events[1]["summary"])
    assert not any(valarms(e) for e in events)


def test_reminders_repeat_daily_with_an_alarm(tapering: User) -> None:
    from icalendar import Calendar

    from benzotaper.reports.calendar import plan_calendar

    plan = plan_of(tapering)
    calendar = Calendar.from_ical(plan_calendar(plan, "Europe/London", NOW, reminders=True))
    daily = [e for e in calendar.events if "rrule" in e]
    times = {d.time for s in plan.steps for d in s.doses if d.mg > 0}
    assert {str(e["summary"]) for e in daily} == {f"Doses: {t}" for t in times} | {"Check-in"}
    for event in daily:
        assert event["rrule"]["FREQ"] == ["DAILY"]
        (alarm,) = valarms(event)
        assert alarm.decoded("trigger") == dt.timedelta(0)
        assert str(alarm["action"]) == "DISPLAY"
        assert str(event.decoded("dtstart").tzinfo) == "Europe/London"
    assert calendar.timezones  # the zone is described in the file itself


def test_the_same_plan_gives_the_same_file(tapering: User) -> None:
    from benzotaper.reports.calendar import plan_calendar

    plan = plan_of(tapering)
    assert plan_calendar(plan, "UTC", NOW, reminders=True) == plan_calendar(plan, "UTC", NOW, reminders=True)
