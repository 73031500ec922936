"""The active plan is read from the database's text of its JSON (``SavedPlanQuerySet.as_texts``), and a
text read before in the process is not decoded again: the same plan as the decoded JSON gives, read
anew once the stored JSON changes, and the row's JSON fields still readable. What is kept (and a plan's
supply table, ``plans.display``) is in memory only and dropped when any account is deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from benzotaper.planning import Dose, PlanRequest, make_plan
from benzotaper.web.journal import models
from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.journal.planned import active_plan
from benzotaper.web.plans import display

if TYPE_CHECKING:
    from django.contrib.auth.models import User

START = dt.date(2027, 1, 4)


def _store(user: User) -> SavedPlan:
    regimen = (Dose("diazepam", "morning", Decimal(10)), Dose("diazepam", "night", Decimal(5)))
    return SavedPlan.store(user, make_plan(PlanRequest(regimen=regimen, start=START)))


def test_it_reads_the_same_plan_and_request_as_the_decoded_json(alice: User) -> None:
    _store(alice)
    saved = active_plan(alice)
    assert saved is not None
    decoded = SavedPlan.objects.for_user(alice).get()
    assert saved.plan() == decoded.plan()
    assert saved.plan_request() == decoded.plan_request()
    assert (saved.plan_json, saved.request_json) == (decoded.plan_json, decoded.request_json)


def test_it_keeps_a_plan_read_before_for_the_same_text(alice: User) -> None:
    _store(alice)
    first, again = active_plan(alice), active_plan(alice)
    assert first is not None and again is not None
    assert again.plan() is first.plan()


def test_it_reads_the_plan_anew_when_its_stored_json_changed(alice: User) -> None:
    saved = _store(alice)
    before = active_plan(alice)
    assert before is not None and before.plan().steps[0].note != "changed"
    changed = dict(saved.plan_json)
    changed["steps"] = [{**changed["steps"][0], "note": "changed"}, *changed["steps"][1:]]
    SavedPlan.objects.for_user(alice).update(plan_json=changed)
    after = active_plan(alice)
    assert after is not None
    assert after.plan().steps[0].note == "changed"
    SavedPlan.objects.for_user(alice).update(plan_json={"steps": "not a plan"})
    unreadable = active_plan(alice)
    assert unreadable is not None and unreadable.readable_plan() is None


def test_a_deleted_account_takes_every_kept_plan_and_supply_table_with_it(alice: User, bob: User) -> None:
    _store(alice)
    saved = active_plan(alice)
    assert saved is not None
    display._supply_lines(saved.plan())
    assert models._plan_of_texts.cache_info().currsize > 0
    assert display._supply_lines.cache_info().currsize > 0
    bob.delete()
    assert models._plan_of_texts.cache_info().currsize == 0
    assert models._request_of_text.cache_info().currsize == 0
    assert display._supply_lines.cache_info().currsize == 0
