"""Re-planning in the middle of a crossover starts from the mixed regimen taken today, and offers to
carry on with the crossover."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.planning import Dose, PlanRequest, make_plan
from benzotaper.web.journal.models import SavedPlan


@pytest.fixture
def crossover_plan(alice: User, alice_today: dt.date) -> Any:
    """Alice crosses over from clonazepam (three doses) to diazepam; today is in a mixed step."""
    regimen = (
        Dose("clonazepam", "morning", Decimal(1)),
        Dose("clonazepam", "midday", Decimal("0.5")),
        Dose("clonazepam", "night", Decimal(1)),
    )
    start = alice_today - dt.timedelta(days=8)
    return SavedPlan.store(
        alice, make_plan(PlanRequest(regimen=regimen, start=start, crossover_to="diazepam"))
    )


def as_posted(html: str, **changes: str) -> dict[str, str]:
    """The re-plan form as the page shows it (the pre-filled rows), with ``changes``."""
    form = html[html.index('<section id="replan"') :]
    data = dict(
        re.findall(r'<input type="(?:text|hidden)" name="((?:actual|replan)-[^"]+)" value="([^"]*)"', form)
    )
    for name, time in re.findall(
        r'<select name="(actual-\d+-time)"[^>]*>.*?<option value="(\w+)" selected', form, re.S
    ):
        data[name] = time
    box = re.search(r'<input type="checkbox" name="replan-continue_crossover"[^>]*>', form)
    if box is not None and " checked" in box.group(0):
        data["replan-continue_crossover"] = "on"
    return data | {"replan-reason": "too fast", "action": "replan"} | changes


def test_the_form_starts_from_todays_mixed_doses_and_offers_to_carry_on(
    alice_client: Client, crossover_plan: SavedPlan
) -> None:
    html = alice_client.get("/plan/").content.decode()
    data = as_posted(html)
    drugs = {data[k] for k in data if k.endswith("-drug") and data[k]}
    assert drugs == {"clonazepam", "diazepam"}  # the mixed regimen of today's step
    assert "You are in the middle of a crossover to diazepam" in html
    assert "Carry on with the crossover to diazepam" in html and data["replan-continue_crossover"] == "on"


def test_re_planning_mid_crossover_carries_on_with_it(
    alice: User, alice_client: Client, crossover_plan: SavedPlan, alice_today: dt.date
) -> None:
    html = alice_client.get("/plan/").content.decode()
    response = alice_client.post_form(f"/plan/{crossover_plan.pk}/replan/", as_posted(html))
    assert response.status_code == 302, response.content.decode()[:3000]
    new = SavedPlan.objects.for_user(alice).get(status="active")
    kinds = [step["kind"] for step in new.plan_json["steps"]]
    assert kinds[0] == "hold" and "crossover" in kinds[1:3]
    assert new.plan_request().crossover_to == "diazepam"
    assert new.plan_json["steps"][0]["start"] == alice_today.isoformat()
    last_doses = {d["drug"] for d in new.plan_json["steps"][-2]["doses"]}
    assert last_doses == {"diazepam"}


def test_unticking_tapers_the_mixed_doses_as_they_are_or_explains_why_not(
    alice: User, alice_client: Client, crossover_plan: SavedPlan
) -> None:
    html = alice_client.get("/plan/").content.decode()
    data = as_posted(html)
    del data["replan-continue_crossover"]
    response = alice_client.post_form(f"/plan/{crossover_plan.pk}/replan/", data)
    if response.status_code == 302:
        assert SavedPlan.objects.for_user(alice).get(status="active").plan_request().crossover_to is None
    else:  # the planner may refuse; it says why and keeps the form
        assert "The planner cannot re-plan from these doses" in response.content.decode()
        assert SavedPlan.objects.for_user(alice).get(status="active") == crossover_plan
