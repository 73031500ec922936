"""``benzotaper demo`` makes the account demo with six months of a fictional taper, and resets it when run
again; the insights find in it what the demo is there to show."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from benzotaper.insights import insights

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from benzotaper.insights import Insights
    from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord

# Models are imported inside the tests (see tests/web/conftest.py).

TODAY = dt.date(2027, 3, 1)
START = TODAY - dt.timedelta(days=180)


def demo_command(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "benzotaper.cli", "demo", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def stored_counts(data_dir: Path) -> tuple[int, ...]:
    with sqlite3.connect(data_dir / "benzotaper.sqlite3") as db:
        return tuple(
            db.execute(query).fetchone()[0]
            for query in (
                "SELECT COUNT(*) FROM auth_user WHERE lower(username) = 'demo'",
                "SELECT COUNT(*) FROM journal_checkin",
                "SELECT COUNT(*) FROM journal_dosetaken",
                "SELECT COUNT(*) FROM journal_savedplan",
                "SELECT COUNT(*) FROM journal_customsymptom",
            )
        )


def test_the_command_makes_the_account_and_a_second_run_resets_it(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    first = demo_command(tmp_path, cli_env)
    assert first.returncode == 0, first.stderr
    assert "all of it fictional" in first.stdout
    assert f"benzotaper serve --data-dir {tmp_path}" in first.stdout
    assert "http://127.0.0.1:8000/" in first.stdout and "sign in as demo, password: demo" in first.stdout
    counts = stored_counts(tmp_path)
    users, checkins, doses, plans, custom = counts
    assert (users, plans, custom) == (1, 2, 1)
    assert 170 <= checkins <= 181 and doses > checkins

    again = demo_command(tmp_path, cli_env, "--password", "another demo")
    assert again.returncode == 0, again.stderr
    assert "password: another demo" in again.stdout
    assert stored_counts(tmp_path) == counts


def test_the_command_refuses_an_empty_password(tmp_path: Path, cli_env: dict[str, str]) -> None:
    result = demo_command(tmp_path, cli_env, "--password", "")
    assert result.returncode == 2
    assert result.stderr.startswith("error: the password is empty.")


# --- the data, made in the test database (so on PostgreSQL too) -------------------------------------------


@pytest.fixture
def demo(db: None) -> User:
    from benzotaper.web.demo import make_demo

    return make_demo(today=TODAY)


def records(user: User) -> tuple[list[CheckInRecord], list[DoseRecord], list[MedicationRecord]]:
    from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication

    checkins = CheckIn.objects.for_user(user).prefetch_related("ratings__custom").order_by("date")
    doses = DoseTaken.objects.for_user(user).order_by("date", "time_of_day", "drug")
    medications = Medication.objects.for_user(user).order_by("name", "time_of_day", "started")
    return (
        [c.to_record() for c in checkins],
        [d.to_record() for d in doses],
        [m.to_record() for m in medications],
    )


def demo_insights(user: User) -> Insights:
    from benzotaper.web.journal.planned import active_plan

    saved = active_plan(user)
    assert saved is not None
    checkins, doses, medications = records(user)
    return insights(checkins, doses, saved.plan(), medications, "US", TODAY)


def test_it_makes_six_months_of_check_ins_without_a_red_flag(demo: User) -> None:
    checkins, _, _ = records(demo)
    days = [c.date for c in checkins]
    assert days[0] == START and days[-1] == TODAY
    assert 170 <= len(days) < 181  # a few days missed
    assert all(not c.red_flags for c in checkins)
    assert all(c.wellbeing is not None and c.sleep_hours is not None for c in checkins)
    custom = {s.symptom for c in checkins for s in c.symptoms if s.custom}
    assert custom == {"jaw clenching"}
    assert {e.kind for c in checkins for e in c.events} == {"new_medicine", "stress", "illness"}


def test_its_plan_crosses_over_to_diazepam_and_was_held_after_a_wave(demo: User) -> None:
    from benzotaper.web.journal.models import PlanChange, SavedPlan

    active, first = SavedPlan.objects.for_user(demo).order_by("-id")
    assert (active.status, first.status, active.replaces_id) == ("active", "superseded", first.pk)
    request = active.plan_request()
    assert request.crossover_to == "diazepam" and request.start == START
    assert {d.drug for d in request.regimen} == {"alprazolam"}
    assert [s["kind"] for s in active.plan_json["steps"][:3]] == ["crossover"] * 3
    created, hold = PlanChange.objects.for_user(demo).order_by("date")
    assert (created.kind, created.date) == ("created", START)
    assert (hold.kind, hold.reason, hold.plan_id) == ("hold", "Wave after the last cut", active.pk)
    assert 80 <= (hold.date - START).days <= 100  # about three months in
    # The details the plan page's Hold stores.
    held = hold.details_json["step"]
    assert hold.details_json == {"step": held, "days": 14, "replaces": first.pk}
    assert active.plan_json["steps"][held]["kind"] == "hold"
    assert active.created_at.date() == hold.date


def test_its_doses_follow_the_plan_but_for_a_few(demo: User) -> None:
    from benzotaper.web.journal.models import SavedPlan
    from benzotaper.web.journal.planned import doses_on

    _, doses, _ = records(demo)
    statuses = [d.status for d in doses]
    assert (statuses.count("different"), statuses.count("skipped")) == (3, 2)
    assert doses[0].date == START and doses[-1].date == TODAY - dt.timedelta(days=1)
    plan = SavedPlan.objects.for_user(demo).get(status="active").plan()
    for dose in doses:
        planned = {(p.time, p.drug): p.mg for p in doses_on(plan, dose.date)}
        assert planned[(dose.time, dose.drug)] == dose.planned_mg


def test_it_takes_omeprazole_and_melatonin(demo: User) -> None:
    _, _, medications = records(demo)
    current = {m.name for m in medications if m.kind == "other" and m.stopped is None}
    assert current == {"omeprazole", "melatonin"}


def test_the_insights_find_windows_waves_and_the_omeprazole_interaction(demo: User) -> None:
    found = demo_insights(demo)
    kinds = [s.kind for s in found.segments]
    assert "window" in kinds and "wave" in kinds
    assert found.current is not None and found.current.kind == "window"
    assert found.cut_response.waves_after_cut >= 3
    assert found.trend.improving is True
    omeprazole = [f for f in found.interactions if f.name == "omeprazole"]
    assert [(f.severity, f.affected) for f in omeprazole] == [("major", ("diazepam",))]
    assert not any(a.severity == "emergency" for a in found.alerts)


def test_running_it_again_resets_instead_of_duplicating(demo: User) -> None:
    from django.contrib.auth.models import User

    from benzotaper.web.demo import make_demo

    before = records(demo)
    again = make_demo(today=TODAY)
    assert list(User.objects.filter(username__iexact="demo")) == [again]
    assert again.pk != demo.pk
    assert records(again) == before


def test_it_signs_in_with_its_password(demo: User) -> None:
    from django.contrib.auth import authenticate

    from benzotaper.web.demo import make_demo

    assert authenticate(username="demo", password="demo") == demo
    other = make_demo("seen it all", today=TODAY)
    assert authenticate(username="demo", password="seen it all") == other


def test_it_leaves_a_real_person_called_demo_alone(
    db: None, password: str, make_rows: Callable[[User], dict[str, Any]]
) -> None:
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.demo import DemoAccountTakenError, make_demo

    person = add_person("Demo", password)
    rows = make_rows(person)
    with pytest.raises(DemoAccountTakenError):
        make_demo(today=TODAY)
    for name, row in rows.items():
        assert type(row)._base_manager.filter(pk=row.pk).exists(), f"the person's {name} is gone"


def test_it_is_quick(db: None) -> None:
    from benzotaper.web.demo import make_demo

    began = time.perf_counter()
    make_demo(today=TODAY)
    assert time.perf_counter() - began < 5
