"""Every export of a plan with planned drug-free nights says which nights, read back by real parsers:
the JSON (json), the CSV (csv), the table, and the calendar (icalendar: no reminder on a drug-free night)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from benzotaper.planning import Dose, Formulation, Plan, PlanRequest, make_plan
from benzotaper.reports.calendar import plan_calendar
from benzotaper.reports.plan_csv import plan_csv
from benzotaper.reports.plan_json import plan_json
from benzotaper.reports.plan_table import plan_table

NOW = dt.datetime(2027, 1, 1, 9, 0, tzinfo=dt.UTC)


def alice_plan() -> Plan:
    """Alice tapers zolpidem 10 mg at night with scored 5 mg tablets, with drug-free nights."""
    return make_plan(
        PlanRequest(
            regimen=(Dose("zolpidem", "night", Decimal(10)),),
            start=dt.date(2027, 1, 4),
            forms=(Formulation("zolpidem", "tablet", Decimal(5), scored=True),),
            drug_free_nights=True,
        )
    )


def test_the_json_gives_each_step_its_nights_a_week_as_a_number_and_the_weekdays() -> None:
    steps = json.loads(plan_json(alice_plan()))["steps"]
    five = next(s for s in steps if s["nights_per_week"] == 5)
    assert five["dose_nights"] == ["Mon", "Tue", "Wed", "Fri", "Sat"]
    assert "on 5 nights a week (Mon, Tue, Wed, Fri, Sat)" in five["sig"]
    assert five["disp"][0]["quantity"] == 5  # 10 halves of a 5 mg tablet
    assert [s["nights_per_week"] for s in steps if s["doses"]] == [7, 7, 7, 6, 5, 4, 3]


def test_the_csv_has_a_nights_column_and_the_sig_names_the_nights() -> None:
    rows = list(csv.DictReader(io.StringIO(plan_csv(alice_plan()))))
    steps = [r for r in rows if r["kind"] in ("reduction", "stop")]
    assert [r["nights_per_week"] for r in steps] == ["7", "7", "7", "6", "5", "4", "3", "7"]
    three = next(r for r in steps if r["nights_per_week"] == "3")
    assert "on 3 nights a week (Mon, Wed, Fri)" in three["sig"]
    assert "with planned drug-free nights" in next(r["sig"] for r in rows if r["kind"] == "summary")


def test_the_table_says_which_nights_are_dose_nights() -> None:
    table = " ".join(plan_table(alice_plan()).split())  # the table wraps its lines at 100 columns
    assert "Planned drug-free nights: take it on 4 nights a week (Mon, Tue, Thu, Sat)." in table
    assert "drug-free nights: the smallest dose on 6, 5, 4 and 3 nights a week" in table


def test_the_calendar_rings_no_dose_reminder_on_a_drug_free_night() -> None:
    from icalendar import Calendar

    plan = alice_plan()
    steps = json.loads(plan_json(plan))["steps"]
    expected = {
        dt.date.fromisoformat(step["start"]) + dt.timedelta(days=i)
        for step in steps
        if step["doses"] and step["nights_per_week"] < 7
        for i in range(step["days"])
        if (dt.date.fromisoformat(step["start"]) + dt.timedelta(days=i)).strftime("%a")
        not in step["dose_nights"]
    }
    calendar = Calendar.from_ical(plan_calendar(plan, "Europe/London", NOW, reminders=True))
    (night,) = [e for e in calendar.events if str(e["summary"]) == "Doses: night"]
    exdates = night["exdate"] if isinstance(night["exdate"], list) else [night["exdate"]]
    left_out = {when.dt.date() for exdate in exdates for when in exdate.dts}
    assert left_out == expected
    assert len(left_out) == 2 + 4 + 6 + 8  # 1, 2, 3 and 4 free nights a week, for two weeks each
    check_in = next(e for e in calendar.events if str(e["summary"]) == "Check-in")
    assert "exdate" not in check_in
    five = next(e for e in calendar.events if "on 5 nights a week" in str(e["summary"]))
    assert "Mon, Tue, Wed, Fri, Sat" in str(five["description"])
