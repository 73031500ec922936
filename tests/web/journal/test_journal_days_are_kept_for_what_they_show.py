"""A day of the journal is written once for everything it shows and kept (``web.kept_fragments``):
any change to one of its entries, even one that does not count the entry's version up, shows at once;
each person sees their own days; nothing is kept once an account is deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import CheckInRecord, DoseRecord, SymptomScore
from benzotaper.web.journal.models import CheckIn, CustomSymptom, DoseTaken
from benzotaper.web.journal.views.history import _kept_days

DAY = dt.date(2027, 1, 4)


def _journal(client: Client) -> str:
    response = client.get("/journal/")
    assert response.status_code == 200
    return response.content.decode()


def _dose(user: User, taken: str) -> DoseTaken:
    record = DoseRecord(DAY, "night", "diazepam", Decimal(5), Decimal(taken), "different")
    row = DoseTaken.from_record(user, record)
    row.save()
    return row


def test_a_changed_dose_shows_at_once_even_unversioned(alice: User, alice_client: Client) -> None:
    _dose(alice, "4.5")
    assert "4.5 mg (planned 5 mg)" in _journal(alice_client)
    assert "4.5 mg (planned 5 mg)" in _journal(alice_client)
    DoseTaken.objects.for_user(alice).update(taken_mg=Decimal("4.25"), note="late")  # no version counted
    page = _journal(alice_client)
    assert "4.25 mg (planned 5 mg). late" in page and "4.5 mg" not in page


def test_a_changed_check_in_or_renamed_symptom_shows_at_once(alice: User, alice_client: Client) -> None:
    own = CustomSymptom.objects.create(user=alice, name="jaw ache")
    checkin = CheckIn.from_record(alice, CheckInRecord(date=DAY, wellbeing=6))
    checkin.save()
    checkin.set_scores([SymptomScore("jaw ache", 3, custom=True)])
    assert "jaw ache 3" in _journal(alice_client)
    CustomSymptom.objects.for_user(alice).filter(pk=own.pk).update(name="jaw pain")
    CheckIn.objects.for_user(alice).update(wellbeing=2)
    page = _journal(alice_client)
    assert "jaw pain 3" in page and "jaw ache" not in page and "2 of 10" in page


def test_each_person_sees_their_own_days(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    _dose(alice, "4.5")
    _dose(bob, "3")
    for _ in range(2):
        alices, bobs = _journal(alice_client), _journal(bob_client)
        assert "4.5 mg" in alices and "3 mg (planned" not in alices
        assert "3 mg (planned 5 mg)" in bobs and "4.5 mg" not in bobs


def test_nothing_is_kept_once_an_account_is_deleted(alice: User, bob: User, alice_client: Client) -> None:
    _dose(alice, "4.5")
    _journal(alice_client)
    assert _kept_days._kept
    bob.delete()
    assert not _kept_days._kept
