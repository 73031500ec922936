"""Helpers for the plan pages' tests: the builder's form data, and a plan already saved for alice.

``builder_data(...)`` is what the builder form posts: dose rows as (drug, amount, time), medicine rows
as (name, dose, time), and any option by field name (``None`` leaves the field out, as an unchecked
checkbox is left out by a browser).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Models are imported inside the fixtures (see tests/web/conftest.py).

BuilderData = Callable[..., dict[str, str]]

OPTIONS = {
    "method": "percent",
    "dose_order": "sequential",
    "slow_end": "on",
    "start": "2027-01-04",
    "country": "UK",
}


def _rows(prefix: str, names: Sequence[str], rows: Sequence[Sequence[str]]) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        for name, value in zip(names, row, strict=True):
            data[f"{prefix}-{index}-{name}"] = value
    return data


@pytest.fixture
def builder_data() -> BuilderData:
    def make(
        doses: Sequence[Sequence[str]] = (("Valium", "10mg", "night"),),
        medicines: Sequence[Sequence[str]] = (("", "", ""),),
        action: str = "preview",
        **options: Any,
    ) -> dict[str, str]:
        data = {**OPTIONS, "action": action}
        for name, value in options.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = str(value)
        data.update(_rows("dose", ("drug", "amount", "time"), doses))
        data.update(_rows("medicine", ("name", "dose_text", "time"), medicines))
        return data

    return make


@pytest.fixture
def alice_today(alice: User) -> dt.date:
    from benzotaper.web.accounts.models import Profile

    return Profile.of(alice).today()


@pytest.fixture
def alice_plan(alice: User, alice_today: dt.date) -> Any:
    """Alice's active plan: diazepam 10 mg at night, 10 % every 14 days, started 20 days ago (so
    today is in step 2, diazepam 8 mg)."""
    from benzotaper.planning import Dose, PlanRequest, make_plan
    from benzotaper.web.journal.models import SavedPlan

    start = alice_today - dt.timedelta(days=20)
    plan = make_plan(
        PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=start, country="UK")
    )
    return SavedPlan.store(alice, plan, name="first plan", reason="agreed with Dr Lee")
