"""What a figure of the knowledge data must be, declared once, on the record field that holds it.

The generic reader (``_reader.Reader.build``) walks a record's fields and their type hints and reads
each from the TOML table of the same name (or the ``key`` of its field metadata): ``str`` (non-empty),
``int`` (a TOML integer), ``Decimal`` (written as a string, so it stays exact), ``bool``, ``Literal``
choices, ``tuple[X, ...]`` (non-empty unless ``MAY_BE_EMPTY``, strings never twice), fixed tuples,
``Mapping[str, X]`` and nested records, ``X | None``, and the generic ``Cited[X]``. A field with a
default may be left out. The ``Annotated`` marks below add the rules a type cannot say (greater than
zero, a percentage, a known source key ...); each message says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from benzotaper.records import Record


class Check(Record, eq=False):  # a rule is itself: its function has no other equality
    """A rule a value must keep; ``problem`` is formatted with the ``value`` when it does not."""

    holds: Callable[[Any], bool]
    problem: str


class _Mark:
    """A mark the reader acts on itself (not a check of the value)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


SOURCE_KEY = _Mark("SOURCE_KEY")
"""A string that must be the key of a ``[sources.KEY]`` table of the data folder."""

MAY_BE_EMPTY = _Mark("MAY_BE_EMPTY")
"""A tuple that may be empty (tuples must have an item unless marked so)."""

TABLE_NAME = {"table_name": True}
"""Field metadata: the field is the name of its table (``[drugs.alprazolam]`` gives ``alprazolam``)."""


DERIVED = {"derived": True}
"""Field metadata: the loader works the field out; it is not a key of the file."""

REQUIRED = {"required": True}
"""Field metadata: the key must be in the file, although code that builds the type by hand may leave
it out (the field has a default)."""


def one_of(*allowed: str) -> Check:
    """A string that must be one of ``allowed`` (a list the data itself gives, unlike a ``Literal``)."""
    return Check(lambda v: v in allowed, f"unknown {{value!r}}; expected one of {', '.join(allowed)}")


def matching(pattern: str, problem: str) -> Check:
    """A string the whole of which matches the regular expression ``pattern``."""
    # Compiled on first use (re keeps it): most processes read the validated data from the cache.
    return Check(lambda v: re.fullmatch(pattern, v) is not None, problem)


def key(name: str) -> dict[str, str]:
    """Field metadata: the field is read from the TOML key ``name`` (``class`` is a Python keyword)."""
    return {"key": name}


POSITIVE = Check(lambda v: v > 0, "must be greater than zero, got {value}")
NOT_NEGATIVE = Check(lambda v: v >= 0, "must be greater than or equal to zero, got {value}")
PERCENT = Check(lambda v: 0 < v < 100, "a percentage must be above 0 and below 100, got {value}")
FRACTION = Check(lambda v: 0 < v <= 1, "a factor must be above 0 and at most 1, got {value}")
LOW_TO_HIGH = Check(lambda v: v[0] <= v[1], "range low {value[0]} is above high {value[1]}")
COUNTRY_CODE = Check(
    lambda v: len(v) == 2 and v.isascii() and v.isalpha() and v.isupper(),
    "{value!r} is not two capital letters",
)
LOWER_SNAKE = Check(
    lambda v: v.replace("_", "a").isalnum() and v.isascii() and v == v.lower() and not v.startswith("_"),
    "{value!r} must be lowercase letters, digits and _",
)
