"""A ``PlanRequest`` as JSON and back, so a saved plan can be rebuilt or re-planned later.

Generic over the dataclass fields, so a field the planner adds is saved too; a field missing from
old JSON takes its default, and a key the planner no longer knows is ignored. Decimals are stored as
plain strings ("0.5"), never floats, so doses round-trip exactly.

Pure (no Django): it belongs with the planner's own serialisation and can move there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from decimal import Decimal
from typing import Any

from benzotaper.planning import PlanRequest, decimal_text

FORMAT = 1


def request_to_dict(request: PlanRequest) -> dict[str, Any]:
    """JSON-ready data for a plan request, with a ``format`` number."""
    data = _encode(request)
    assert isinstance(data, dict)
    return {"format": FORMAT, **data}


def request_from_dict(data: dict[str, Any]) -> PlanRequest:
    """The plan request saved by :func:`request_to_dict` (ValueError when it cannot be read)."""
    fields = {key: value for key, value in data.items() if key != "format"}
    try:
        request = _decode(PlanRequest, fields)
    except (KeyError, TypeError, ArithmeticError) as error:
        raise ValueError(f"The saved plan request cannot be read: {error}") from error
    assert isinstance(request, PlanRequest)
    return request


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"cannot save {type(value).__name__} in a plan request")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(kind: Any, value: Any) -> object:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return _decode(inner, value)
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        return tuple(_decode(item_kind, item) for item in value)
    if origin is typing.Literal:
        if value not in typing.get_args(kind):
            raise TypeError(f"{value!r} is not one of {typing.get_args(kind)}")
        return value
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        known = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{name: _decode(hints[name], item) for name, item in value.items() if name in known})
    if kind is Decimal:
        return Decimal(str(value))
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind in (str, int, bool):
        if type(value) is not kind:
            raise TypeError(f"{value!r} is not a {kind.__name__}")
        return value
    raise TypeError(f"cannot read {kind!r} in a plan request")
