"""The CSV export, read back with the csv module: one row per day, one column per symptom."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_each_day_is_one_row_with_its_doses_and_ratings(tapering: User) -> None:
    from benzotaper.reports.journal_csv import journal_csv, symptom_column
    from benzotaper.web.sharing.gather import account_of

    account = account_of(tapering)
    rows = rows_of(journal_csv(account.doses, account.checkins))
    days = sorted({d.date for d in account.doses} | {c.date for c in account.checkins})
    assert [row["date"] for row in rows] == [day.isoformat() for day in days]
    by_day = {row["date"]: row for row in rows}
    for checkin in account.checkins:
        row = by_day[checkin.date.isoformat()]
        for score in checkin.symptoms:
            assert row[symptom_column(score)] == str(score.severity)
        assert row["wellbeing"] == ("" if checkin.wellbeing is None else str(checkin.wellbeing))
    for day in {d.date for d in account.doses}:
        taken = sum(d.taken_mg or Decimal(0) for d in account.doses if d.date == day and d.drug == "diazepam")
        cell = by_day[day.isoformat()]["diazepam taken mg"]
        assert Decimal(cell or "0") == taken
    assert "own: jaw clenching" in rows[0]


def test_a_symptom_not_rated_that_day_is_an_empty_cell_not_zero() -> None:
    import datetime as dt

    from benzotaper.journal import CheckInRecord, SymptomScore
    from benzotaper.reports.journal_csv import journal_csv

    checkins = [
        CheckInRecord(dt.date(2027, 1, 1), symptoms=(SymptomScore("anxiety", 0), SymptomScore("tension", 2))),
        CheckInRecord(dt.date(2027, 1, 2), symptoms=(SymptomScore("tension", 3),)),
    ]
    first, second = rows_of(journal_csv([], checkins))
    assert first["anxiety"] == "0"
    assert second["anxiety"] == ""
    assert second["tension"] == "3"


def test_a_note_that_looks_like_a_formula_is_not_run_by_a_spreadsheet() -> None:
    import datetime as dt

    from benzotaper.journal import CheckInRecord
    from benzotaper.reports.journal_csv import journal_csv

    day = dt.date(2027, 1, 4)
    checkins = [
        CheckInRecord(date=day, notes='=HYPERLINK("http://example.invalid","x")'),
        CheckInRecord(date=day + dt.timedelta(days=1), notes="slept badly"),
    ]
    rows = rows_of(journal_csv([], checkins))
    assert rows[0]["notes"] == '\'=HYPERLINK("http://example.invalid","x")'
    assert rows[1]["notes"] == "slept badly"
