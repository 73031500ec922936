"""Saving a plan keeps the medicines in the journal and the risk factors in the profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import Medication

BuilderData = Callable[..., dict[str, str]]


def test_the_risk_factors_are_saved_in_the_profile(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(action="save", seizure_history="on", opioid_use="on", days_of_use="90")
    alice_client.post_form("/plan/new/", data)
    profile = Profile.of(alice)
    assert (profile.seizure_history, profile.opioid_use, profile.alcohol_use, profile.days_of_use) == (
        True,
        True,
        False,
        90,
    )
    html = alice_client.get("/plan/new/").content.decode()
    assert 'name="seizure_history" id="id_seizure_history" checked' in html or (
        'id="id_seizure_history" checked' in html
    )


def test_a_preview_changes_nothing(alice: User, alice_client: Client, builder_data: BuilderData) -> None:
    alice_client.post_form(
        "/plan/new/", builder_data(seizure_history="on", medicines=[("sertraline", "50mg", "")])
    )
    assert not Profile.of(alice).seizure_history
    assert not Medication.objects.for_user(alice).exists()


def test_the_medicines_are_kept_and_a_removed_one_is_marked_stopped(
    alice: User, alice_client: Client, alice_today: dt.date, builder_data: BuilderData
) -> None:
    medicines = [("sertraline", "50mg", "morning"), ("vitamin D", "", "")]
    alice_client.post_form("/plan/new/", builder_data(action="save", medicines=medicines))
    rows = Medication.objects.for_user(alice).order_by("name")
    assert [(m.kind, m.name, m.dose_text, m.time_of_day, m.stopped) for m in rows] == [
        ("benzodiazepine", "diazepam", "10mg", "night", None),
        ("other", "sertraline", "50mg", "morning", None),
        ("other", "vitamin D", "", "", None),
    ]
    html = alice_client.get("/plan/new/").content.decode()
    assert 'value="sertraline"' in html and 'value="vitamin D"' in html  # the next plan starts from them

    alice_client.post_form(
        "/plan/new/", builder_data(action="save", medicines=[("sertraline", "50mg", "morning")])
    )
    vitamin = Medication.objects.for_user(alice).get(name="vitamin D")
    assert vitamin.stopped == alice_today
    assert Medication.objects.for_user(alice).filter(stopped__isnull=True).count() == 2


def test_a_medicine_row_needs_a_name(alice_client: Client, builder_data: BuilderData) -> None:
    html = alice_client.post_form("/plan/new/", builder_data(medicines=[("", "50mg", "")])).content.decode()
    assert 'id="id_medicine-0-name_error"' in html and "Name the medicine or supplement" in html
