"""A plan belongs to one person: another person gets a 404 for it, whatever they try."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan


def test_bob_gets_404_for_alices_plan_detail_hold_and_replan(
    bob: User, bob_client: Client, alice_plan: SavedPlan
) -> None:
    assert bob_client.get(f"/plan/{alice_plan.pk}/").status_code == 404
    hold = {"hold-step": "2", "hold-days": "7", "hold-reason": "x"}
    assert bob_client.post_form(f"/plan/{alice_plan.pk}/hold/", hold).status_code == 404
    replan = {
        "actual-TOTAL_FORMS": "1",
        "actual-INITIAL_FORMS": "1",
        "actual-0-drug": "diazepam",
        "actual-0-amount": "8mg",
        "actual-0-time": "night",
        "replan-reason": "x",
    }
    assert bob_client.post_form(f"/plan/{alice_plan.pk}/replan/", replan).status_code == 404
    assert SavedPlan.objects.for_user(alice_plan.user).count() == 1
    assert not SavedPlan.objects.for_user(bob).exists()


def test_bob_sees_neither_alices_plan_nor_her_history(bob_client: Client, alice_plan: SavedPlan) -> None:
    assert "Make a taper plan" in bob_client.get("/plan/").content.decode()
    assert "You have not saved a plan yet." in bob_client.get("/plan/history/").content.decode()


def test_a_signed_out_visitor_is_sent_to_sign_in(client: Client, alice_plan: SavedPlan) -> None:
    for path in ("/plan/new/", "/plan/history/", f"/plan/{alice_plan.pk}/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(f"/plan/{alice_plan.pk}/hold/").status_code == 302
