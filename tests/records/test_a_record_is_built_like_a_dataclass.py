"""A record is built as a frozen dataclass was: fields in order, by position or keyword, defaults and
default factories, inherited fields first, ``__post_init__``, ``__match_args__`` and a readable repr."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Generic, TypeVar

import pytest

from benzotaper.records import Record, field, fields

T = TypeVar("T")


class Dose(Record):
    drug: str
    mg: Decimal
    time: str = "night"
    notes: list[str] = field(default_factory=list)
    WHERE: ClassVar[str] = "not a field"


class TimedDose(Dose):
    hour: int = 22


class Cited(Record, Generic[T]):
    value: T
    source: str


class Checked(Record):
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low above high")


def test_it_takes_the_fields_in_order_by_position_or_by_keyword() -> None:
    assert Dose("diazepam", Decimal(5), "morning") == Dose(time="morning", mg=Decimal(5), drug="diazepam")


def test_it_fills_in_defaults_and_calls_a_default_factory_for_each_record() -> None:
    alice, bob = Dose("diazepam", Decimal(5)), Dose("diazepam", Decimal(5))
    assert alice.time == "night"
    assert alice.notes == [] and alice.notes is not bob.notes


def test_it_puts_the_inherited_fields_first() -> None:
    assert [f.name for f in fields(TimedDose)] == ["drug", "mg", "time", "notes", "hour"]
    assert TimedDose("diazepam", Decimal(5), "evening", [], 20).hour == 20


def test_a_class_variable_is_not_a_field() -> None:
    assert "WHERE" not in [f.name for f in fields(Dose)]


def test_it_refuses_a_missing_or_unknown_field() -> None:
    with pytest.raises(TypeError):
        Dose("diazepam")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Dose("diazepam", Decimal(5), colour="blue")  # type: ignore[call-arg]


def test_it_runs_post_init_after_the_fields_are_set() -> None:
    assert Checked(1, 2).high == 2
    with pytest.raises(ValueError, match="low above high"):
        Checked(3, 2)


def test_it_matches_a_class_pattern_by_position() -> None:
    match Dose("diazepam", Decimal(5)):
        case Dose(drug, mg):
            assert (drug, mg) == ("diazepam", Decimal(5))
        case _:
            pytest.fail("the pattern did not match")


def test_its_repr_names_the_class_and_every_field() -> None:
    assert repr(Dose("diazepam", Decimal(5))) == (
        "Dose(drug='diazepam', mg=Decimal('5'), time='night', notes=[])"
    )


def test_a_generic_record_is_built_through_its_parameters() -> None:
    assert Cited[Decimal](Decimal(10), "ashton").value == Decimal(10)


def test_it_refuses_a_field_without_default_after_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="has no default"):

        class Wrong(Record):
            time: str = "night"
            mg: Decimal


def test_it_refuses_a_mutable_default_shared_by_every_record() -> None:
    with pytest.raises(ValueError, match="would be shared"):

        class Wrong(Record):
            notes: list[str] = []  # noqa: RUF012 - the mistake under test
