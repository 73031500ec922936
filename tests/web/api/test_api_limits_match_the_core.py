"""The API's limits are the core's own: it checks none itself, and its OpenAPI document shows them."""

from __future__ import annotations

from api_calls import ApiClient
from django.test import Client

from benzotaper.planning import MOST_DAYS, MOST_MG, PLAN_START_LATEST


def test_the_openapi_document_shows_the_planners_limits(client: Client) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    hold = schemas["HoldIn"]["properties"]
    assert hold["days"]["maximum"] == MOST_DAYS
    assert PLAN_START_LATEST.isoformat() in str(schemas["PlanIn"]["properties"]["start"])
    assert str(MOST_MG) in schemas["RegimenDose"]["properties"]["mg"]["description"]


def test_a_value_out_of_the_planners_limits_is_refused_in_its_words(alice_api: ApiClient) -> None:
    body = {
        "regimen": [{"drug": "diazepam", "time": "night", "mg": "10"}],
        "holds": [{"de_mg": "5", "days": 0}],
    }
    response = alice_api.send("POST", "/api/v1/plans", body)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "holds", 0]
    assert error["msg"] == "A hold of 0 days is not possible."
    assert error["fixes"] == [f"Hold from 1 to {MOST_DAYS} days."]
