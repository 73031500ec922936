"""``GET /api/v1/symptoms`` lists the checklist codes a check-in accepts; an unknown code's 422 says
where to find them."""

from __future__ import annotations

from api_calls import ApiClient, days_ago

from benzotaper.knowledge import load_red_flags, load_symptoms


def test_it_lists_every_code_a_check_in_accepts_with_its_words_and_the_scale(alice_api: ApiClient) -> None:
    response = alice_api.get("/api/v1/symptoms")
    assert response.status_code == 200
    body = response.json()
    checklist = load_symptoms()
    assert [s["code"] for s in body["symptoms"]] == [item.code for item in checklist.rated_items]
    anxiety = next(s for s in body["symptoms"] if s["code"] == "anxiety")
    assert anxiety["label"] == checklist.item("anxiety").label and anxiety["question"]
    assert [p["value"] for p in body["scale"]] == [0, 1, 2, 3, 4]
    assert {f["code"] for f in body["red_flags"]} == {f.code for f in load_red_flags().emergency_signs}


def test_an_unknown_code_is_refused_and_told_where_the_codes_are(alice_api: ApiClient) -> None:
    body = {"date": days_ago(0), "symptoms": [{"symptom": "itchy elbows", "severity": 1}]}
    response = alice_api.send("POST", "/api/v1/checkins", body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert "GET /api/v1/symptoms lists the codes" in error["msg"]


def test_it_needs_a_signed_in_person(db: None) -> None:
    assert ApiClient("bzt_not_a_token").get("/api/v1/symptoms").status_code == 401
