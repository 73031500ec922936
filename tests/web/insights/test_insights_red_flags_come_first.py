"""A red flag answered yes today or yesterday opens the Insights page with the journal's own emergency
panel: what to do, the number to call and the crisis lines, before anything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from insight_history import TODAY

from benzotaper.web.journal.models import CheckIn, SavedPlan


def test_the_emergency_panel_comes_before_everything(
    alice: User, alice_client: Any, alice_history: SavedPlan
) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY - dt.timedelta(days=1)).update(red_flags=["seizure"])
    html = alice_client.get("/insights/").content.decode()
    panel = html.index('class="red-flag-panel"')
    assert panel < html.index("<h1>") < html.index('id="insight-alerts-heading"')
    assert 'href="tel:999"' in html and "Samaritans" in html
    assert "Your taper may be going too fast" in html  # the warnings still follow


def test_an_older_red_flag_is_not_repeated(alice: User, alice_client: Any, alice_history: SavedPlan) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY - dt.timedelta(days=2)).update(red_flags=["seizure"])
    assert 'class="red-flag-panel"' not in alice_client.get("/insights/").content.decode()
