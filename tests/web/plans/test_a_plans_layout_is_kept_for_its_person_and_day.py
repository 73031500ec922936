"""A saved plan's layout (its steps, chart and supply: ``plans.laid_out``) is written once for the
person, the plan's stored text and the day, and kept: a new day marks the new step, a changed plan
shows at once, each person has their own, and nothing is kept once an account is deleted."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.plans import laid_out


def _current_step(client: Client, url: str = "/plan/") -> str:
    page = client.get(url).content.decode()
    current = re.search(r'aria-current="step">\s*<th scope="row">\s*(\d+)', page)
    assert current is not None
    return current.group(1)


def test_the_step_marked_today_moves_with_the_day(
    alice_client: Client, alice_plan: SavedPlan, alice_today: dt.date
) -> None:
    assert _current_step(alice_client) == _current_step(alice_client) == "2"
    later = dt.datetime.combine(alice_today + dt.timedelta(days=10), dt.time(12), tzinfo=dt.UTC)
    with time_machine.travel(later, tick=False):
        assert _current_step(alice_client) == "3"
        assert _current_step(alice_client, f"/plan/{alice_plan.pk}/") == "3"


def test_a_held_plan_is_laid_out_anew(alice_client: Client, alice_plan: SavedPlan) -> None:
    before = alice_client.get("/plan/").content.decode()
    held = alice_client.post_form(
        f"/plan/{alice_plan.pk}/hold/", {"hold-step": "2", "hold-days": "9", "hold-reason": "a hard week"}
    )
    assert held.status_code == 302
    after = alice_client.get("/plan/").content.decode()
    assert 'class="step-hold' not in before and 'class="step-hold' in after


def test_each_person_has_their_own_layout(
    alice: User, bob: User, alice_client: Client, bob_client: Client, alice_plan: SavedPlan
) -> None:
    bobs = SavedPlan.store(bob, alice_plan.plan(), name="the same plan")  # the same text as Alice's
    laid_out._kept.forget()
    alice_client.get("/plan/")
    bob_client.get("/plan/")
    bob_client.get(f"/plan/{bobs.pk}/")
    assert sorted(key[0][0] for key in laid_out._kept._kept) == sorted([alice.pk, bob.pk])  # (person, …)


def test_nothing_is_kept_once_an_account_is_deleted(
    alice_client: Client, alice_plan: SavedPlan, bob: User
) -> None:
    alice_client.get("/plan/")
    assert laid_out._kept._kept
    bob.delete()
    assert not laid_out._kept._kept
