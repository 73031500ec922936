"""The database itself refuses impossible rows, whatever code writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from benzotaper.web.journal.models import CheckIn, CustomSymptom, DoseTaken, Medication, SymptomRating

DAY = dt.date(2027, 1, 4)


def refused(make: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_one_check_in_per_person_and_day(alice: User, bob: User) -> None:
    CheckIn.objects.create(user=alice, date=DAY)
    CheckIn.objects.create(user=bob, date=DAY)
    refused(lambda: CheckIn.objects.create(user=alice, date=DAY))


@pytest.mark.parametrize("values", [{"wellbeing": 11}, {"sleep_hours": Decimal("24.5")}])
def test_check_in_answers_stay_in_range(alice: User, values: dict[str, Any]) -> None:
    refused(lambda: CheckIn.objects.create(user=alice, date=DAY, **values))


def test_severity_stays_between_0_and_4(alice: User) -> None:
    checkin = CheckIn.objects.create(user=alice, date=DAY)
    refused(lambda: SymptomRating.objects.create(checkin=checkin, code="anxiety", severity=5))


def test_a_rating_is_of_a_checklist_item_or_an_own_symptom_not_both(alice: User) -> None:
    checkin = CheckIn.objects.create(user=alice, date=DAY)
    own = CustomSymptom.objects.create(user=alice, name="jaw ache")
    refused(lambda: SymptomRating.objects.create(checkin=checkin, code="anxiety", custom=own, severity=1))
    refused(lambda: SymptomRating.objects.create(checkin=checkin, severity=1))


def test_a_symptom_is_rated_once_per_check_in(alice: User) -> None:
    checkin = CheckIn.objects.create(user=alice, date=DAY)
    SymptomRating.objects.create(checkin=checkin, code="anxiety", severity=1)
    refused(lambda: SymptomRating.objects.create(checkin=checkin, code="anxiety", severity=2))


def test_own_symptom_names_are_unique_per_person_in_any_case(alice: User, bob: User) -> None:
    CustomSymptom.objects.create(user=alice, name="Jaw ache")
    CustomSymptom.objects.create(user=bob, name="jaw ache")
    refused(lambda: CustomSymptom.objects.create(user=alice, name="JAW ACHE"))


def test_an_own_symptom_with_ratings_cannot_be_deleted_alone(alice: User) -> None:
    from django.db.models import RestrictedError

    checkin = CheckIn.objects.create(user=alice, date=DAY)
    own = CustomSymptom.objects.create(user=alice, name="jaw ache")
    SymptomRating.objects.create(checkin=checkin, custom=own, severity=2)
    with pytest.raises(RestrictedError):
        own.delete()


def test_a_skipped_dose_has_no_amount_and_a_taken_one_has_one(alice: User) -> None:
    base = {"user": alice, "date": DAY, "time_of_day": "night", "drug": "diazepam", "planned_mg": Decimal(5)}
    refused(lambda: DoseTaken.objects.create(**base, status="skipped", taken_mg=Decimal(5)))
    refused(lambda: DoseTaken.objects.create(**base, status="as_planned", taken_mg=None))
    refused(lambda: DoseTaken.objects.create(**base, status="different", taken_mg=Decimal(-1)))
    refused(lambda: DoseTaken.objects.create(**{**base, "time_of_day": "teatime"}, status="skipped"))


def test_one_entry_per_dose_of_a_day(alice: User) -> None:
    base = {"user": alice, "date": DAY, "time_of_day": "night", "drug": "diazepam", "status": "skipped"}
    DoseTaken.objects.create(**base)
    refused(lambda: DoseTaken.objects.create(**base))


def test_a_medicine_stops_after_it_started(alice: User) -> None:
    refused(
        lambda: Medication.objects.create(user=alice, name="x", started=DAY, stopped=DAY - dt.timedelta(1))
    )
