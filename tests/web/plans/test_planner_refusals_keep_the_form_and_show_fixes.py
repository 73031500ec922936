"""When the planner refuses, the person sees why and what to change, with everything they typed kept."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan

BuilderData = Callable[..., dict[str, str]]


def test_a_pace_too_fast_is_refused_with_its_fixes(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(cut_percent="30", every_days="7", note="my note", action="save")
    response = alice_client.post_form("/plan/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The planner cannot make this plan" in html
    assert "A cut of 30% every 7 days removes 51% of the dose in 14 days" in html
    assert "<li>Cut a smaller percentage (the limit allows about 13.3% every 7 days).</li>" in html
    assert "<li>If your prescriber agrees to a faster taper, record their reason as an override.</li>" in html
    assert 'name="cut_percent" value="30"' in html and 'name="every_days" value="7"' in html
    assert 'value="Valium"' in html and "my note</textarea>" in html
    assert not SavedPlan.objects.for_user(alice).exists()


def test_a_micro_taper_with_tablets_only_is_refused_with_fixes_that_work(
    alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(
        doses=[("alprazolam", "0.5mg", "morning"), ("alprazolam", "0.5mg", "night")], method="micro"
    )
    html = alice_client.post_form("/plan/new/", data).content.decode()
    assert "tablets alone cannot make such small daily changes" in html
    assert "Use the percent method (a cut every two weeks) instead of a micro-taper." in html
    assert "Use an oral solution of alprazolam" not in html, "none is marketed in the UK"
    assert 'value="alprazolam"' in html


def test_with_a_recorded_reason_the_faster_pace_is_planned_and_shown(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(cut_percent="30", every_days="7", allow_fast_reason="Dr Lee agreed", action="save")
    assert alice_client.post_form("/plan/new/", data).status_code == 302
    html = alice_client.get("/plan/").content.decode()
    assert "Recorded reason: Dr Lee agreed" in html
    assert SavedPlan.objects.for_user(alice).get().plan_request().allow_fast_reason == "Dr Lee agreed"


def test_an_htmx_refusal_redraws_the_whole_builder(alice_client: Client, builder_data: BuilderData) -> None:
    data = builder_data(cut_percent="30", every_days="7")
    response = alice_client.post_form("/plan/new/", data, HTTP_HX_REQUEST="true")
    assert response["HX-Retarget"] == "#plan-builder"
    assert response["HX-Reswap"] == "outerHTML show:#plan-builder:top"  # its top, with the summary, in view
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="plan-builder">')
    assert "The planner cannot make this plan" in html and 'name="cut_percent" value="30"' in html


def test_a_refusal_shows_the_plan_as_far_as_it_can_go(
    alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(
        doses=[("lorazepam", "1mg", "night")],
        method="micro",
        crossover="on",
        forms_text="diazepam solution 5mg/ml",
        liquid_step_ml="1",
    )
    html = alice_client.post_form("/plan/new/", data).content.decode()
    assert "The plan can go this far:" in html
    assert "diazepam 10 mg night" in html
