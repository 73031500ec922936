"""A plan request survives being saved as JSON, field for field, with exact decimals."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from benzotaper import records
from benzotaper.planning import (
    Dose,
    Formulation,
    HoldAt,
    PlanRequest,
    RiskFactors,
    request_from_dict,
    request_to_dict,
)

FULL = PlanRequest(
    regimen=(Dose("alprazolam", "morning", Decimal("0.5")), Dose("alprazolam", "night", Decimal("1"))),
    start=dt.date(2027, 1, 4),
    method="fixed",
    cut_percent=Decimal("7.5"),
    step_mg=Decimal("0.125"),
    every_days=21,
    crossover_to="diazepam",
    forms=(
        Formulation("diazepam", "oral_solution", Decimal("0.4")),
        Formulation("diazepam", "tablet", Decimal(2), True),
    ),
    country="UK",
    liquid_step_ml=Decimal("0.1"),
    slow_end=False,
    dose_order="even",
    holds=(HoldAt(Decimal(5), 28),),
    risk=RiskFactors(seizure_history=True, age_65_or_over=True, days_of_use=400),
    allow_fast_reason="admitted to hospital",
    hold_first_days=7,
    drug_free_nights=True,
    start_nights_per_week=5,
)


def test_every_field_round_trips_through_json() -> None:
    data = json.loads(json.dumps(request_to_dict(FULL)))
    assert request_from_dict(data) == FULL


def test_the_full_example_sets_every_field_away_from_its_default() -> None:
    default = PlanRequest(regimen=FULL.regimen, start=FULL.start)
    unchanged = [
        f.name for f in records.fields(PlanRequest) if getattr(FULL, f.name) == getattr(default, f.name)
    ]
    assert unchanged == ["regimen", "start"], "extend FULL so the new field is tested"


def test_decimals_are_stored_as_plain_strings() -> None:
    data = request_to_dict(FULL)
    assert data["regimen"][0]["mg"] == "0.5"
    assert data["step_mg"] == "0.125"
    assert data["format"] == 1


def test_a_field_missing_from_old_json_takes_its_default() -> None:
    data = request_to_dict(FULL)
    del data["hold_first_days"]
    data["a_field_from_the_future"] = True
    assert request_from_dict(data).hold_first_days == 0


@pytest.mark.parametrize(("key", "value"), [("method", "fastest"), ("every_days", "often"), ("start", None)])
def test_it_refuses_json_it_cannot_read(key: str, value: object) -> None:
    data = {**request_to_dict(FULL), key: value}
    with pytest.raises(ValueError, match="cannot be read"):
        request_from_dict(data)
