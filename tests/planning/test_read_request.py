"""``read_request`` reads what a person typed into a ``PlanRequest``, names the field of every problem
at once, and its limits hold for a request built in Python too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from helpers import KNOWLEDGE, START, request
from hypothesis import given
from hypothesis import strategies as st

from benzotaper.planning import (
    MOST_DAYS,
    AskedDose,
    Dose,
    HoldAt,
    PlanAsk,
    RequestError,
    make_plan,
    read_dose,
    read_request,
)
from benzotaper.records import replace

DOSE = "diazepam 10mg night"


def problems_of(asked: PlanAsk) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(RequestError) as caught:
        read_request(asked, KNOWLEDGE)
    return [(p.field, p.item, p.part) for p in caught.value.problems]


def test_it_reads_text_as_typed_into_exact_values() -> None:
    asked = PlanAsk(
        doses=["Valium 10mg night"],
        start="2027-01-04",
        cut_percent="10%",
        liquid_step_ml="0.1ml",
        holds=["5mg:28d", "2.5mg: 14 days"],
        country="uk",
    )
    made = read_request(asked, KNOWLEDGE)
    assert made.regimen == (Dose("diazepam", "night", Decimal(10)),)
    assert (made.start, made.cut_percent, made.liquid_step_ml) == (START, Decimal(10), Decimal("0.1"))
    assert made.holds == (HoldAt(Decimal(5), 28), HoldAt(Decimal("2.5"), 14))
    assert made.country == "UK"


def test_it_names_every_problem_at_once_with_its_place() -> None:
    asked = PlanAsk(
        doses=[DOSE, "diazepan 5mg morning"],
        start="2027-02-30",
        cut_percent="0",
        every_days=0,
        holds=["5mg:28", "5mg:400"],
        country="FR",
    )
    assert problems_of(asked) == [
        ("regimen", 1, None),
        ("start", None, None),
        ("cut_percent", None, None),
        ("every_days", None, None),
        ("country", None, None),
        ("holds", 1, None),
    ]


def test_a_dose_in_parts_names_each_wrong_part() -> None:
    with pytest.raises(RequestError) as caught:
        read_dose(AskedDose("xanaz", "2 mgs", "pm"), KNOWLEDGE)
    assert [(p.part, p.code) for p in caught.value.problems] == [
        ("drug", "unknown_drug"),
        ("mg", "bad_input"),
        ("time", "bad_input"),
    ]
    assert caught.value.problems[0].fixes == ("Did you mean xanax?",)


def test_one_drug_under_two_names_at_one_time_is_refused() -> None:
    asked = PlanAsk(doses=["diazepam 5mg night", "Valium 5mg night"], start=START)
    assert problems_of(asked) == [("regimen", 1, None)]


@given(days=st.integers(min_value=-10_000, max_value=10_000))
def test_the_interval_is_accepted_exactly_within_its_bounds(days: int) -> None:
    asked = PlanAsk(doses=[DOSE], start=START, every_days=days)
    if 1 <= days <= MOST_DAYS:
        assert read_request(asked, KNOWLEDGE).every_days == days
    else:
        assert problems_of(asked) == [("every_days", None, None)]


def test_the_planner_holds_a_request_built_in_python_to_the_same_limits() -> None:
    with pytest.raises(RequestError) as caught:
        make_plan(request(("diazepam", "night", "10"), every_days=MOST_DAYS + 1), KNOWLEDGE)
    assert caught.value.field == "every_days"
    with pytest.raises(RequestError) as caught:
        make_plan(replace(request(("diazepam", "night", "10")), start=dt.date(2101, 1, 1)), KNOWLEDGE)
    assert caught.value.field == "start"
