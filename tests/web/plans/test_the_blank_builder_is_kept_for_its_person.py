"""The blank builder's form is written once for the values it is filled in with and kept
(``web.kept_fragments``): each person sees their own medicines and country, a change shows at once,
the form carries the page's own CSRF token, and nothing is kept once an account is deleted."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import MedicationRecord
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import Medication
from benzotaper.web.plans import views


def _builder(client: Client) -> str:
    response = client.get("/plan/new/")
    assert response.status_code == 200
    return response.content.decode()


def _first_dose(page: str) -> tuple[str, str]:
    drug = re.search(r'name="dose-0-drug" value="([^"]*)"', page)
    amount = re.search(r'name="dose-0-amount" value="([^"]*)"', page)
    assert drug is not None and amount is not None
    return drug.group(1), amount.group(1)


def _take(user: User, name: str, dose: str) -> None:
    Medication.from_record(user, MedicationRecord(name, "benzodiazepine", dose, "night")).save()


def test_each_person_sees_their_own_medicines_in_a_kept_builder(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    _take(alice, "alprazolam", "0.5mg")
    _take(bob, "clonazepam", "2mg")
    for _ in range(2):  # written, then kept
        assert _first_dose(_builder(alice_client)) == ("alprazolam", "0.5mg")
        assert _first_dose(_builder(bob_client)) == ("clonazepam", "2mg")


def test_a_kept_builder_shows_a_change_at_once(alice: User, alice_client: Client) -> None:
    _take(alice, "alprazolam", "0.5mg")
    assert _first_dose(_builder(alice_client)) == ("alprazolam", "0.5mg")
    Medication.objects.for_user(alice).update(dose_text="0.25mg")
    profile = Profile.objects.get(user=alice)
    profile.country = "US"
    profile.save()
    again = _builder(alice_client)
    assert _first_dose(again) == ("alprazolam", "0.25mg")
    assert re.search(r'<option value="US"[^>]* selected>', again)


def test_a_kept_builder_carries_the_pages_own_csrf_token(
    alice: User, alice_client: Client, builder_data: Callable[..., dict[str, str]]
) -> None:
    _builder(alice_client)
    page = _builder(alice_client)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    fields = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert meta is not None and len(fields) == 2  # the builder's form and the sign-out form
    assert set(fields) == {meta.group(1)}
    assert "the form's CSRF field" not in page
    data = builder_data(action="preview")
    answer = alice_client.post("/plan/new/", {**data, "csrfmiddlewaretoken": fields[0]})
    assert answer.status_code == 200  # a CSRF failure is a 403


def test_nothing_is_kept_once_an_account_is_deleted(alice: User, bob: User, alice_client: Client) -> None:
    _take(alice, "alprazolam", str(Decimal("0.5")) + "mg")
    _builder(alice_client)
    assert views._blank_builders._kept
    bob.delete()
    assert not views._blank_builders._kept
