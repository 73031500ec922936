"""Saving plans: the newest is active, a re-plan never destroys the old one, every change is dated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from benzotaper.planning import Dose, Plan, PlanRequest, hold_step, make_plan, plan_to_dict, replan
from benzotaper.web.journal.models import PlanChange, SavedPlan

START = dt.date(2027, 1, 4)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal("10")),), start=START))


def test_it_saves_the_plan_as_shown_and_the_request_to_rebuild_it(alice: User, plan: Plan) -> None:
    saved = SavedPlan.store(alice, plan, name="my taper")
    assert saved.status == "active"
    assert saved.plan_json == plan_to_dict(plan)
    assert saved.knowledge_version == plan.knowledge_version
    assert saved.plan_request() == plan.request
    assert make_plan(saved.plan_request()).steps == plan.steps


def test_it_records_the_creation_as_a_change(alice: User, plan: Plan) -> None:
    saved = SavedPlan.store(alice, plan, reason="agreed with Dr Lee")
    change = PlanChange.objects.for_user(alice).get()
    assert (change.plan, change.kind, change.date, change.reason) == (
        saved,
        "created",
        START,
        "agreed with Dr Lee",
    )


def test_a_re_plan_supersedes_the_old_plan_and_keeps_it(alice: User, plan: Plan) -> None:
    first = SavedPlan.store(alice, plan)
    today = START + dt.timedelta(days=20)
    second = SavedPlan.store(
        alice,
        replan(plan, today, reason="wave"),
        kind="replan",
        reason="wave",
        on=today,
        details={"held": 14},
    )
    first.refresh_from_db()
    assert (first.status, second.status, second.replaces) == ("superseded", "active", first)
    changes = PlanChange.objects.for_user(alice)
    assert [(c.kind, c.date) for c in changes] == [("replan", today), ("created", START)]
    assert changes[0].details_json == {"held": 14}


def test_a_hold_is_saved_as_a_new_plan_too(alice: User, plan: Plan) -> None:
    SavedPlan.store(alice, plan)
    held = SavedPlan.store(alice, hold_step(plan, 2, 14), kind="hold", reason="flu", on=plan.steps[1].start)
    assert SavedPlan.objects.for_user(alice).filter(status="active").get() == held
    assert SavedPlan.objects.for_user(alice).count() == 2


def test_each_person_has_their_own_active_plan(alice: User, bob: User, plan: Plan) -> None:
    SavedPlan.store(alice, plan)
    SavedPlan.store(bob, plan)
    assert SavedPlan.objects.for_user(alice).get().status == "active"
    assert SavedPlan.objects.for_user(bob).get().status == "active"


def test_the_database_allows_only_one_active_plan_per_person(alice: User, plan: Plan) -> None:
    saved = SavedPlan.store(alice, plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedPlan.objects.create(
            user=alice, request_json=saved.request_json, plan_json=saved.plan_json, knowledge_version="x"
        )
