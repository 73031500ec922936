"""The plans API takes planned drug-free nights like the builder and the CLI, and refuses them the same
way for a benzodiazepine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from api_calls import ApiClient

from benzotaper.web.journal.models import SavedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ZOLPIDEM = [{"drug": "zolpidem", "time": "night", "mg": "10"}]


def test_a_z_drug_plan_with_drug_free_nights_ends_on_fewer_nights_a_week(
    alice: User, alice_api: ApiClient
) -> None:
    made = alice_api.create("plans", {"regimen": ZOLPIDEM, "drug_free_nights": True})
    saved = SavedPlan.objects.for_user(alice).get(pk=made["id"])
    assert saved.plan_request().drug_free_nights is True
    assert [s["nights_per_week"] for s in saved.plan_json["steps"] if s["doses"]][-1] == 3


def test_for_a_benzodiazepine_it_is_refused_with_what_to_do(alice: User, alice_api: ApiClient) -> None:
    body = {"regimen": [{"drug": "diazepam", "time": "night", "mg": "10"}], "drug_free_nights": True}
    response = alice_api.send("POST", "/api/v1/plans", body)
    assert 400 <= response.status_code < 500
    text = response.content.decode()
    assert "diazepam is not one" in text and "Leave drug-free nights off" in text
    assert not SavedPlan.objects.for_user(alice).exists()
