"""The page works for every stage of a taper: a plan not started yet, a crossover, no plan but listed
medicines, a medicine the model has no figures for, and a plan that has reached its end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import unescape
from typing import Any

from django.contrib.auth.models import User
from insight_history import TODAY

from benzotaper.journal import MedicationRecord
from benzotaper.planning import Dose, PlanRequest, make_plan
from benzotaper.web.journal.models import Medication, SavedPlan


def page(client: Any) -> str:
    response = client.get("/insights/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_plan_that_starts_next_week(alice: User, alice_client: Any) -> None:
    start = TODAY + dt.timedelta(days=7)
    plan = make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=start))
    SavedPlan.store(alice, plan)
    html = page(alice_client)
    assert 'id="taper-caption"' in html and "is before the plan starts" in html
    assert 'id="symptoms-caption"' not in html and "Nothing to show yet" in html
    assert "No cut of your plan has come yet." not in html  # the cuts section needs check-ins first
    assert "<strong>Your doses now:</strong> diazepam 10 mg night." in html


def test_a_crossover_compares_the_levels_before_and_after(alice: User, alice_client: Any) -> None:
    regimen = (Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1)))
    plan = make_plan(PlanRequest(regimen=regimen, start=TODAY, crossover_to="diazepam", country="UK"))
    SavedPlan.store(alice, plan)
    html = page(alice_client)
    assert "<strong>Before the crossover:</strong> alprazolam 1 mg morning and alprazolam 1 mg night." in html
    assert "<strong>After the crossover:</strong> diazepam" in html
    levels = html[html.index('id="levels-caption"') :].split("</figcaption>", 1)[0]
    assert "Before the crossover" in levels and "After the crossover" in levels and "Illustrative" in levels


def test_without_a_plan_the_listed_medicines_are_used(alice: User, alice_client: Any) -> None:
    for record in (
        MedicationRecord("Xanax", "benzodiazepine", "0.5mg", "morning"),
        MedicationRecord("clonazepam", "benzodiazepine", "a little", "night"),  # no amount to model
    ):
        Medication.from_record(alice, record).save()
    html = page(alice_client)
    assert "<strong>Your doses:</strong> Xanax 0.5 mg morning." in html
    assert 'id="levels-caption"' in html
    assert "There is no plan, so there are no cuts" not in html  # no check-ins: the section is not shown


def test_a_medicine_without_figures_is_said_so(alice: User, alice_client: Any) -> None:
    Medication.from_record(alice, MedicationRecord("Mysterazepam", "benzodiazepine", "1mg", "night")).save()
    html = page(alice_client)
    assert "<strong>Your doses:</strong> Mysterazepam 1 mg night." in html
    assert 'id="levels-caption"' not in html


def test_a_plan_that_has_ended_has_no_hold_and_no_curve(alice: User, alice_client: Any) -> None:
    start = TODAY - dt.timedelta(days=400)
    plan = make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal(2)),), start=start))
    SavedPlan.store(alice, plan)
    html = page(alice_client)
    assert "Today, 4 Apr 2027, is after the plan's last day." in unescape(html)
    assert "Blood levels through the day" not in html
