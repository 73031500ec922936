"""The plain journal types refuse values that cannot be true, so bad data stops at the edge."""

import datetime as dt
from decimal import Decimal

import pytest

from benzotaper.journal import CheckInRecord, DoseRecord, Event, MedicationRecord, SymptomScore

DAY = dt.date(2027, 1, 4)


def test_a_skipped_dose_has_no_amount_taken() -> None:
    DoseRecord(DAY, "night", "diazepam", Decimal("5"), None, "skipped")
    with pytest.raises(ValueError, match="skipped"):
        DoseRecord(DAY, "night", "diazepam", Decimal("5"), Decimal("5"), "skipped")


def test_a_taken_dose_has_an_amount() -> None:
    with pytest.raises(ValueError, match="skipped"):
        DoseRecord(DAY, "night", "diazepam", Decimal("5"), None, "different")


def test_it_rejects_a_negative_dose() -> None:
    with pytest.raises(ValueError, match="amount"):
        DoseRecord(DAY, "night", "diazepam", Decimal("5"), Decimal("-1"), "different")


def test_it_rejects_an_unknown_dose_status() -> None:
    with pytest.raises(ValueError, match="status"):
        DoseRecord(DAY, "night", "diazepam", Decimal("5"), Decimal("5"), "forgot")  # type: ignore[arg-type]


@pytest.mark.parametrize("severity", [-1, 5])
def test_severity_is_0_to_4(severity: int) -> None:
    with pytest.raises(ValueError, match="severity"):
        SymptomScore("anxiety", severity)


@pytest.mark.parametrize("wellbeing", [-1, 11])
def test_wellbeing_is_0_to_10(wellbeing: int) -> None:
    with pytest.raises(ValueError, match="wellbeing"):
        CheckInRecord(DAY, wellbeing=wellbeing)


@pytest.mark.parametrize("hours", ["-0.5", "24.5"])
def test_sleep_is_0_to_24_hours(hours: str) -> None:
    with pytest.raises(ValueError, match="sleep"):
        CheckInRecord(DAY, sleep_hours=Decimal(hours))


def test_a_check_in_rates_each_symptom_once() -> None:
    with pytest.raises(ValueError, match="twice"):
        CheckInRecord(DAY, symptoms=(SymptomScore("anxiety", 1), SymptomScore("anxiety", 3)))


def test_a_checklist_symptom_and_an_own_symptom_may_share_a_name() -> None:
    record = CheckInRecord(
        DAY, symptoms=(SymptomScore("tinnitus", 1), SymptomScore("tinnitus", 2, custom=True))
    )
    assert len(record.symptoms) == 2


def test_it_rejects_an_unknown_event_kind() -> None:
    with pytest.raises(ValueError, match="event kind"):
        Event("holiday", "beach")  # type: ignore[arg-type]


def test_a_medicine_cannot_stop_before_it_started() -> None:
    with pytest.raises(ValueError, match="stop"):
        MedicationRecord("sertraline", started=DAY, stopped=DAY - dt.timedelta(days=1))
