"""Drawn charts are kept in the database for the person they were drawn for: a new process (or a
restart) shows them without drawing them again, another person never gets them, even for the same
journal, and they go with the account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from insight_history import give_history_to

from benzotaper.web.insights import chart_store
from benzotaper.web.insights.models import DrawnChart
from benzotaper.web.journal.models import SavedPlan


@pytest.fixture(autouse=True)
def nothing_in_memory() -> None:
    chart_store.forget_in_memory()  # person ids come again from test to test


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def no_drawing(*args: Any, **kwargs: Any) -> str:
    raise AssertionError("drawn again")


@pytest.mark.parametrize("path", ["/insights/", "/plan/"])
def test_a_new_process_shows_the_charts_without_drawing_them(
    alice_client: Any, alice_history: SavedPlan, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    first = svgs(alice_client.get(path).content.decode())
    assert first
    chart_store.forget_in_memory()  # as a new server process starts with nothing in memory
    for chart in ("taper_svg", "symptoms_svg", "cut_response_svg", "blood_level_svg"):
        monkeypatch.setattr(f"benzotaper.charts.{chart}", no_drawing)
    monkeypatch.setattr("benzotaper.web.plans.display.taper_svg", no_drawing)
    assert svgs(alice_client.get(path).content.decode()) == first


def test_a_new_process_reads_the_pages_stored_charts_in_one_query(
    alice_client: Any, alice_history: SavedPlan
) -> None:
    first = svgs(alice_client.get("/insights/").content.decode())
    chart_store.forget_in_memory()
    with CaptureQueriesContext(connection) as queries:
        assert svgs(alice_client.get("/insights/").content.decode()) == first
    assert len([q for q in queries if "insights_drawnchart" in q["sql"]]) == 1


def test_another_person_with_the_same_journal_never_gets_her_charts(
    alice_client: Any,
    bob_client: Any,
    alice: User,
    bob: User,
    alice_history: SavedPlan,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    give_history_to(bob)
    alice_client.get("/insights/")
    monkeypatch.setattr("benzotaper.charts.taper_svg", lambda *args, **kwargs: "<svg>drawn for bob</svg>")
    assert "<svg>drawn for bob</svg>" in bob_client.get("/insights/").content.decode()
    chart_store.forget_in_memory()
    assert "<svg>drawn for bob</svg>" not in alice_client.get("/insights/").content.decode()
    alices = DrawnChart.objects.for_user(alice).get(name="insights:taper")
    assert DrawnChart.objects.for_user(bob).get(name="insights:taper").svg != alices.svg


def test_deleting_the_account_deletes_its_charts(
    password: str, alice_client: Any, bob_client: Any, alice: User, bob: User, alice_history: SavedPlan
) -> None:
    give_history_to(bob)
    for client in (alice_client, bob_client):
        client.get("/insights/")
        client.get("/plan/")
    alice_id = alice.pk
    assert DrawnChart.objects.filter(user_id=alice_id).count() == 5  # four on Insights, one on the plan page
    alice_client.post_form("/accounts/delete/", {"password": password, "confirm": "delete"})
    assert not DrawnChart.objects.filter(user_id=alice_id).exists()
    assert DrawnChart.objects.for_user(bob).count() == 5
