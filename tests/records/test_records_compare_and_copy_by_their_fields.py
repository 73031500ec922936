"""Equality and hashing follow the field values; ``replace``, pickling, ``copy`` and ``asdict`` keep
them; records of different classes are never equal."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benzotaper.records import Record, asdict, field, fields, replace


class Dose(Record):
    drug: str
    mg: Decimal
    times: tuple[str, ...] = ()


class Other(Record):
    drug: str
    mg: Decimal
    times: tuple[str, ...] = ()


class Step(Record):
    number: int
    doses: tuple[Dose, ...]
    marks: dict[str, int] = field(default_factory=dict, metadata={"key": "step"})


drugs = st.sampled_from(["diazepam", "clonazepam", "lorazepam"])
mgs = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
times = st.lists(st.sampled_from(["morning", "night"]), max_size=3).map(tuple)
doses = st.builds(Dose, drugs, mgs, times)


@given(doses, doses)
def test_two_records_are_equal_exactly_when_their_fields_are(a: Dose, b: Dose) -> None:
    same = (a.drug, a.mg, a.times) == (b.drug, b.mg, b.times)
    assert (a == b) is same
    if same:
        assert hash(a) == hash(b)


@given(doses)
def test_a_record_of_another_class_with_the_same_fields_is_not_equal(dose: Dose) -> None:
    assert dose != Other(dose.drug, dose.mg, dose.times)


@given(doses, mgs)
def test_replace_changes_only_the_fields_named(dose: Dose, mg: Decimal) -> None:
    changed = replace(dose, mg=mg)
    assert (changed.drug, changed.mg, changed.times) == (dose.drug, mg, dose.times)
    assert replace(changed, mg=dose.mg) == dose


def test_replace_refuses_an_unknown_field() -> None:
    with pytest.raises(TypeError, match="colour"):
        replace(Dose("diazepam", Decimal(5)), colour="blue")


@given(st.lists(doses, max_size=3).map(tuple))
def test_a_record_survives_pickling_and_copying(steps_doses: tuple[Dose, ...]) -> None:
    step = Step(1, steps_doses, {"a": 1})
    assert pickle.loads(pickle.dumps(step)) == step
    assert copy.copy(step) == step
    deep = copy.deepcopy(step)
    assert deep == step and deep.marks is not step.marks


def test_asdict_turns_records_inside_into_dicts() -> None:
    step = Step(1, (Dose("diazepam", Decimal(5), ("night",)),))
    assert asdict(step) == {
        "number": 1,
        "doses": ({"drug": "diazepam", "mg": Decimal(5), "times": ("night",)},),
        "marks": {},
    }


def test_fields_give_names_declared_types_defaults_and_metadata() -> None:
    number, doses, marks = fields(Step)
    assert (number.name, number.type) == ("number", "int")
    assert doses.type == "tuple[Dose, ...]"
    assert marks.default_factory is dict and marks.metadata == {"key": "step"}
