"""Charts are drawn again only when what they show changed: a second look at an unchanged journal takes
them as drawn, and a new check-in draws the symptom chart anew."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from insight_history import TODAY, save_checkin

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.web.insights import chart_store
from benzotaper.web.journal.models import CheckIn, SavedPlan


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def test_an_unchanged_journal_draws_nothing_again(
    alice_client: Any, alice_history: SavedPlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart_store.forget_in_memory()
    first = svgs(alice_client.get("/insights/").content.decode())
    assert len(first) == 8  # four charts, each wide and for a phone

    def no_drawing(*args: Any, **kwargs: Any) -> str:
        raise AssertionError("drawn again")

    monkeypatch.setattr("benzotaper.charts.symptoms_svg", no_drawing)
    monkeypatch.setattr("benzotaper.charts.taper_svg", no_drawing)
    assert svgs(alice_client.get("/insights/").content.decode()) == first


def test_a_new_check_in_draws_the_symptoms_again(
    alice: User, alice_client: Any, alice_history: SavedPlan
) -> None:
    before = svgs(alice_client.get("/insights/").content.decode())
    CheckIn.objects.for_user(alice).filter(date=TODAY).delete()
    save_checkin(alice, CheckInRecord(TODAY, symptoms=(SymptomScore("anxiety", 4),)))
    after = svgs(alice_client.get("/insights/").content.decode())
    assert after[2:4] != before[2:4]  # the symptom chart, wide and for a phone
    assert after[0:2] == before[0:2]  # the taper chart: nothing it shows changed


def test_the_cache_keeps_only_the_latest_charts(alice_client: Any, alice_history: SavedPlan) -> None:
    chart_store.forget_in_memory()
    for _ in range(2):
        alice_client.get("/insights/")
    assert len(chart_store._memory) == 4 <= chart_store.CACHE_SIZE
