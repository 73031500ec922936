"""Bob sees only his own insights: on the page, in the API and in the alerts on Today. Nothing of
Alice's history (her waves, her medicines, her plan) reaches him."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import ApiToken
from benzotaper.web.journal.models import SavedPlan


def test_bob_sees_only_his_own_page(bob_client: Client, alice_history: SavedPlan) -> None:
    html = bob_client.get("/insights/").content.decode()
    assert "Nothing to show yet" in html
    for alices in ("Tramadol", "warfarin", "Wave (worse", "Since the cut", f"/plan/{alice_history.pk}/"):
        assert alices not in html


def test_bob_gets_only_his_own_insights_from_the_api(bob: User, alice_history: SavedPlan) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(bob, 'tests')[1]}")
    body = client.get("/api/v1/insights").json()
    assert [s["kind"] for s in body["segments"]] == ["no_data"] and body["interactions"] == []
    assert body["burden"]["observed_days"] == 0 and body["cut_response"]["cuts"] == []


def test_bob_never_gets_alices_alerts_on_today(bob_client: Client, alice_history: SavedPlan) -> None:
    html = bob_client.get("/").content.decode()
    assert "insight-alerts" not in html and "hold-suggestion" not in html
