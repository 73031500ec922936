"""The models map to and from the plain ``benzotaper.journal`` types without losing anything."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from benzotaper.journal import CheckInRecord, DoseRecord, Event, MedicationRecord, SymptomScore
from benzotaper.web.journal.models import CheckIn, CustomSymptom, DoseTaken, Medication

DAY = dt.date(2027, 1, 4)


def test_a_dose_round_trips_with_exact_milligrams(alice: User) -> None:
    record = DoseRecord(DAY, "night", "diazepam", Decimal("7.5"), Decimal("6.25"), "different", "cut early")
    DoseTaken.from_record(alice, record).save()
    stored = DoseTaken.objects.for_user(alice).get().to_record()
    assert stored == record
    assert str(stored.taken_mg) == "6.25"


def test_a_whole_number_of_milligrams_reads_back_plainly(alice: User) -> None:
    DoseTaken.from_record(
        alice, DoseRecord(DAY, "night", "diazepam", Decimal("10"), Decimal("10"), "as_planned")
    ).save()
    assert str(DoseTaken.objects.for_user(alice).get().to_record().taken_mg) == "10"


def test_a_skipped_dose_round_trips(alice: User) -> None:
    record = DoseRecord(DAY, "morning", "alprazolam", Decimal("0.25"), None, "skipped")
    DoseTaken.from_record(alice, record).save()
    assert DoseTaken.objects.for_user(alice).get().to_record() == record


def test_a_check_in_round_trips_with_its_symptoms_events_and_red_flags(alice: User) -> None:
    record = CheckInRecord(
        date=DAY,
        wellbeing=4,
        sleep_hours=Decimal("5.5"),
        notes="wave started",
        symptoms=(SymptomScore("anxiety", 3), SymptomScore("jaw ache", 2, custom=True)),
        events=(Event("stress", "work deadline"),),
        red_flags=("seizure",),
    )
    checkin = CheckIn.from_record(alice, record)
    checkin.save()
    checkin.set_scores(record.symptoms)
    stored = CheckIn.objects.for_user(alice).prefetch_related("ratings__custom").get().to_record()
    assert stored.symptoms == record.symptoms
    assert stored == record


def test_own_symptoms_persist_and_are_found_again_by_name(alice: User, bob: User) -> None:
    for day in (DAY, DAY + dt.timedelta(days=1)):
        checkin = CheckIn.from_record(alice, CheckInRecord(day))
        checkin.save()
        checkin.set_scores([SymptomScore("Jaw ache" if day == DAY else "jaw ache", 1, custom=True)])
    assert list(CustomSymptom.objects.for_user(alice).values_list("name", flat=True)) == ["Jaw ache"]
    assert not CustomSymptom.objects.for_user(bob).exists()


def test_setting_scores_again_replaces_them(alice: User) -> None:
    checkin = CheckIn.from_record(alice, CheckInRecord(DAY))
    checkin.save()
    checkin.set_scores([SymptomScore("anxiety", 3), SymptomScore("insomnia", 2)])
    checkin.set_scores([SymptomScore("anxiety", 1)])
    assert checkin.to_record().symptoms == (SymptomScore("anxiety", 1),)


def test_a_medicine_round_trips(alice: User) -> None:
    record = MedicationRecord(
        name="sertraline", kind="other", dose_text="50 mg", time="morning", started=DAY, notes="since 2025"
    )
    Medication.from_record(alice, record).save()
    assert Medication.objects.for_user(alice).get().to_record() == record
