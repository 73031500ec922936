"""The builder's "Planned drug-free nights" box: a z-drug plan ends on fewer nights a week (previewed,
saved and shown); for a benzodiazepine the planner refuses it with what to do, keeping what was typed."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan

BuilderData = Callable[..., dict[str, str]]
ZOPICLONE = (("zopiclone", "7.5mg", "night"),)


def test_the_box_is_on_the_builder_and_off_by_default(alice_client: Client) -> None:
    html = alice_client.get("/plan/new/").content.decode()
    assert "Planned drug-free nights (z-drugs)" in html
    (box,) = re.findall(r'<input[^>]*name="drug_free_nights"[^>]*>', html)
    assert "checked" not in box


def test_a_z_drug_plan_with_the_box_ticked_ends_on_fewer_nights_a_week(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(doses=ZOPICLONE, drug_free_nights="on")
    preview = alice_client.post_form("/plan/new/", data).content.decode()
    assert "Planned drug-free nights: take it on 5 nights a week (Mon, Tue, Wed, Fri, Sat)." in preview
    assert alice_client.post_form("/plan/new/", {**data, "action": "save"}).status_code == 302
    saved = SavedPlan.objects.for_user(alice).get()
    assert saved.plan_request().drug_free_nights is True
    nights = [s["nights_per_week"] for s in saved.plan_json["steps"] if s["doses"]]
    assert nights[-4:] == [6, 5, 4, 3]
    assert "take it on 3 nights a week (Mon, Wed, Fri)" in alice_client.get("/plan/").content.decode()


def test_without_the_box_the_same_plan_has_a_dose_every_night(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    alice_client.post_form("/plan/new/", builder_data(doses=ZOPICLONE, action="save"))
    saved = SavedPlan.objects.for_user(alice).get()
    assert {s["nights_per_week"] for s in saved.plan_json["steps"]} == {7}


def test_for_a_benzodiazepine_the_box_is_refused_with_what_to_do_and_the_form_kept(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(drug_free_nights="on", note="bob's note", action="save")
    response = alice_client.post_form("/plan/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The planner cannot make this plan" not in html  # a problem of the request, at its field
    assert 'href="#id_drug_free_nights"' in html  # the error summary links to the box
    assert "Planned drug-free nights are for z-drugs" in html and "diazepam is not one" in html
    assert "Leave drug-free nights off" in html
    (box,) = re.findall(r'<input[^>]*name="drug_free_nights"[^>]*>', html)
    assert "checked" in box and 'value="Valium"' in html
    assert not SavedPlan.objects.for_user(alice).exists()
