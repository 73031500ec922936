"""Shared set-up of the journal page tests: a fixed "now", and Alice's saved plan.

Alice lives in London (see tests/web/conftest.py). The clock is stopped on Monday 4 January 2027
at 10:00 UTC, the first day of her plan: diazepam 5 mg in the morning and 5 mg at night.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
import time_machine

from benzotaper.planning import Dose, Plan, PlanRequest, make_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from benzotaper.web.journal.models import SavedPlan

# Models are imported inside the fixtures: this conftest may be read before Django is set up.

TODAY = dt.date(2027, 1, 4)
NOW = dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def now() -> Iterator[dt.datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def diazepam_plan(start: dt.date = TODAY) -> Plan:
    """Diazepam 5 mg morning and night, from ``start``: 4 mg and 5 mg in the first step."""
    return make_plan(
        PlanRequest(
            regimen=(Dose("diazepam", "night", Decimal("5")), Dose("diazepam", "morning", Decimal("5"))),
            start=start,
        )
    )


@pytest.fixture
def plan_from() -> Callable[[dt.date], Plan]:
    """Make the diazepam plan from a given day."""
    return diazepam_plan


@pytest.fixture
def alice_plan(alice: User) -> SavedPlan:
    """Alice's active plan, starting today."""
    from benzotaper.web.journal.models import SavedPlan

    return SavedPlan.store(alice, diazepam_plan())


@pytest.fixture
def answers() -> Callable[..., dict[str, str]]:
    """The POST of a check-in form as a person leaves it untouched (every symptom "not rated",
    version 0), with ``changes`` on top: ``answers(wellbeing="6", symptom_anxiety="2")``."""
    from benzotaper.knowledge import load_symptoms

    def make(**changes: str) -> dict[str, str]:
        data = {f"symptom_{item.code}": "" for item in load_symptoms().rated_items}
        data |= {"version": "0", "wellbeing": "", "sleep_hours": "", "notes": ""}
        return data | changes

    return make
