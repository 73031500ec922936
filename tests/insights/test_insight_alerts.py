"""Alerts: red flags to act on now, then signs that the taper is going too fast. Never a plan change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from synthetic_histories import checkin

from benzotaper.insights import Alert, InterdosePattern, alerts
from benzotaper.journal import CheckInRecord
from benzotaper.planning import Dose, Plan, PlanRequest, make_plan

START = dt.date(2027, 1, 4)  # alice's plan cuts every 14 days from here: 4 Jan, 18 Jan, 1 Feb ...
CUT = dt.date(2027, 2, 1)


def alice_plan() -> Plan:
    return make_plan(PlanRequest(regimen=(Dose("diazepam", "morning", Decimal(10)),), start=START))


def days(first: dt.date, last: dt.date, burden: float, **answers: object) -> list[CheckInRecord]:
    return [checkin(first + dt.timedelta(days=i), burden, **answers) for i in range((last - first).days + 1)]


def codes(found: list[Alert]) -> list[str]:
    return [a.code for a in found]


def test_a_red_flag_today_is_an_emergency_with_what_to_do_and_the_number() -> None:
    today = dt.date(2027, 3, 1)
    found = alerts([CheckInRecord(today, red_flags=("seizure",))], (), today, "UK")
    [alert] = found
    assert (alert.code, alert.severity, alert.emergency_number) == ("seizure", "emergency", "999")
    assert "Seizure" in alert.message and "Call your emergency number now" in alert.action
    assert "999" in alert.action and ("Samaritans", "116 123") in alert.crisis_lines


def test_an_unlisted_country_gets_the_default_emergency_number() -> None:
    today = dt.date(2027, 3, 1)
    [alert] = alerts([CheckInRecord(today, red_flags=("suicidal_thoughts",))], (), today, "ZZ")
    assert alert.emergency_number == "112"


def test_yesterdays_red_flags_count_and_older_ones_are_not_repeated() -> None:
    today = dt.date(2027, 3, 1)
    yesterday = CheckInRecord(today - dt.timedelta(days=1), red_flags=("confusion",))
    last_week = CheckInRecord(today - dt.timedelta(days=5), red_flags=("seizure",))
    assert codes(alerts([yesterday, last_week], (), today)) == ["confusion"]


def test_a_red_flag_the_knowledge_data_no_longer_has_is_still_an_emergency() -> None:
    today = dt.date(2027, 3, 1)
    [alert] = alerts([CheckInRecord(today, red_flags=("retired_sign",))], (), today)
    assert alert.severity == "emergency" and "Retired sign" in alert.message


def test_symptoms_rising_after_a_cut_and_not_settling_suggest_holding_first() -> None:
    plan = alice_plan()
    alice = days(CUT - dt.timedelta(days=7), CUT + dt.timedelta(days=2), 25) + days(
        CUT + dt.timedelta(days=3), CUT + dt.timedelta(days=10), 50
    )
    today = CUT + dt.timedelta(days=10)
    [alert] = alerts(alice, plan.steps, today)
    assert (alert.code, alert.severity, alert.suggest_hold_days) == ("worse_after_cut", "warning", 14)
    assert "rose from 25 to 50" in alert.message and "2027-02-15" in alert.message  # the next planned cut
    hold, slow, back = (alert.action.index(label) for label in ("Hold", "Slow down", "Go back"))
    assert hold < slow < back  # the guideline order from the knowledge data
    assert "in rare cases" in alert.action and "Your plan is not changed" in alert.action


def test_symptoms_that_rose_after_a_cut_but_settled_raise_no_alert() -> None:
    plan = alice_plan()
    alice = (
        days(CUT - dt.timedelta(days=7), CUT + dt.timedelta(days=2), 30)
        + days(CUT + dt.timedelta(days=3), CUT + dt.timedelta(days=7), 60)
        + days(CUT + dt.timedelta(days=8), CUT + dt.timedelta(days=12), 30)
    )
    assert alerts(alice, plan.steps, CUT + dt.timedelta(days=12)) == []


def test_a_rise_long_after_the_cut_is_not_blamed_on_it() -> None:
    plan = alice_plan()
    alice = days(CUT - dt.timedelta(days=7), CUT + dt.timedelta(days=9), 30) + days(
        CUT + dt.timedelta(days=10), CUT + dt.timedelta(days=13), 60
    )
    assert "worse_after_cut" not in codes(alerts(alice, plan.steps, CUT + dt.timedelta(days=13)))


def test_low_wellbeing_on_recent_check_ins_means_symptoms_are_disrupting_the_day() -> None:
    today = dt.date(2027, 3, 1)
    bob = days(today - dt.timedelta(days=2), today, 40, wellbeing=1)
    [alert] = alerts(bob, (), today)
    assert alert.code == "intolerable_symptoms" and alert.suggest_hold_days == 14
    assert "Pause or slow the taper" in alert.action


def test_severe_symptoms_on_recent_check_ins_are_too_much() -> None:
    today = dt.date(2027, 3, 1)
    [alert] = alerts(days(today - dt.timedelta(days=2), today, 80, wellbeing=6), (), today)
    assert alert.code == "intolerable_symptoms" and "severe" in alert.message


def test_symptoms_rising_near_the_end_suggest_smaller_last_cuts() -> None:
    plan = alice_plan()
    near_end = next(s for s in plan.steps if s.diazepam_equivalent_mg <= 5)
    today = near_end.start + dt.timedelta(days=5)
    alice = days(today - dt.timedelta(days=41), today - dt.timedelta(days=14), 30) + days(
        today - dt.timedelta(days=13), today, 45
    )
    assert "worse_near_end" in codes(alerts(alice, plan.steps, today))


def test_inter_dose_withdrawal_found_in_the_data_is_a_warning() -> None:
    today = dt.date(2027, 3, 1)
    pattern = InterdosePattern("pattern", "Worse before doses.", 10, 2.0, ("morning",), 24.0, 0.5, "Switch.")
    found = alerts(days(today - dt.timedelta(days=2), today, 30), (), today, interdose=pattern)
    assert codes(found) == ["interdose_withdrawal"]


def test_without_recent_check_ins_it_says_nothing_can_be_judged() -> None:
    today = dt.date(2027, 3, 1)
    [alert] = alerts(days(today - dt.timedelta(days=30), today - dt.timedelta(days=10), 30), (), today)
    assert (alert.code, alert.severity) == ("no_recent_checkins", "info")


def test_emergencies_come_first_and_the_plan_is_left_as_it_was() -> None:
    plan = alice_plan()
    steps = plan.steps
    today = CUT + dt.timedelta(days=10)
    alice = days(CUT - dt.timedelta(days=7), CUT + dt.timedelta(days=2), 30) + days(
        CUT + dt.timedelta(days=3), today - dt.timedelta(days=1), 60
    )
    alice.append(CheckInRecord(today, red_flags=("seizure",), symptoms=alice[-1].symptoms))
    found = alerts(alice, steps, today)
    assert [a.severity for a in found] == ["emergency", "warning"]
    assert plan.steps is steps and plan.steps == alice_plan().steps


def test_check_ins_after_today_are_ignored() -> None:
    today = dt.date(2027, 3, 1)
    assert alerts([CheckInRecord(today + dt.timedelta(days=1), red_flags=("seizure",))], (), today)[
        0
    ].code == ("no_recent_checkins")
