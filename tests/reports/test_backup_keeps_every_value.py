"""Any journal record survives the JSON backup exactly: doses and sleep to the last decimal place, every
symptom rated and none added, text of any kind (hypothesis generates them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from benzotaper.journal import (
    DOSE_STATUSES,
    EVENT_KINDS,
    CheckInRecord,
    DoseRecord,
    Event,
    MedicationRecord,
    SymptomScore,
)
from benzotaper.reports.account import Account
from benzotaper.reports.backup import backup_json, read_backup

days = st.dates(dt.date(1970, 1, 1), dt.date(2100, 12, 31))
# Judged as if made after the last day drawn: this test is about values, not the date bounds.
LATER = dt.datetime(2101, 1, 1, tzinfo=dt.UTC)
texts = st.text(max_size=40)
milligrams = st.decimals(min_value=0, max_value=200, places=4, allow_nan=False, allow_infinity=False)


@st.composite
def doses(draw: st.DrawFn) -> DoseRecord:
    status = draw(st.sampled_from(DOSE_STATUSES))
    planned = draw(st.none() | milligrams)
    taken = None if status == "skipped" else draw(milligrams)
    return DoseRecord(
        draw(days),
        draw(st.sampled_from(["morning", "night"])),
        draw(texts),
        planned,
        taken,
        status,
        draw(texts),
    )


@st.composite
def checkins(draw: st.DrawFn) -> CheckInRecord:
    names = draw(st.lists(st.tuples(texts, st.booleans()), unique=True, max_size=6))
    return CheckInRecord(
        date=draw(days),
        wellbeing=draw(st.none() | st.integers(0, 10)),
        sleep_hours=draw(st.none() | st.decimals(min_value=0, max_value=24, places=2)),
        notes=draw(texts),
        symptoms=tuple(SymptomScore(name, draw(st.integers(0, 4)), custom) for name, custom in names),
        events=tuple(draw(st.lists(st.builds(Event, st.sampled_from(EVENT_KINDS), texts), max_size=3))),
        red_flags=tuple(draw(st.lists(texts, max_size=2))),
    )


medications = st.builds(MedicationRecord, texts, st.sampled_from(["benzodiazepine", "other"]), texts, texts)


@given(st.lists(doses(), max_size=8), st.lists(checkins(), max_size=8), st.lists(medications, max_size=3))
def test_every_record_comes_back_equal(
    dose_list: list[DoseRecord], checkin_list: list[CheckInRecord], medicine_list: list[MedicationRecord]
) -> None:
    account = Account(doses=tuple(dose_list), checkins=tuple(checkin_list), medications=tuple(medicine_list))
    restored = read_backup(backup_json(account), now=LATER)
    assert restored == account
    for before, after in zip(account.doses, restored.doses, strict=True):
        assert str(before.taken_mg) == str(after.taken_mg)  # the same digits, not only the same value


def test_a_decimal_is_written_as_a_string_never_a_float() -> None:
    record = DoseRecord(
        dt.date(2027, 1, 1), "night", "diazepam", Decimal("0.1"), Decimal("0.1000"), "as_planned"
    )
    text = backup_json(Account(doses=(record,)))
    assert '"taken_mg": "0.1000"' in text
