"""Holding a step: a new version of the plan, the old one kept, the reason and the day recorded."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import PlanChange, SavedPlan


def test_holding_saves_a_new_plan_and_supersedes_the_old(
    alice: User, alice_client: Client, alice_plan: SavedPlan, alice_today: dt.date
) -> None:
    html = alice_client.get("/plan/").content.decode()
    assert 'name="hold-step" value="2"' in html  # today is in step 2
    response = alice_client.post_form(
        f"/plan/{alice_plan.pk}/hold/", {"hold-step": "2", "hold-days": "7", "hold-reason": "a bad week"}
    )
    assert response.status_code == 302 and response["Location"] == "/plan/"

    alice_plan.refresh_from_db()
    held = SavedPlan.objects.for_user(alice).get(status="active")
    assert alice_plan.status == "superseded" and held.replaces == alice_plan
    assert held.reason == "a bad week" and held.name == alice_plan.name
    change = PlanChange.objects.for_user(alice).get(plan=held)
    assert (change.kind, change.date, change.reason) == ("hold", alice_today, "a bad week")
    assert change.details_json == {"step": 2, "days": 7, "replaces": alice_plan.pk}

    old, new = alice_plan.plan_json["steps"], held.plan_json["steps"]
    assert new[:2] == old[:2]
    assert (new[2]["kind"], new[2]["days"], new[2]["doses"]) == ("hold", 7, old[1]["doses"])
    assert new[2]["note"] == "Hold 7 more days: a bad week"
    later = dt.date.fromisoformat(old[2]["start"]) + dt.timedelta(days=7)
    assert new[3]["start"] == later.isoformat() and new[3]["doses"] == old[2]["doses"]
    assert "Step 2 is held 7 more days" in alice_client.get("/plan/").content.decode()


def test_a_hold_keeps_earlier_holds(alice: User, alice_client: Client, alice_plan: SavedPlan) -> None:
    hold = {"hold-step": "2", "hold-days": "7", "hold-reason": "first"}
    alice_client.post_form(f"/plan/{alice_plan.pk}/hold/", hold)
    first = SavedPlan.objects.for_user(alice).get(status="active")
    alice_client.post_form(f"/plan/{first.pk}/hold/", {**hold, "hold-days": "3", "hold-reason": "again"})
    kinds = [s["kind"] for s in SavedPlan.objects.for_user(alice).get(status="active").plan_json["steps"]]
    assert kinds[:4] == ["reduction", "reduction", "hold", "hold"]


def test_a_hold_needs_a_reason(alice_client: Client, alice_plan: SavedPlan) -> None:
    response = alice_client.post_form(f"/plan/{alice_plan.pk}/hold/", {"hold-step": "2", "hold-days": "7"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_hold-reason_error"' in html and "This field is required." in html
    assert "Your change is not saved yet" in html
    assert SavedPlan.objects.for_user(alice_plan.user).count() == 1


def test_a_step_that_does_not_exist_is_refused(alice_client: Client, alice_plan: SavedPlan) -> None:
    data = {"hold-step": "99", "hold-days": "7", "hold-reason": "x"}
    html = alice_client.post_form(f"/plan/{alice_plan.pk}/hold/", data).content.decode()
    assert "There is no step 99 to hold." in html


def test_holding_a_superseded_plan_changes_nothing(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    data = {"hold-step": "2", "hold-days": "7", "hold-reason": "x"}
    alice_client.post_form(f"/plan/{alice_plan.pk}/hold/", data)
    response = alice_client.post_form(f"/plan/{alice_plan.pk}/hold/", data)  # e.g. a second tab
    assert response.status_code == 302
    assert SavedPlan.objects.for_user(alice).count() == 2
    assert "This plan was changed in the meantime" in alice_client.get("/plan/").content.decode()


def test_holding_needs_a_post(alice_client: Client, alice_plan: SavedPlan) -> None:
    assert alice_client.get(f"/plan/{alice_plan.pk}/hold/").status_code == 405
