"""A record is frozen unless declared ``frozen=False``; ``eq=False`` keeps identity equality."""

from __future__ import annotations

import pytest

from benzotaper.records import FrozenInstanceError, Record, field


class Step(Record):
    number: int


class Entry(Record, frozen=False, eq=False):
    day: int
    changes: list[int] = field(default_factory=list)


class Row(Record, frozen=False):
    day: int


class Rule(Record, eq=False):
    text: str


def test_it_refuses_to_assign_or_delete_a_field() -> None:
    step = Step(1)
    with pytest.raises(FrozenInstanceError):
        step.number = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del step.number  # type: ignore[misc]
    assert step.number == 1


def test_a_working_record_may_be_changed() -> None:
    entry = Entry(3)
    entry.day = 4
    entry.changes.append(1)
    assert (entry.day, entry.changes) == (4, [1])


def test_a_changeable_record_compared_by_value_cannot_be_hashed() -> None:
    assert Row(1) == Row(1)
    with pytest.raises(TypeError):
        hash(Row(1))


def test_a_record_without_equality_is_only_itself() -> None:
    rule = Rule("positive")
    assert rule == rule and rule != Rule("positive")
    assert len({rule, Rule("positive")}) == 2
    assert Entry(1) != Entry(1)
