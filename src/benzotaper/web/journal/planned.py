"""What the person's plan says to take on a day, read from the saved plan.

The doses come from the active ``SavedPlan``'s ``plan()``, read back exactly from what was saved: the
plan exactly as the person saved and saw it. It is never made again from the request, so a change in
the knowledge data or the planner cannot change what a saved plan told someone to take.

Only the active plan is read. A re-plan starts on the day it was made, so days before it (and days
before the first plan's start) have no planned doses here, nor have the stop day and the days after
it (``Plan.step_on`` gives the stop step then, which has no doses), nor has a planned drug-free night
(``Plan.is_drug_free_night``). Doses of 0 mg (nothing to take) are left out::

    plan = active_plan(request.user)                 # SavedPlan or None
    for dose in planned_doses_on(request.user, day): # in time-of-day order
        dose.drug, dose.time, dose.mg, dose.make_text, dose.step_number, dose.step_kind
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from benzotaper.knowledge import TIMES_OF_DAY
from benzotaper.planning import Plan, make_text
from benzotaper.records import Record
from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.kept_queries import PERSON, KeptQuery

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class PlannedDoseView(Record):
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
    return _ACTIVE_PLAN.first(user)


# Read on Today, the plan page and the builder: its SQL written once (``kept_queries``).
_ACTIVE_PLAN = KeptQuery(
    lambda person: SavedPlan.objects.for_user(person).active().as_texts()[:1],
    PERSON,
)


def planned_doses_on(
    user: AbstractBaseUser | AnonymousUser, day: dt.date, plan: SavedPlan | None = None
) -> list[PlannedDoseView]:
    """The doses the person's active plan (or ``plan``, when the caller has it) says to take on
    ``day``, in time-of-day order; [] without a readable plan, before it starts, and from its stop day on."""
    plan = plan if plan is not None else active_plan(user)
    read = plan.readable_plan() if plan is not None else None
    return [] if read is None else doses_on(read, day)


def doses_on(plan: Plan, day: dt.date) -> list[PlannedDoseView]:
    """The planned doses of ``plan`` on ``day`` (``Plan.doses_on``; see ``planned_doses_on``)."""
    step = plan.step_on(day)
    if step is None:
        return []
    doses = [
        PlannedDoseView(
            drug=dose.drug,
            time=dose.time,
            mg=dose.mg,
            make_text=make_text(dose.make),
            step_number=step.number,
            step_kind=step.kind,
        )
        for dose in plan.doses_on(day)
        if dose.mg > 0
    ]
    return sorted(doses, key=lambda dose: (TIMES_OF_DAY.index(dose.time), dose.drug))
