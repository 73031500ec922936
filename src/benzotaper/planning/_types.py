"""Plain types of the planner: what a person takes, what they have, and the plan.

Doses are ``Decimal`` milligrams. DE is the diazepam equivalent in mg per day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from benzotaper.knowledge import TIMES_OF_DAY, FormKind, TimeOfDay

Method = Literal["percent", "fixed", "ashton", "micro"]
METHODS: tuple[Method, ...] = ("percent", "fixed", "ashton", "micro")
StepKind = Literal["crossover", "reduction", "hold", "stop"]
DoseOrder = Literal["sequential", "even"]
DOSE_ORDERS: tuple[DoseOrder, ...] = ("sequential", "even")


def time_rank(time: TimeOfDay) -> int:
    """Position of a time of day in the day, for sorting."""
    return TIMES_OF_DAY.index(time)


@dataclass(frozen=True)
class Dose:
    """One dose of one drug at one time of day, in mg of that drug."""

    drug: str
    time: TimeOfDay
    mg: Decimal


@dataclass(frozen=True)
class Formulation:
    """A form of a drug the person has: a tablet or capsule strength (mg), or an oral solution
    (``strength_mg`` is then mg per ml). Only scored tablets may be split: in halves, or also in quarters
    when ``split_into`` is 4 (a multi-scored tablet such as XANAX 2 mg)."""

    drug: str
    form: FormKind
    strength_mg: Decimal
    scored: bool = False
    split_into: int = 2

    @property
    def is_liquid(self) -> bool:
        return self.form == "oral_solution"

    @property
    def unit(self) -> str:
        if self.is_liquid:
            return "ml"
        return "capsule" if self.form == "capsule" else "tablet"


@dataclass(frozen=True)
class Component:
    """Part of the recipe of a dose: ``count`` tablets (0.5 for a half) or ml of liquid."""

    form: FormKind
    strength_mg: Decimal
    count: Decimal
    unit: str

    @property
    def mg(self) -> Decimal:
        return self.strength_mg * self.count


@dataclass(frozen=True)
class PlannedDose:
    """A dose in a step: what the method asked for (``target_mg``) and what is built (``mg``)."""

    drug: str
    time: TimeOfDay
    target_mg: Decimal
    mg: Decimal
    make: tuple[Component, ...]


@dataclass(frozen=True)
class Step:
    """A period of ``days`` days from ``start`` with the same daily doses.

    ``cut_percent`` is the real cut of the DE from the previous step (0 for crossover and hold steps).
    A ``stop`` step has no doses; its ``days`` is 0 because the drug-free time has no end.
    """

    number: int
    start: dt.date
    days: int
    kind: StepKind
    doses: tuple[PlannedDose, ...]
    diazepam_equivalent_mg: Decimal
    target_diazepam_equivalent_mg: Decimal
    cut_percent: Decimal
    note: str = ""

    @property
    def end(self) -> dt.date:
        """Last day of the step (the start for a stop step)."""
        return self.start + dt.timedelta(days=max(self.days, 1) - 1)


@dataclass(frozen=True)
class PlanWarning:
    code: str
    message: str
    steps: tuple[int, ...] = ()


@dataclass(frozen=True)
class Override:
    """An explicit, recorded decision to go faster than the guideline limit."""

    code: str
    reason: str


@dataclass(frozen=True)
class RiskFactors:
    """What the person declares about themselves; each adds a warning to the plan."""

    seizure_history: bool = False
    age_65_or_over: bool = False
    alcohol_use: bool = False
    opioid_use: bool = False
    other_sedatives: bool = False
    days_of_use: int | None = None
    """How long the drugs have been taken daily; None means unknown, treated as long-term."""


@dataclass(frozen=True)
class HoldAt:
    """Hold ``days`` extra days once the DE first reaches ``de_mg`` or less."""

    de_mg: Decimal
    days: int


@dataclass(frozen=True)
class PlanRequest:
    """Everything the planner needs. Defaults follow the guideline (knowledge data) when None."""

    regimen: tuple[Dose, ...]
    start: dt.date
    method: Method = "percent"
    cut_percent: Decimal | None = None
    step_mg: Decimal | None = None
    every_days: int | None = None
    crossover_to: str | None = None
    forms: tuple[Formulation, ...] = ()
    country: str = "US"
    liquid_step_ml: Decimal | None = None
    slow_end: bool = True
    dose_order: DoseOrder = "sequential"
    holds: tuple[HoldAt, ...] = ()
    risk: RiskFactors = field(default_factory=RiskFactors)
    allow_fast_reason: str | None = None
    """An explicit reason to allow cuts faster than the guideline; recorded in the plan."""
    hold_first_days: int = 0
    """Hold the current doses this many days before the first change (used when re-planning)."""


@dataclass(frozen=True)
class Plan:
    """A whole taper plan, ending at zero. ``knowledge_version`` says which facts it was built from."""

    knowledge_version: str
    request: PlanRequest
    steps: tuple[Step, ...]
    warnings: tuple[PlanWarning, ...]
    overrides: tuple[Override, ...]
    forms: tuple[Formulation, ...]
    method_note: str
    replanned_from: str | None = None

    @property
    def end(self) -> dt.date:
        return self.steps[-1].start

    def step_on(self, day: dt.date) -> Step | None:
        """The step in effect on a day (None before the plan; the stop step after it ends)."""
        current = None
        for step in self.steps:
            if step.start <= day:
                current = step
        return current


class PlanError(ValueError):
    """The plan cannot be made as asked. ``fixes`` are concrete things the person can change."""

    code = "plan_error"

    def __init__(self, message: str, fixes: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fixes = tuple(fixes)
        self.partial: Plan | None = None
        """The plan up to the point it can reach, when the planner got that far."""
        self.fix_changes: tuple[Mapping[str, object], ...] = ()
        """For fixes the planner re-planned: the ``PlanRequest`` changes of each, in the order of
        ``fixes`` (empty for errors whose fixes are advice)."""


class InputError(PlanError):
    """A value the person typed is not understood or not possible."""

    code = "bad_input"


class TooFastError(PlanError):
    """The asked pace is faster than the guideline limit and no override was given."""

    code = "too_fast"


class RoundingError(PlanError):
    """The forms the person has cannot make a dose within the limits."""

    code = "rounding"


class AbruptStopError(PlanError):
    """The plan would stop a long-term user abruptly."""

    code = "abrupt_stop"


@dataclass(frozen=True)
class SupplyItem:
    """How much of one form and strength is needed: whole tablets/capsules, or ml of solution."""

    drug: str
    form: FormKind
    strength_mg: Decimal
    quantity: Decimal
    unit: str


@dataclass(frozen=True)
class SupplyPeriod:
    """What a prescription for the days ``start`` to ``end`` (inclusive) must supply."""

    start: dt.date
    end: dt.date
    items: tuple[SupplyItem, ...]
