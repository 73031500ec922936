"""A class's first records are made by reading its field list and the later ones by an ``__init__``
compiled for it (``records._COMPILE_AFTER``); both take and refuse the same arguments alike."""

from __future__ import annotations

import pytest

from benzotaper import records
from benzotaper.records import _COMPILE_AFTER, Record, field


def make_class() -> type[Record]:
    class Step(Record):
        number: int
        kind: str = "cut"
        notes: list[str] = field(default_factory=list)

        def __post_init__(self) -> None:
            if self.number < 0:
                raise ValueError("a step number is not negative")

    return Step


def built_and_refused(step: type) -> list[object]:
    seen: list[object] = [
        step(1),
        step(2, "hold"),
        step(number=3, notes=["a"]),
        step(4, kind="stop"),
        step(5).notes is not step(5).notes,
    ]
    for args, kwargs in [
        ((), {}),
        ((), {"kind": "hold"}),
        ((1, "cut", [], 4), {}),
        ((1,), {"number": 2}),
        ((1,), {"colour": "x"}),
        ((1, "cut", []), {"colour": "x"}),
        ((1, "cut", [], 4), {"colour": "x"}),
    ]:
        with pytest.raises(TypeError) as refused:
            step(*args, **kwargs)
        seen.append(str(refused.value))
    with pytest.raises(ValueError, match="not negative"):
        step(-1)
    return seen


def test_the_first_records_and_the_later_ones_are_built_and_refused_alike_in_pythons_words() -> None:
    step = make_class()
    interpreted = built_and_refused(step)
    assert step.__init__.__qualname__ == "_init_from_fields"
    while step.__init__.__qualname__ == "_init_from_fields":
        step(0)
    assert built_and_refused(step) == interpreted


def test_several_missing_fields_are_named_in_pythons_words() -> None:
    class Dose(Record):
        drug: str
        time: str
        mg: int

    interpreted = []
    for args in [(), ("diazepam",)]:
        with pytest.raises(TypeError) as refused:
            Dose(*args)
        interpreted.append(str(refused.value))
    Dose.__init__ = records._make_init(Dose)  # type: ignore[method-assign]
    for args, message in zip([(), ("diazepam",)], interpreted, strict=True):
        with pytest.raises(TypeError) as refused:
            Dose(*args)
        assert str(refused.value) == message


def test_a_class_compiles_its_init_only_after_many_records() -> None:
    step = make_class()
    for number in range(_COMPILE_AFTER):
        assert step(number).number == number
    assert step.__init__.__qualname__ == "_init_from_fields"
    step(0)
    assert step.__init__.__qualname__.endswith("Step.__init__")
