"""``SavedPlan.plan()`` is the one way a saved plan is read: the planner's ``Plan`` exactly as saved, read
once per row; a stored plan that cannot be read is a clear ValueError, and the pages and the API then show
no plan (or say why) rather than a server error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benzotaper.planning import Dose, Plan, PlanRequest, hold_step, make_plan
from benzotaper.web.journal.models import SavedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

START = dt.date(2027, 1, 4)


@pytest.fixture(scope="module")
def plan() -> Plan:
    regimen = (Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1)))
    return hold_step(
        make_plan(PlanRequest(regimen=regimen, start=START, crossover_to="diazepam")), 2, 7, "flu"
    )


def test_it_reads_back_the_plan_that_was_saved(alice: User, plan: Plan) -> None:
    SavedPlan.store(alice, plan)
    assert SavedPlan.objects.for_user(alice).get().plan() == plan


def test_it_reads_the_plan_once_per_row(alice: User, plan: Plan) -> None:
    saved = SavedPlan.objects.for_user(alice).get(pk=SavedPlan.store(alice, plan).pk)
    first = saved.plan()
    with CaptureQueriesContext(connection) as queries:
        assert saved.plan() is first
        assert saved.readable_plan() is first
    assert len(queries) == 0


def test_an_unreadable_stored_plan_is_a_value_error_and_reads_as_none(alice: User, plan: Plan) -> None:
    SavedPlan.store(alice, plan)
    SavedPlan.objects.for_user(alice).update(plan_json={"steps": "not a plan"})
    saved = SavedPlan.objects.for_user(alice).get()
    with pytest.raises(ValueError, match="cannot be read"):
        saved.plan()
    assert saved.readable_plan() is None


@pytest.mark.parametrize("path", ["/", "/plan/", "/journal/dose/new/", "/insights/", "/api/v1/plans"])
def test_an_unreadable_stored_plan_is_never_a_server_error(
    alice: User, alice_client: Client, plan: Plan, path: str
) -> None:
    SavedPlan.store(alice, plan)
    SavedPlan.objects.for_user(alice).update(plan_json={"steps": "not a plan"})
    response = alice_client.get(path, follow=True)
    assert response.status_code == 200, response.content[:500]


def test_the_plan_page_says_an_unreadable_plan_cannot_be_shown(
    alice: User, alice_client: Client, plan: Plan
) -> None:
    saved = SavedPlan.store(alice, plan)
    SavedPlan.objects.for_user(alice).update(plan_json={"steps": "not a plan"})
    for path in ("/plan/", f"/plan/{saved.pk}/"):
        page = alice_client.get(path, follow=True).content.decode()
        assert "This saved plan cannot be read to show or change it; make a new plan instead." in page


def test_the_api_lists_an_unreadable_plan_without_its_dates(
    alice: User, alice_client: Client, plan: Plan
) -> None:
    SavedPlan.store(alice, plan)
    SavedPlan.objects.for_user(alice).update(plan_json={"steps": "not a plan"})
    listed = alice_client.get("/api/v1/plans").json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert [(row["start"], row["end"]) for row in rows] == [(None, None)]
