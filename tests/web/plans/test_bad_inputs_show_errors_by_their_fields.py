"""What cannot be read is shown next to the field it is in, the form stays filled in, and no input
makes the page fail."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benzotaper.web.journal.models import SavedPlan

BuilderData = Callable[..., dict[str, str]]


def error_of(html: str, field_id: str) -> str:
    """The error list shown for a field, which the field (or its group's fieldset) names in
    aria-describedby, as text."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', html, re.S)
    assert match, f"no error shown for {field_id}"
    assert re.search(rf'aria-describedby="[^"]*{field_id}_error"', html)
    assert 'aria-invalid="true"' in html
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def test_an_unknown_drug_is_marked_with_a_suggestion(alice_client: Client, builder_data: BuilderData) -> None:
    html = alice_client.post_form(
        "/plan/new/", builder_data(doses=[("xanaz", "1mg", "night")])
    ).content.decode()
    assert "Unknown drug 'xanaz'. Did you mean xanax?" in error_of(html, "id_dose-0-drug")
    assert 'value="xanaz"' in html


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("2 mgs", "Unknown unit 'mgs' in '2 mgs'."),
        ("-1mg", "The amount '-1mg' is negative."),
        ("2", "has no unit"),
        ("2,5mg", "uses a comma for decimals"),
        ("0mg", "is zero"),
        ("lots", "is not an amount"),
    ],
)
def test_an_amount_that_cannot_be_read_is_marked(
    alice_client: Client, builder_data: BuilderData, amount: str, message: str
) -> None:
    data = builder_data(doses=[("diazepam", amount, "night")], action="save")
    html = alice_client.post_form("/plan/new/", data).content.decode()
    assert message in error_of(html, "id_dose-0-amount")


def test_a_half_filled_row_names_what_is_missing(alice_client: Client, builder_data: BuilderData) -> None:
    html = alice_client.post_form(
        "/plan/new/", builder_data(doses=[("diazepam", "5mg", "")])
    ).content.decode()
    assert "No time of day chosen." in error_of(html, "id_dose-0-time")


def test_no_dose_at_all_is_refused(alice_client: Client, builder_data: BuilderData) -> None:
    html = alice_client.post_form("/plan/new/", builder_data(doses=[("", "", "")])).content.decode()
    assert "Give at least one dose you take now." in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("forms_text", "diazepam tablet 2", "Line 1: The strength '2' has no unit."),
        ("forms_text", "diazepam\ndiazepam pill 2mg", "Line 1: No form in 'diazepam'."),
        ("holds_text", "5mg", "Line 1: '5mg' is not a hold."),
        ("holds_text", "5mgs:28", "Line 1: Unknown unit"),
        ("holds_text", "5mg:28\n5mg:900", "Line 2: A hold of 900 days is not possible."),
        ("cut_percent", "0", "it must be more than 0 and less than 100"),
        ("cut_percent", "100", "it must be more than 0 and less than 100"),
        ("cut_percent", "ten", "'ten' is not a percentage."),
        ("every_days", "0", "0 days between cuts is not possible. Use 1 to 365 days"),
        ("every_days", "100000", "100000 days between cuts is not possible."),
        ("step_mg", "1 mgs", "Unknown unit"),
        ("liquid_step_ml", "0", "above 0 and at most 10"),
        ("start", "1900-01-01", "Give a day between 2000 and 2100."),
        ("start", "someday", "'someday' is not a date in the form YYYY-MM-DD."),
        ("days_of_use", "-3", "-3 days of use is not possible."),
        ("country", "FR", "No product data for the country 'FR'."),
        ("method", "fastest", "Select a valid choice."),
    ],
)
def test_an_option_that_cannot_be_used_is_marked(
    alice: User, alice_client: Client, builder_data: BuilderData, field: str, value: str, message: str
) -> None:
    options = {"method": "fixed"} if field == "step_mg" else {}
    data = builder_data(action="save", **{**options, field: value})
    response = alice_client.post_form("/plan/new/", data)
    assert response.status_code == 200
    assert message in error_of(response.content.decode(), f"id_{field}")
    assert not SavedPlan.objects.for_user(alice).exists()


def test_every_problem_shows_at_once(alice_client: Client, builder_data: BuilderData) -> None:
    data = builder_data(doses=[("xanaz", "2 mgs", "night")], cut_percent="0", holds_text="5mg")
    html = alice_client.post_form("/plan/new/", data).content.decode()
    for field_id in ("id_dose-0-drug", "id_dose-0-amount", "id_cut_percent", "id_holds_text"):
        error_of(html, field_id)
    assert '<h2 id="error-summary-heading">Some answers need a look</h2>' in html
    summary = html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))]
    for field_id in ("id_dose-0-drug", "id_dose-0-amount", "id_cut_percent", "id_holds_text"):
        assert f'<a href="#{field_id}">' in summary  # each problem links to its field
    assert '<a href="#id_dose-0-drug">Dose 1, ' in summary  # a row's field says which row


def test_a_tampered_row_count_does_not_fail(alice_client: Client, builder_data: BuilderData) -> None:
    for count in ("abc", "-1", "100000"):
        data = {**builder_data(), "dose-TOTAL_FORMS": count}
        assert alice_client.post_form("/plan/new/", data).status_code == 200
        data["action"] = "more_doses"
        assert alice_client.post_form("/plan/new/", data).status_code == 200


FIELDS = [
    "dose-0-drug", "dose-0-amount", "dose-0-time", "method", "cut_percent", "step_mg", "every_days",
    "forms_text", "country", "liquid_step_ml", "dose_order", "holds_text", "start", "allow_fast_reason",
    "days_of_use", "medicine-0-name", "medicine-0-time",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=30), min_size=1, max_size=5))
def test_no_input_makes_the_builder_fail(
    alice_client: Client, builder_data: BuilderData, values: dict[str, str]
) -> None:
    data = {**builder_data(), **values}
    assert alice_client.post_form("/plan/new/", data).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drug=st.sampled_from(["diazepam", "Xanax", "lorazepam", "clonazepam", "zolpidem", "temazepam"]),
    amount=st.sampled_from(["0.25mg", "0.5mg", "1mg", "2.5mg", "7.5mg", "10mg", "40mg", "500mcg"]),
    time=st.sampled_from(["morning", "midday", "evening", "night"]),
    method=st.sampled_from(["percent", "fixed", "ashton", "micro"]),
    cut=st.sampled_from(["", "1", "5", "10", "25", "50", "99.9"]),
    step=st.sampled_from(["", "0.1mg", "1mg", "5mg"]),
    # Not above 140 days: see test_a_fast_cut_with_a_long_interval_is_refused_not_failed.
    every=st.sampled_from(["", "1", "7", "14", "140"]),
    crossover=st.booleans(),
    forms=st.sampled_from(["", "diazepam solution 1mg/ml", "diazepam tablet 10mg", "lorazepam tablet 1mg"]),
    country=st.sampled_from(["US", "UK"]),
    holds=st.sampled_from(["", "5mg:28", "0.5mg:1\n100mg:365"]),
    fast=st.sampled_from(["", "agreed"]),
)
def test_no_plan_request_makes_the_builder_fail(
    alice_client: Client,
    builder_data: BuilderData,
    drug: str,
    amount: str,
    time: str,
    method: str,
    cut: str,
    step: str,
    every: str,
    crossover: bool,
    forms: str,
    country: str,
    holds: str,
    fast: str,
) -> None:
    data = builder_data(
        doses=[(drug, amount, time)],
        method=method,
        cut_percent=cut,
        step_mg=step,
        every_days=every,
        crossover="on" if crossover else None,
        forms_text=forms,
        country=country,
        holds_text=holds,
        allow_fast_reason=fast,
    )
    assert alice_client.post_form("/plan/new/", data).status_code == 200


def test_a_fast_cut_with_a_long_interval_is_refused_not_failed(
    alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(cut_percent="50", every_days="200")
    assert alice_client.post_form("/plan/new/", data).status_code == 200
