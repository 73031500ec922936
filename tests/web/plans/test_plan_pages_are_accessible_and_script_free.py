"""The plan pages work with a keyboard and a screen reader, and run no inline script or style."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan

BuilderData = Callable[..., dict[str, str]]
ALLOWED_HX = {"hx-get", "hx-post", "hx-target", "hx-swap"}


@pytest.fixture
def pages(alice_client: Client, alice_plan: SavedPlan, builder_data: BuilderData) -> dict[str, str]:
    return {
        "builder": alice_client.get("/plan/new/").content.decode(),
        "preview": alice_client.post_form("/plan/new/", builder_data()).content.decode(),
        "errors": alice_client.post_form("/plan/new/", builder_data(cut_percent="0")).content.decode(),
        "plan": alice_client.get("/plan/").content.decode(),
        "history": alice_client.get("/plan/history/").content.decode(),
        "detail": alice_client.get(f"/plan/{alice_plan.pk}/").content.decode(),
    }


def test_every_field_has_a_label(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
        for field in fields:
            if 'type="hidden"' in field:
                continue
            field_id = re.search(r'\bid="([^"]+)"', field)
            assert field_id, f"{name}: {field} has no id"
            assert f'<label for="{field_id.group(1)}"' in html, f"{name}: {field_id.group(1)} has no label"


def test_ids_are_unique_on_each_page(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), f"{name}: {sorted({i for i in ids if ids.count(i) > 1})}"


def test_groups_of_fields_have_legends(pages: dict[str, str]) -> None:
    html = pages["builder"]
    assert html.count("<fieldset") == html.count("<legend") > 8
    assert "<legend>The medicines you taper, as you take them now</legend>" in html
    assert "<legend>Going faster than the guideline</legend>" in html


def test_no_inline_script_or_style(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all(" src=" in tag for tag in scripts), name
        assert "<style" not in html and " style=" not in html, name
        assert not re.search(r"\son[a-z]+=", html), f"{name} has an inline event handler"
        hx = set(re.findall(r"\s(hx-[a-z-]+)=", html))
        assert hx <= ALLOWED_HX, f"{name}: {hx - ALLOWED_HX}"


def test_no_external_resource_is_loaded(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), name


def test_the_chart_is_labelled_and_followed_by_its_data(pages: dict[str, str]) -> None:
    html = pages["plan"]
    assert 'role="img" aria-labelledby="taper-chart-title taper-chart-desc"' in html
    assert html.index("<svg") < html.index('<details class="chart-data">')
    assert "<figcaption>The planned diazepam equivalent goes from" in html


def test_the_step_table_has_headers_and_scrolls_by_keyboard(pages: dict[str, str]) -> None:
    html = pages["plan"]
    assert '<div class="table-scroll" role="region" aria-labelledby="steps-heading" tabindex="0">' in html
    assert '<th scope="col">DE (mg/day)</th>' in html and '<th scope="row">' in html
    assert 'aria-current="step"' in html


def test_errors_are_announced(pages: dict[str, str]) -> None:
    # The summary takes the focus (autofocus: on a full page and after an htmx swap alike).
    assert (
        '<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus'
        in pages["errors"]
    )


def test_a_plan_that_has_ended_offers_no_hold(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    from benzotaper.planning import Dose, PlanRequest, make_plan

    long_ago = dt.date(2000, 1, 3)
    plan = make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal(1)),), start=long_ago))
    SavedPlan.store(alice, plan)
    html = alice_client.get("/plan/").content.decode()
    assert "The plan has reached its end" in html
    assert "Hold this step longer" not in html and "Re-plan from the dose you actually take" in html
