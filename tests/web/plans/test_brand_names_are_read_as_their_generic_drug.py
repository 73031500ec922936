"""People write the names on their boxes: brand names work wherever a drug is named."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.planning import Dose
from benzotaper.web.journal.models import Medication, SavedPlan

BuilderData = Callable[..., dict[str, str]]


def test_a_brand_name_dose_is_planned_as_the_generic_drug(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(doses=[("Klonopin", "0.5mg", "night")], country="US", crossover="on", action="save")
    assert alice_client.post_form("/plan/new/", data).status_code == 302
    saved = SavedPlan.objects.for_user(alice).get()
    assert saved.plan_request().regimen == (Dose("clonazepam", "night", Decimal("0.5")),)
    medicine = Medication.objects.for_user(alice).get()
    assert (medicine.name, medicine.kind, medicine.dose_text) == ("clonazepam", "benzodiazepine", "0.5mg")


def test_a_brand_name_works_in_the_forms_box(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(forms_text="Valium tablet 2mg,5mg", action="save")
    assert alice_client.post_form("/plan/new/", data).status_code == 302
    forms = SavedPlan.objects.for_user(alice).get().plan_request().forms
    assert {(f.drug, f.strength_mg) for f in forms} == {("diazepam", Decimal(2)), ("diazepam", Decimal(5))}


def test_the_medicine_field_suggests_generic_and_brand_names(alice_client: Client) -> None:
    html = alice_client.get("/plan/new/").content.decode()
    assert '<datalist id="drug-names">' in html
    assert '<option value="Xanax">' in html and '<option value="alprazolam">' in html
    assert 'list="drug-names"' in html
