"""Plain types of the planner: what a person takes, what they have, and the plan.

Doses are ``Decimal`` milligrams. DE is the diazepam equivalent in mg per day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Literal

from benzotaper.knowledge import TIMES_OF_DAY, FormKind, TimeOfDay
from benzotaper.records import Record, field

Method = Literal["percent", "fixed", "ashton", "micro"]
METHODS: tuple[Method, ...] = ("percent", "fixed", "ashton", "micro")
StepKind = Literal["crossover", "reduction", "hold", "stop"]
DoseOrder = Literal["sequential", "even"]
DOSE_ORDERS: tuple[DoseOrder, ...] = ("sequential", "even")


def time_rank(time: TimeOfDay) -> int:
    """Position of a time of day in the day, for sorting."""
    return TIMES_OF_DAY.index(time)


WEEK_DAYS = 7
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def dose_weekdays(nights_per_week: int) -> tuple[int, ...]:
    """The weekdays (Monday 0) a dose is taken on when it is taken ``nights_per_week`` nights a week.

    The drug-free nights are spread as evenly as the week allows: weekday ``d`` is drug-free when
    ``(d + 1) * free // 7`` passes a whole number, so 1 free night is Sunday, 2 are Thursday and Sunday,
    3 are Wednesday, Friday and Sunday. The one rule behind every "is tonight a dose night"."""
    free = WEEK_DAYS - nights_per_week
    return tuple(d for d in range(WEEK_DAYS) if (d + 1) * free // WEEK_DAYS == d * free // WEEK_DAYS)


def is_dose_night(nights_per_week: int, day: dt.date) -> bool:
    """Whether doses taken ``nights_per_week`` nights a week are taken on ``day`` (False on a planned
    drug-free night)."""
    return nights_per_week == WEEK_DAYS or day.weekday() in dose_weekdays(nights_per_week)


class Dose(Record):
    """One dose of one drug at one time of day, in mg of that drug."""

    drug: str
    time: TimeOfDay
    mg: Decimal


class Formulation(Record):
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


class Component(Record):
    """Part of the recipe of a dose: ``count`` tablets (0.5 for a half) or ml of liquid."""

    form: FormKind
    strength_mg: Decimal
    count: Decimal
    unit: str

    @property
    def mg(self) -> Decimal:
        return self.strength_mg * self.count


class PlannedDose(Record):
    """A dose in a step: what the method asked for (``target_mg``) and what is built (``mg``)."""

    drug: str
    time: TimeOfDay
    target_mg: Decimal
    mg: Decimal
    make: tuple[Component, ...]


class Step(Record):
    """A period of ``days`` days from ``start`` with the same daily doses.

    ``cut_percent`` is the real cut of the DE from the previous step (0 for crossover and hold steps).
    A ``stop`` step has no doses; its ``days`` is 0 because the drug-free time has no end.
    ``nights_per_week`` below 7 means planned drug-free nights: the doses are taken on those nights
    of the week only (``is_dose_night``), and the DE is the average daily DE (dose DE x nights / 7).
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
    nights_per_week: int = WEEK_DAYS

    @property
    def end(self) -> dt.date:
        """Last day of the step (the start for a stop step)."""
        return self.start + dt.timedelta(days=max(self.days, 1) - 1)

    def is_dose_night(self, day: dt.date) -> bool:
        """Whether the step's doses are taken on ``day`` (False on a planned drug-free night)."""
        return is_dose_night(self.nights_per_week, day)

    def dose_nights(self, first: dt.date, days: int) -> int:
        """How many of the ``days`` days from ``first`` are dose nights."""
        if self.nights_per_week == WEEK_DAYS:
            return max(days, 0)
        on = dose_weekdays(self.nights_per_week)
        weeks, rest = divmod(max(days, 0), WEEK_DAYS)
        return weeks * len(on) + sum((first.weekday() + i) % WEEK_DAYS in on for i in range(rest))


class PlanWarning(Record):
    """Something the person should know about the plan, with the numbers of the steps it concerns."""

    code: str
    message: str
    steps: tuple[int, ...] = ()


class Override(Record):
    """An explicit, recorded decision to go faster than the guideline limit."""

    code: str
    reason: str


class RiskFactors(Record):
    """What the person declares about themselves; each adds a warning to the plan."""

    seizure_history: bool = False
    age_65_or_over: bool = False
    alcohol_use: bool = False
    opioid_use: bool = False
    other_sedatives: bool = False
    days_of_use: int | None = None
    """How long the drugs have been taken daily; None means unknown, treated as long-term."""


class HoldAt(Record):
    """Hold ``days`` extra days once the DE first reaches ``de_mg`` or less."""

    de_mg: Decimal
    days: int


class PlanRequest(Record):
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
    drug_free_nights: bool = False
    """Z-drugs tapered directly: from the smallest practical dose, take it on fewer nights a week."""
    start_nights_per_week: int = WEEK_DAYS
    """The nights a week the current doses are taken: fewer than 7 when re-planning during planned
    drug-free nights, so that the new plan goes on from there and never back to every night."""


class Plan(Record):
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
        """The plan's step in effect on ``day``, by the one end rule of :func:`step_on`."""
        return step_on(self.steps, day)

    def doses_on(self, day: dt.date) -> tuple[PlannedDose, ...]:
        """The doses planned for ``day``: none before the plan, after the stop or on a drug-free night."""
        step = self.step_on(day)
        if step is None or not step.is_dose_night(day):
            return ()
        return step.doses

    def is_drug_free_night(self, day: dt.date) -> bool:
        """Whether ``day`` is a planned drug-free night: its step has doses, but not on that night."""
        step = self.step_on(day)
        return step is not None and bool(step.doses) and not step.is_dose_night(day)


def step_on(steps: Sequence[Step], day: dt.date) -> Step | None:
    """The step of ``steps`` (a plan's, in order) in effect on ``day``: the one rule every page, export,
    report and analysis reads a plan by.

    - Before the first step starts: None (the plan has not begun).
    - From a step's ``start`` to its ``end``, both included: that step.
    - From the stop day on: the stop step, which has no doses. The drug-free time has no end, so a plan
      that has ended reads as "stopped", never as "no plan".
    - After the last day of steps that do not end with a stop step (the partial plan of a refused
      request): None, as the plan says nothing about those days.
    """
    found = bisect.bisect_right(steps, day, key=lambda step: step.start)  # the last to start by then
    if found == 0:
        return None
    step = steps[found - 1]
    return step if step.kind == "stop" or day <= step.end else None


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


class SupplyItem(Record):
    """How much of one form and strength is needed: whole tablets/capsules, or ml of solution."""

    drug: str
    form: FormKind
    strength_mg: Decimal
    quantity: Decimal
    unit: str


class SupplyPeriod(Record):
    """What a prescription for the days ``start`` to ``end`` (inclusive) must supply."""

    start: dt.date
    end: dt.date
    items: tuple[SupplyItem, ...]
