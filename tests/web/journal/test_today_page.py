"""Today shows the day's planned doses in the person's own time zone, or how to start a plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import time_machine
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.planning import Plan
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import SavedPlan


def test_without_a_plan_it_invites_the_person_to_start_one(alice_client: Client) -> None:
    html = alice_client.get("/").content.decode()
    assert "No plan yet" in html
    assert '<a class="button" href="/plan/">Start your plan</a>' in html
    assert "Your doses today" not in html


def test_it_shows_todays_date_where_the_person_lives(alice: User, alice_client: Client) -> None:
    assert "Monday 4 January 2027" in alice_client.get("/").content.decode()
    profile = Profile.of(alice)
    profile.time_zone = "Asia/Tokyo"
    profile.save()
    with time_machine.travel(dt.datetime(2027, 1, 4, 20, 0, tzinfo=dt.UTC), tick=False):
        assert "Tuesday 5 January 2027" in alice_client.get("/").content.decode()


def test_with_a_plan_it_lists_the_doses_in_time_of_day_order_with_how_to_make_them(
    alice_client: Client, alice_plan: SavedPlan
) -> None:
    html = alice_client.get("/").content.decode()
    morning = html.index("Morning: diazepam 4 mg")
    night = html.index("Night: diazepam 5 mg")
    assert morning < night
    assert "2 × 2 mg tablet" in html
    assert "1 × 5 mg tablet" in html
    assert html.count("Not recorded yet") == 2
    assert 'hx-post="/dose/"' in html
    assert 'hx-target="#dose-morning-diazepam"' in html
    assert 'hx-swap="outerHTML"' in html
    assert 'action="/dose/"' in html  # and it works without JavaScript


def test_before_the_plan_starts_it_says_when_it_starts(
    alice: User, alice_client: Client, plan_from: Callable[[dt.date], Plan]
) -> None:
    SavedPlan.store(alice, plan_from(dt.date(2027, 2, 1)))
    html = alice_client.get("/").content.decode()
    assert "Your plan starts on Monday 1 February 2027" in html
    assert "Taken as planned" not in html


def test_after_the_stop_day_there_is_nothing_to_take(
    alice: User, alice_client: Client, plan_from: Callable[[dt.date], Plan]
) -> None:
    plan = plan_from(dt.date(2025, 1, 6))
    assert plan.end < dt.date(2027, 1, 4)
    SavedPlan.store(alice, plan)
    html = alice_client.get("/").content.decode()
    assert f"No doses are planned for today: your plan reached zero on {plan.end:%A} {plan.end.day}" in html
    assert "Taken as planned" not in html


def test_it_has_a_quick_check_in_and_a_link_to_the_full_one(alice_client: Client) -> None:
    html = alice_client.get("/").content.decode()
    assert 'action="/checkin/quick/"' in html
    for field in ("wellbeing", "sleep_hours", "notes"):
        assert f'<label for="id_{field}">' in html
    assert 'href="/checkin/"' in html
