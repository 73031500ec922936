"""Plans through the API: made by the planner, saved as the active plan (the previous one is kept as
superseded), read back exactly as saved, renamed only, and deleted one at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from api_calls import ApiClient, create_body, today

from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import PlanChange, SavedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_a_new_plan_is_active_and_supersedes_the_previous_one(alice: User, alice_api: ApiClient) -> None:
    first = alice_api.create("plans")
    second = alice_api.create("plans", {**create_body("plans"), "name": "slower", "cut_percent": "5"})
    assert second["status"] == "active"
    assert second["replaces"] == first["id"]
    assert alice_api.send("GET", f"/api/v1/plans/{first['id']}").json()["status"] == "superseded"
    assert PlanChange.objects.for_user(alice).get(plan_id=second["id"]).kind == "created"


def test_reading_a_plan_returns_it_exactly_as_saved(alice: User, alice_api: ApiClient) -> None:
    made = alice_api.create("plans")
    saved = SavedPlan.objects.for_user(alice).get(pk=made["id"])
    read = alice_api.send("GET", f"/api/v1/plans/{made['id']}").json()
    assert read["plan"] == saved.plan_json
    assert read["request"] == saved.request_json
    assert read["plan"]["steps"][-1]["kind"] == "stop"
    assert (read["start"], read["end"]) == (saved.plan_json["start"], saved.plan_json["end"])


def test_the_list_leaves_out_the_steps(alice_api: ApiClient) -> None:
    alice_api.create("plans")
    (summary,) = alice_api.send("GET", "/api/v1/plans").json()
    assert "plan" not in summary
    assert {"id", "name", "status", "start", "end", "created_at"} <= set(summary)


def test_left_out_choices_come_from_the_profile_and_today(alice: User, alice_api: ApiClient) -> None:
    profile = Profile.of(alice)
    profile.seizure_history = True
    profile.save()
    made = alice_api.create("plans")
    assert made["start"] == today().isoformat()
    assert made["request"]["country"] == "UK"
    assert made["request"]["risk"]["seizure_history"] is True


def test_brand_names_are_planned_as_the_generic_drug(alice_api: ApiClient) -> None:
    made = alice_api.create("plans", {"regimen": [{"drug": "Valium", "time": "night", "mg": "10"}]})
    assert made["request"]["regimen"] == [{"drug": "diazepam", "time": "night", "mg": "10"}]


def test_a_drug_given_twice_at_one_time_is_422(alice_api: ApiClient) -> None:
    dose = {"drug": "diazepam", "time": "night", "mg": "5"}
    response = alice_api.send("POST", "/api/v1/plans", {"regimen": [dose, {**dose, "drug": "valium"}]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "regimen", 1]


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_an_update_only_renames_the_plan(alice_api: ApiClient, method: str) -> None:
    made = alice_api.create("plans")
    body = {"name": "the plan my GP agreed", "regimen": [{"drug": "diazepam", "time": "night", "mg": "20"}]}
    renamed = alice_api.send(method, f"/api/v1/plans/{made['id']}", body).json()
    assert renamed == {**made, "name": "the plan my GP agreed"}


def test_an_empty_patch_changes_nothing(alice_api: ApiClient) -> None:
    made = alice_api.create("plans")
    assert alice_api.send("PATCH", f"/api/v1/plans/{made['id']}", {}).json() == made


def test_deleting_the_active_plan_leaves_no_plan_active(alice: User, alice_api: ApiClient) -> None:
    first = alice_api.create("plans")
    second = alice_api.create("plans")
    assert alice_api.send("DELETE", f"/api/v1/plans/{second['id']}").status_code == 204
    (left,) = alice_api.send("GET", "/api/v1/plans").json()
    assert (left["id"], left["status"]) == (first["id"], "superseded")
    assert not PlanChange.objects.for_user(alice).filter(plan_id=second["id"]).exists()


def test_deleting_a_superseded_plan_keeps_the_active_one(alice_api: ApiClient) -> None:
    first = alice_api.create("plans")
    second = alice_api.create("plans")
    assert alice_api.send("DELETE", f"/api/v1/plans/{first['id']}").status_code == 204
    kept = alice_api.send("GET", f"/api/v1/plans/{second['id']}").json()
    assert (kept["status"], kept["replaces"]) == ("active", None)
