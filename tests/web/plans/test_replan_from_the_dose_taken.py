"""Re-planning from the doses really taken: a new plan from today, the old one kept."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import PlanChange, SavedPlan


def actual(*rows: tuple[str, str, str], reason: str = "went back up") -> dict[str, str]:
    data = {
        "actual-TOTAL_FORMS": str(len(rows)),
        "actual-INITIAL_FORMS": str(len(rows)),
        "replan-reason": reason,
        "action": "replan",
    }
    for index, (drug, amount, time) in enumerate(rows):
        data |= {f"actual-{index}-drug": drug, f"actual-{index}-amount": amount, f"actual-{index}-time": time}
    return data


def test_the_form_starts_from_todays_planned_doses(alice_client: Client, alice_plan: SavedPlan) -> None:
    html = alice_client.get("/plan/").content.decode()
    assert 'name="actual-0-drug" value="diazepam"' in html
    assert 'name="actual-0-amount" value="8mg"' in html  # step 2's dose


def test_re_planning_from_a_higher_dose_starts_today_from_it(
    alice: User, alice_client: Client, alice_plan: SavedPlan, alice_today: dt.date
) -> None:
    response = alice_client.post_form(f"/plan/{alice_plan.pk}/replan/", actual(("Valium", "10mg", "night")))
    assert response.status_code == 302 and response["Location"] == "/plan/"

    alice_plan.refresh_from_db()
    new = SavedPlan.objects.for_user(alice).get(status="active")
    assert alice_plan.status == "superseded" and new.replaces == alice_plan
    first = new.plan_json["steps"][0]
    assert (first["start"], first["kind"], first["diazepam_equivalent_mg"]) == (
        alice_today.isoformat(),
        "hold",
        "10",
    )
    assert first["days"] == 14  # a different dose is held a whole interval first
    assert new.plan_json["replanned_from"].startswith(f"Re-planned on {alice_today.isoformat()} from")
    assert new.plan_request().regimen[0].mg == 10
    change = PlanChange.objects.for_user(alice).get(plan=new)
    assert (change.kind, change.date, change.reason) == ("replan", alice_today, "went back up")
    assert change.details_json["doses"] == [{"drug": "diazepam", "time": "night", "mg": "10"}]


def test_re_planning_uses_the_risk_factors_of_today(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    from benzotaper.web.accounts.models import Profile

    profile = Profile.of(alice)
    profile.seizure_history = True
    profile.save()
    alice_client.post_form(f"/plan/{alice_plan.pk}/replan/", actual(("diazepam", "8mg", "night")))
    codes = [w["code"] for w in SavedPlan.objects.for_user(alice).get(status="active").plan_json["warnings"]]
    assert "risk_seizure_history" in codes


def test_a_re_plan_needs_a_reason_and_readable_doses(alice_client: Client, alice_plan: SavedPlan) -> None:
    data = actual(("diazepam", "8 mgs", "night"), reason="")
    html = alice_client.post_form(f"/plan/{alice_plan.pk}/replan/", data).content.decode()
    assert 'id="id_replan-reason_error"' in html
    assert 'id="id_actual-0-amount_error"' in html and "Unknown unit" in html
    assert 'value="8 mgs"' in html
    assert SavedPlan.objects.for_user(alice_plan.user).count() == 1


def test_a_dose_the_forms_cannot_make_is_refused_with_fixes(
    alice_client: Client, alice_plan: SavedPlan
) -> None:
    html = alice_client.post_form(
        f"/plan/{alice_plan.pk}/replan/", actual(("diazepam", "0.3mg", "night"))
    ).content.decode()
    assert "The planner cannot re-plan from these doses" in html
    assert (
        "cannot be made from the forms" in html
        and "<li>Declare the diazepam forms you really have.</li>" in html
    )


def test_more_rows_for_the_doses_taken(alice_client: Client, alice_plan: SavedPlan) -> None:
    data = {**actual(("diazepam", "8mg", "night"), reason="typed"), "action": "more_rows"}
    html = alice_client.post_form(f"/plan/{alice_plan.pk}/replan/", data).content.decode()
    assert 'name="actual-1-drug"' in html and "typed</textarea>" in html
    partial = alice_client.post_form(f"/plan/{alice_plan.pk}/replan/", data, HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<div id="actual-rows" class="rows">')
