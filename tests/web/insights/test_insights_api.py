"""``GET /api/v1/insights``: the analysis as JSON (``Insights.to_dict()``), with a token or a session,
as of the person's today or an earlier ``today``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import ApiToken
from benzotaper.web.insights.data import insights_for
from benzotaper.web.journal.models import SavedPlan


def token_client(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user, 'tests')[1]}")


def read(client: Client, query: str = "") -> Any:
    return client.get(f"/api/v1/insights{query}")


def test_it_answers_the_whole_analysis(alice: User, alice_history: SavedPlan) -> None:
    response = read(token_client(alice))
    assert response.status_code == 200
    body = response.json()
    assert body == insights_for(alice).to_dict()
    assert set(body) == {
        "today", "knowledge_version", "burden", "segments", "current", "cut_response", "trend",
        "interdose", "alerts", "interactions",
    }  # fmt: skip
    assert body["today"] == "2027-04-04"
    assert [(s["kind"], s["start"], s["end"], s["mean_burden"]) for s in body["segments"]][-2:] == [
        ("neutral", "2027-02-24", "2027-03-27", 25.0),
        ("wave", "2027-03-28", "2027-04-04", 58.3),
    ]
    assert body["current"]["kind"] == "wave"
    response_to_cuts = body["cut_response"]
    assert response_to_cuts["cuts_used"] == 6 and response_to_cuts["waves_after_cut"] == 2
    assert {"rise_day", "peak_day", "peak_change", "settle_day", "change_by_day"} <= set(response_to_cuts)
    assert [(a["code"], a["severity"], a["suggest_hold_days"]) for a in body["alerts"]] == [
        ("worse_after_cut", "warning", 14)
    ]
    assert [(f["name"], f["severity"]) for f in body["interactions"]] == [
        ("Tramadol 50mg", "major"),
        ("warfarin", "none"),
    ]


def test_today_judges_as_of_an_earlier_day(alice: User, alice_history: SavedPlan) -> None:
    body = read(token_client(alice), "?today=2027-03-20").json()
    assert body["today"] == "2027-03-20" and body["burden"]["end"] == "2027-03-20"
    assert body["alerts"] == []
    assert body["segments"][-1]["end"] == "2027-03-20"


def test_a_day_after_today_is_refused(alice: User) -> None:
    response = read(token_client(alice), "?today=2027-04-05")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "today"]
    assert read(token_client(alice), "?today=soon").status_code == 422


def test_a_new_person_gets_empty_insights(alice: User) -> None:
    body = read(token_client(alice)).json()
    assert [s["kind"] for s in body["segments"]] == ["no_data"] and body["burden"]["observed_days"] == 0
    assert [a["code"] for a in body["alerts"]] == ["no_recent_checkins"]


def test_a_session_works_too_and_nobody_else_gets_in(alice_client: Client, client: Client) -> None:
    assert read(alice_client).status_code == 200
    assert read(client).status_code == 401
    assert read(Client(HTTP_AUTHORIZATION="Bearer bzt_not-a-token")).status_code == 401


def test_the_openapi_document_describes_the_answer(client: Client) -> None:
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/v1/insights"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/InsightsOut"
    }
    schema = document["components"]["schemas"]["SegmentOut"]
    assert set(schema["required"]) >= {"kind", "start", "end", "mean_burden"}
    assert schema["properties"]["kind"]["enum"] == ["window", "wave", "neutral", "no_data"]
