"""Every choice in the builder reaches the planner's request, and is saved with the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.planning import Dose, HoldAt, PlanRequest, RiskFactors, parse_form, request_to_dict
from benzotaper.web.journal.models import SavedPlan

BuilderData = Callable[..., dict[str, str]]


def test_every_option_is_in_the_saved_request(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    forms_text = "diazepam tablet 2mg,5mg\ndiazepam solution 1mg/ml\nXanax tablet 0.25mg,0.5mg"
    data = builder_data(
        doses=[("alprazolam", "0.5mg", "morning"), ("Xanax", "0.5 mg", "night")],
        action="save",
        method="fixed",
        step_mg="1mg",
        every_days="21",
        crossover="on",
        forms_text=forms_text,
        country="US",
        liquid_step_ml="0.2",
        slow_end=None,
        dose_order="even",
        holds_text="5mg:28\n2.5mg : 14 days",
        start="2027-03-01",
        allow_fast_reason="agreed with Dr Lee",
        seizure_history="on",
        age_65_or_over="on",
        alcohol_use="on",
        opioid_use="on",
        other_sedatives="on",
        days_of_use="400",
    )
    response = alice_client.post_form("/plan/new/", data)
    assert response.status_code == 302, response.content.decode()
    expected = PlanRequest(
        regimen=(
            Dose("alprazolam", "morning", Decimal("0.5")),
            Dose("alprazolam", "night", Decimal("0.5")),
        ),
        start=dt.date(2027, 3, 1),
        method="fixed",
        step_mg=Decimal(1),
        every_days=21,
        crossover_to="diazepam",
        forms=tuple(f for line in forms_text.splitlines() for f in parse_form(line, country="US")),
        country="US",
        liquid_step_ml=Decimal("0.2"),
        slow_end=False,
        dose_order="even",
        holds=(HoldAt(Decimal(5), 28), HoldAt(Decimal("2.5"), 14)),
        risk=RiskFactors(True, True, True, True, True, 400),
        allow_fast_reason="agreed with Dr Lee",
    )
    saved = SavedPlan.objects.for_user(alice).get()
    assert saved.request_json == request_to_dict(expected)
    assert saved.plan_request() == expected
    assert saved.plan_json["overrides"] == [{"code": "faster_than_guideline", "reason": "agreed with Dr Lee"}]


def test_a_percent_and_interval_reach_the_request(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    alice_client.post_form(
        "/plan/new/", builder_data(action="save", method="percent", cut_percent="5", every_days="30")
    )
    request = SavedPlan.objects.for_user(alice).get().plan_request()
    assert (request.method, request.cut_percent, request.every_days) == ("percent", Decimal(5), 30)
    assert request.slow_end is True and request.dose_order == "sequential"


def test_options_a_method_does_not_use_are_left_out(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    # A step typed for the fixed method, then the Ashton method chosen: no refusal, no step.
    data = builder_data(action="save", method="ashton", step_mg="1mg", cut_percent="5")
    assert alice_client.post_form("/plan/new/", data).status_code == 302
    request = SavedPlan.objects.for_user(alice).get().plan_request()
    assert (request.method, request.step_mg, request.cut_percent) == ("ashton", None, None)


def test_empty_options_take_the_guideline_defaults(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    alice_client.post_form("/plan/new/", builder_data(action="save"))
    request = SavedPlan.objects.for_user(alice).get().plan_request()
    assert (request.cut_percent, request.every_days, request.forms, request.holds) == (None, None, (), ())
    assert request.allow_fast_reason is None
