"""Input that is wrong answers 422 with where (``loc``) and why (``msg``), whether it is in the body,
the query or the path, and nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest
from api_calls import ApiClient, create_body, days_ago

from benzotaper.journal import DOSE_MG_MAX


def refusal(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 422, response.content
    errors: list[dict[str, Any]] = response.json()["detail"]
    assert errors and all(error["msg"] for error in errors)
    return errors


def locs(response: Any) -> list[list[str | int]]:
    return [error["loc"] for error in refusal(response)]


@pytest.mark.parametrize(
    ("resource", "change", "loc"),
    [
        ("checkins", {"symptoms": [{"symptom": "anxiety", "severity": 7}]}, ["symptoms", 0, "severity"]),
        ("checkins", {"symptoms": [{"symptom": "anxiety", "severity": -1}]}, ["symptoms", 0, "severity"]),
        ("checkins", {"wellbeing": 11}, ["wellbeing"]),
        ("checkins", {"sleep_hours": "24.5"}, ["sleep_hours"]),
        ("checkins", {"sleep_hours": "7.125"}, ["sleep_hours"]),
        ("checkins", {"date": days_ago(-1)}, ["date"]),
        ("checkins", {"symptoms": [{"symptom": "itchy elbows", "severity": 1}]}, ["symptoms", 0, "symptom"]),
        ("checkins", {"red_flags": ["tired"]}, ["red_flags", 0]),
        ("checkins", {"events": [{"kind": "party", "text": ""}]}, ["events", 0, "kind"]),
        ("doses", {"date": days_ago(-1)}, ["date"]),
        ("doses", {"time_of_day": "noon"}, ["time_of_day"]),
        ("doses", {"taken_mg": "abc"}, ["taken_mg"]),
        ("doses", {"taken_mg": "0"}, ["taken_mg"]),
        ("doses", {"taken_mg": "-0.5", "status": "different"}, ["taken_mg"]),
        ("doses", {"taken_mg": str(DOSE_MG_MAX + 1), "status": "different"}, ["taken_mg"]),
        ("doses", {"taken_mg": "0.12345", "status": "different"}, ["taken_mg"]),
        ("doses", {"taken_mg": "NaN"}, ["taken_mg"]),
        ("doses", {"status": "forgot"}, ["status"]),
        ("doses", {"status": "skipped"}, ["taken_mg"]),
        ("doses", {"status": "different", "taken_mg": None}, ["taken_mg"]),
        ("doses", {"taken_mg": "0.25"}, ["taken_mg"]),  # as_planned, but not the planned amount
        ("doses", {"drug": "   "}, ["drug"]),
        ("doses", {"note": "a\x00b"}, ["note"]),
        ("medications", {"kind": "opioid"}, ["kind"]),
        ("medications", {"started": days_ago(10), "stopped": days_ago(20)}, ["stopped"]),
        ("medications", {"name": "x" * 201}, ["name"]),
        ("plans", {"regimen": []}, ["regimen"]),
        ("plans", {"regimen": [{"drug": "diazepam", "time": "night", "mg": "abc"}]}, ["regimen", 0, "mg"]),
        ("plans", {"method": "cold turkey"}, ["method"]),
        ("plans", {"cut_percent": "100"}, ["cut_percent"]),
        ("plans", {"every_days": 0}, ["every_days"]),
        ("plans", {"country": "united kingdom"}, ["country"]),
        ("plans", {"start": "1999-12-31"}, ["start"]),
    ],
)
def test_a_wrong_value_is_422_with_its_place_and_nothing_is_saved(
    alice_api: ApiClient, resource: str, change: dict[str, Any], loc: list[str | int]
) -> None:
    response = alice_api.send("POST", f"/api/v1/{resource}", {**create_body(resource), **change})
    assert ["body", "payload", *loc] in locs(response)
    assert alice_api.send("GET", f"/api/v1/{resource}").json() == []


def test_a_missing_field_is_422(alice_api: ApiClient) -> None:
    body = create_body("doses")
    del body["status"]
    assert locs(alice_api.send("POST", "/api/v1/doses", body)) == [["body", "payload", "status"]]


def test_a_body_that_is_not_json_is_422(alice_api: ApiClient) -> None:
    response = alice_api.send("POST", "/api/v1/checkins", '{"date": ')
    assert refusal(response) == [
        {"type": "json_invalid", "loc": ["body"], "msg": "The body is not valid JSON."}
    ]


def test_an_empty_body_is_422(alice_api: ApiClient) -> None:
    assert locs(alice_api.send("POST", "/api/v1/medications", "")) == [["body", "payload"]]


@pytest.mark.parametrize("record_id", ["abc", "0", "-1", "1.5", str(2**63)])
def test_an_id_that_cannot_be_a_record_is_422(alice_api: ApiClient, record_id: str) -> None:
    assert locs(alice_api.send("GET", f"/api/v1/doses/{record_id}")) == [["path", "dose_id"]]


def test_an_update_without_its_version_is_422(alice_api: ApiClient) -> None:
    record = alice_api.create("medications")
    response = alice_api.send("PATCH", f"/api/v1/medications/{record['id']}", {"notes": "no version"})
    assert locs(response) == [["body", "payload", "version"]]


def test_a_patch_cannot_empty_a_required_field(alice_api: ApiClient) -> None:
    record = alice_api.create("doses")
    response = alice_api.send("PATCH", f"/api/v1/doses/{record['id']}", {"version": 1, "date": None})
    assert ["body", "payload", "date"] in locs(response)
    assert alice_api.send("GET", f"/api/v1/doses/{record['id']}").json() == record


def test_a_patch_is_checked_as_a_whole_record(alice_api: ApiClient) -> None:
    record = alice_api.create("doses")
    response = alice_api.send("PATCH", f"/api/v1/doses/{record['id']}", {"version": 1, "status": "skipped"})
    assert locs(response) == [["body", "payload", "taken_mg"]]


def test_a_custom_symptom_rated_twice_in_any_case_is_422(alice_api: ApiClient) -> None:
    twice = [
        {"symptom": "Jaw ache", "severity": 1, "custom": True},
        {"symptom": "jaw ACHE", "severity": 2, "custom": True},
    ]
    response = alice_api.send("POST", "/api/v1/checkins", {**create_body("checkins"), "symptoms": twice})
    assert locs(response) == [["body", "payload", "symptoms", 1, "symptom"]]


def test_a_plan_the_planner_refuses_is_422_with_the_reason_and_fixes(alice_api: ApiClient) -> None:
    body = {**create_body("plans"), "cut_percent": "60"}
    (error,) = refusal(alice_api.send("POST", "/api/v1/plans", body))
    assert error["type"] == "too_fast"
    assert error["loc"] == ["body", "payload"]
    assert "25%" in error["msg"]
    assert error["fixes"]
    assert alice_api.send("GET", "/api/v1/plans").json() == []


def test_an_unknown_drug_is_422_with_suggestions(alice_api: ApiClient) -> None:
    body = {"regimen": [{"drug": "diazepan", "time": "night", "mg": "10"}]}
    (error,) = refusal(alice_api.send("POST", "/api/v1/plans", body))
    assert error["type"] == "unknown_drug"
    assert error["loc"] == ["body", "payload", "regimen", 0, "drug"]
    assert "Did you mean diazepam?" in error["fixes"]


def test_forms_too_fine_to_plan_with_are_422_not_a_long_wait(alice_api: ApiClient) -> None:
    body = {
        "regimen": [{"drug": "diazepam", "time": "night", "mg": "100"}],
        "forms": [{"drug": "diazepam", "form": "oral_solution", "strength_mg": "0.0001"}],
        "liquid_step_ml": "0.01",
    }
    (error,) = refusal(alice_api.send("POST", "/api/v1/plans", body))
    assert error["type"] == "bad_input"
    assert "too small" in error["msg"]
