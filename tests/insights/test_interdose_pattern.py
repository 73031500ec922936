"""Inter-dose withdrawal: answered only when the data can show it, otherwise "not enough data"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from benzotaper.insights import TimedScore, interdose_pattern
from benzotaper.journal import DoseRecord

MONDAY = dt.date(2027, 3, 1)


def doses(drug: str, mg: str, times: tuple[str, ...], days: int = 14) -> list[DoseRecord]:
    return [
        DoseRecord(MONDAY + dt.timedelta(days=d), time, drug, Decimal(mg), Decimal(mg), "as_planned")
        for d in range(days)
        for time in times
    ]


def timed(days: int, before: int, other: int) -> list[TimedScore]:
    out = []
    for d in range(days):
        day = MONDAY + dt.timedelta(days=d)
        out += [
            TimedScore(day, "evening", before, before_dose=True),
            TimedScore(day, "afternoon", other, False),
        ]
    return out


def test_daily_check_ins_alone_are_not_enough_and_it_says_so() -> None:
    result = interdose_pattern(doses("alprazolam", "0.5", ("morning", "night")))
    assert result.status == "not_enough_data"
    assert "once a day" in result.reason
    assert result.suggestion == ""


def test_it_describes_the_dosing_it_would_judge_against() -> None:
    result = interdose_pattern(doses("alprazolam", "0.5", ("morning", "night")))
    assert result.dose_times == ("morning", "night")
    assert result.longest_gap_hours == 14  # night 22:00 to morning 08:00 (nominal clock hours)
    diazepam = interdose_pattern(doses("diazepam", "10", ("morning", "night")))
    assert result.trough_share is not None and diazepam.trough_share is not None
    assert result.trough_share < diazepam.trough_share <= 1


def test_symptoms_clearly_worse_before_doses_are_a_pattern_with_the_guideline_suggestion() -> None:
    result = interdose_pattern(
        doses("alprazolam", "0.5", ("morning", "evening")), timed(10, before=3, other=1)
    )
    assert result.status == "pattern" and result.difference == pytest.approx(2)
    assert result.days_compared == 10
    assert "longer-acting" in result.suggestion  # from the knowledge data's too-fast signs


def test_ratings_no_worse_before_doses_are_no_pattern() -> None:
    result = interdose_pattern(doses("diazepam", "5", ("morning",)), timed(10, before=2, other=2))
    assert result.status == "no_pattern" and result.suggestion == ""


def test_a_few_days_of_timed_ratings_are_not_enough() -> None:
    result = interdose_pattern([], timed(6, before=4, other=0))
    assert result.status == "not_enough_data" and "7 are needed" in result.reason
    assert result.dose_times == () and result.longest_gap_hours is None and result.trough_share is None


def test_several_drugs_or_an_unknown_drug_give_no_trough_figure() -> None:
    both = doses("alprazolam", "0.5", ("morning",)) + doses("diazepam", "5", ("night",))
    assert interdose_pattern(both).trough_share is None
    assert interdose_pattern(doses("nordazepam", "5", ("night",))).trough_share is None


def test_a_timed_rating_checks_its_values() -> None:
    with pytest.raises(ValueError):
        TimedScore(MONDAY, "teatime", 2, True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        TimedScore(MONDAY, "night", 5, True)
