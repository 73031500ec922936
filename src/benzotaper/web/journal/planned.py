"""What the person's plan says to take on a day, read from the saved plan.

The doses come from the active ``SavedPlan``'s ``plan_json`` (``planning.plan_to_dict`` output): the
plan exactly as the person saved and saw it. It is never made again from the request, so a change in
the knowledge data or the planner cannot change what a saved plan told someone to take.

Only the active plan is read. A re-plan starts on the day it was made, so days before it (and days
before the first plan's start) have no planned doses here, nor have the stop day and the days after
it, nor has a planned drug-free night (``is_drug_free_night``). Doses of 0 mg (nothing to take) are
left out::

    plan = active_plan(request.user)                 # SavedPlan or None
    for dose in planned_doses_on(request.user, day): # in time-of-day order
        dose.drug, dose.time, dose.mg, dose.make_text, dose.step_number, dose.step_kind
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from benzotaper.knowledge import TIMES_OF_DAY
from benzotaper.planning import is_dose_night
from benzotaper.web.journal.models import SavedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class PlannedDoseView:
    """One planned dose: ``mg`` of ``drug`` at ``time`` (a time of day), made as ``make_text``
    ("1 × 5 mg tablet + ½ × 2 mg tablet"), in step ``step_number`` of kind ``step_kind``
    (crossover, reduction or hold)."""

    drug: str
    time: str
    mg: Decimal
    make_text: str
    step_number: int
    step_kind: str

    @property
    def key(self) -> tuple[str, str]:
        """(time, drug): at most one dose of a drug per time of day, as in ``DoseTaken``."""
        return (self.time, self.drug)


def active_plan(user: AbstractBaseUser | AnonymousUser) -> SavedPlan | None:
    """The person's active saved plan, or None when they have not saved one."""
    return SavedPlan.objects.for_user(user).active().first()


def planned_doses_on(
    user: AbstractBaseUser | AnonymousUser, day: dt.date, plan: SavedPlan | None = None
) -> list[PlannedDoseView]:
    """The doses the person's active plan (or ``plan``, when the caller has it) says to take on
    ``day``, in time-of-day order; [] without a plan, before it starts, and from its stop day on."""
    plan = plan if plan is not None else active_plan(user)
    return [] if plan is None else doses_on(plan.plan_json, day)


def doses_on(plan_json: dict[str, Any], day: dt.date) -> list[PlannedDoseView]:
    """The planned doses on ``day`` in a ``plan_to_dict`` plan (see ``planned_doses_on``)."""
    step = step_on(plan_json, day)
    if step is None or not is_dose_night(step.get("nights_per_week", 7), day):
        return []
    doses = [
        PlannedDoseView(
            drug=dose["drug"],
            time=dose["time"],
            mg=Decimal(dose["mg"]),
            make_text=dose["make_text"],
            step_number=step["number"],
            step_kind=step["kind"],
        )
        for dose in step["doses"]
        if Decimal(dose["mg"]) > 0
    ]
    return sorted(doses, key=lambda dose: (TIMES_OF_DAY.index(dose.time), dose.drug))


def is_drug_free_night(plan_json: dict[str, Any], day: dt.date) -> bool:
    """Whether ``day`` is a planned drug-free night: its step has doses, but not on that night (the
    planner's one rule, ``planning.is_dose_night``). A plan saved before the option has none."""
    step = step_on(plan_json, day)
    return step is not None and bool(step["doses"]) and not is_dose_night(step.get("nights_per_week", 7), day)


def step_on(plan_json: dict[str, Any], day: dt.date) -> dict[str, Any] | None:
    """The step (as stored) whose days include ``day``: None before the plan starts and after
    its stop day. Step ``start`` and ``end`` are ISO dates, both days included."""
    iso = day.isoformat()  # ISO dates compare in calendar order as strings
    for step in plan_json["steps"]:
        if step["start"] <= iso <= step["end"]:
            found: dict[str, Any] = step
            return found
    return None
