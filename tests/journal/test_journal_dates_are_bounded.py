"""Dates are bounded in one place: what is logged is dated from 1970 to the person's today, a plan
starts between 2000 and 2100, and analysis leaves out what lies outside."""

from __future__ import annotations

import datetime as dt

from benzotaper.insights import insights
from benzotaper.journal import (
    EARLIEST_DAY,
    CheckInRecord,
    DoseRecord,
    SymptomScore,
    in_journal_range,
    journal_day_problem,
)
from benzotaper.planning import plan_start_problem

TODAY = dt.date(2026, 12, 4)


def test_a_typo_in_the_year_is_refused_with_what_to_check() -> None:
    assert journal_day_problem(dt.date(26, 12, 4), TODAY) == (
        "0026-12-04 is before 1970: check the year (is it 2026 or 2025?)."
    )


def test_a_day_after_today_is_refused() -> None:
    problem = journal_day_problem(dt.date(2026, 12, 5), TODAY)
    assert problem is not None and "has not happened yet (today is 2026-12-04)" in problem


def test_the_first_day_and_today_are_accepted() -> None:
    assert journal_day_problem(EARLIEST_DAY, TODAY) is None
    assert journal_day_problem(TODAY, TODAY) is None
    assert in_journal_range(EARLIEST_DAY, TODAY) and not in_journal_range(dt.date(1969, 12, 31), TODAY)


def test_a_plan_starts_this_century() -> None:
    assert (
        plan_start_problem(dt.date(2000, 1, 1)) is None and plan_start_problem(dt.date(2100, 12, 31)) is None
    )
    assert plan_start_problem(dt.date(1999, 12, 31)) == "Give a day between 2000 and 2100."


def test_analysis_leaves_out_a_stored_day_outside_the_bounds() -> None:
    checkins = [
        CheckInRecord(dt.date(26, 12, 4), symptoms=(SymptomScore("anxiety", 4),)),
        CheckInRecord(dt.date(2026, 12, 3), symptoms=(SymptomScore("anxiety", 1),)),
    ]
    doses = [DoseRecord(dt.date(1, 1, 1), "morning", "diazepam", None, None, "skipped")]
    result = insights(checkins, doses, None, [], "UK", TODAY)
    assert result.burden.start == dt.date(2026, 12, 3) and result.burden.observed_days == 1
