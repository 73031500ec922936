"""On a planned drug-free night Today says so plainly, with no dose to record and nothing missed; the
next night the dose is back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.planning import Dose, Formulation, Plan, PlanRequest, make_plan
from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.journal.planned import planned_doses_on


def zolpidem_plan(start: dt.date) -> Plan:
    """Zolpidem 10 mg at night with scored 5 mg tablets, ending with planned drug-free nights."""
    return make_plan(
        PlanRequest(
            regimen=(Dose("zolpidem", "night", Decimal(10)),),
            start=start,
            forms=(Formulation("zolpidem", "tablet", Decimal(5), scored=True),),
            drug_free_nights=True,
        )
    )


def first_drug_free_night(plan: Plan) -> dt.date:
    return next(
        day
        for step in plan.steps
        for day in (step.start + dt.timedelta(days=i) for i in range(step.days))
        if step.doses and not step.is_dose_night(day)
    )


@pytest.fixture
def free(alice: User) -> dt.date:
    """Alice's first planned drug-free night, in her saved zolpidem plan."""
    plan = zolpidem_plan(dt.date(2026, 11, 23))
    SavedPlan.store(alice, plan)
    return first_drug_free_night(plan)


def test_today_says_tonight_is_a_planned_drug_free_night_not_a_missed_dose(
    alice: User, alice_client: Client, free: dt.date
) -> None:
    with time_machine.travel(dt.datetime.combine(free, dt.time(10), dt.UTC), tick=False):
        html = alice_client.get("/").content.decode()
        assert planned_doses_on(alice, free) == []
    assert "Tonight is a planned drug-free night" in html
    assert "Not recorded yet" not in html
    assert "missed" not in html.lower().replace("none is missed", "")
    after = free + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(after, dt.time(10), dt.UTC), tick=False):
        html = alice_client.get("/").content.decode()
    assert "Tonight is a planned drug-free night" not in html
    assert "Night: zolpidem 2.5 mg" in html
    assert "Not recorded yet" in html


def test_a_dose_is_not_recorded_as_planned_on_a_drug_free_night_but_is_the_next_night(
    alice: User, alice_client: Client, free: dt.date
) -> None:
    from benzotaper.web.journal.models import DoseTaken

    for day in (free, free + dt.timedelta(days=1)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(10), dt.UTC), tick=False):
            tap = {"date": day.isoformat(), "time": "night", "drug": "zolpidem", "status": "as_planned"}
            response = alice_client.post_form("/dose/", tap, follow=True)
        assert response.status_code == 200
    recorded = DoseTaken.objects.for_user(alice).filter(status="as_planned")
    assert [row.date for row in recorded] == [free + dt.timedelta(days=1)]
