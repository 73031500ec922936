"""Reading saved plans back: a ``PlanRequest`` as JSON and back, and a ``Plan`` from ``plan_to_dict``.

A saved plan is read back exactly from its stored JSON, never rebuilt: rebuilding from the request
would lose every hold, and a newer knowledge set could change doses the person already agreed.
The request round-trips too, so a plan can be re-planned later.

Generic over the record's fields, so a field the planner adds is saved too; a field missing from
old JSON takes its default, and a key the planner no longer knows is ignored. Decimals are stored as
plain strings ("0.5"), never floats, so doses round-trip exactly.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from benzotaper import records
from benzotaper.knowledge import FormKind, TimeOfDay

from ._types import (
    WEEK_DAYS,
    Component,
    Formulation,
    Override,
    Plan,
    PlannedDose,
    PlanRequest,
    PlanWarning,
    Step,
    StepKind,
)
from ._words import decimal_text

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
    if isinstance(value, records.Record):
        return {f.name: _encode(getattr(value, f.name)) for f in records.fields(value)}
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
    if isinstance(kind, type) and records.is_record(kind):
        hints = _hints(kind)
        known = {f.name for f in records.fields(kind)}
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


def plan_from_dict(data: Mapping[str, Any], request: PlanRequest) -> Plan:
    """The plan of ``planning.plan_to_dict`` output, made from ``request`` (ValueError when unreadable)."""
    try:
        return Plan(
            knowledge_version=str(data["knowledge_version"]),
            request=request,
            steps=tuple(_step(step) for step in data["steps"]),
            warnings=tuple(
                PlanWarning(w["code"], w["message"], tuple(int(n) for n in w["steps"]))
                for w in data["warnings"]
            ),
            overrides=tuple(Override(o["code"], o["reason"]) for o in data["overrides"]),
            forms=tuple(
                Formulation(
                    f["drug"],
                    cast(FormKind, f["form"]),
                    Decimal(f["strength_mg"]),
                    bool(f["scored"]),
                    int(f.get("split_into", 2)),
                )
                for f in data["forms"]
            ),
            method_note=str(data["method_note"]),
            replanned_from=data.get("replanned_from"),
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise ValueError(f"The saved plan cannot be read: {error!r}") from error


def _step(data: Mapping[str, Any]) -> Step:
    return Step(
        number=int(data["number"]),
        start=dt.date.fromisoformat(data["start"]),
        days=int(data["days"]),
        kind=cast(StepKind, data["kind"]),
        doses=tuple(_dose(dose) for dose in data["doses"]),
        diazepam_equivalent_mg=Decimal(data["diazepam_equivalent_mg"]),
        target_diazepam_equivalent_mg=Decimal(data["target_diazepam_equivalent_mg"]),
        cut_percent=Decimal(data["cut_percent"]),
        note=str(data["note"]),
        nights_per_week=int(data.get("nights_per_week", WEEK_DAYS)),
    )


def _dose(data: Mapping[str, Any]) -> PlannedDose:
    return PlannedDose(
        drug=data["drug"],
        time=cast(TimeOfDay, data["time"]),
        target_mg=Decimal(data["target_mg"]),
        mg=Decimal(data["mg"]),
        make=tuple(
            Component(
                form=cast(FormKind, part["form"]),
                strength_mg=Decimal(part["strength_mg"]),
                count=Decimal(part["count"]),
                unit=part["unit"],
            )
            for part in data["make"]
        ),
    )
