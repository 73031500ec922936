"""The taper planner: a pure, documented API used by the CLI, the web app and Python users.

Doses are ``Decimal`` mg; DE is the diazepam equivalent (mg/day) from the knowledge data. Invariants of every
plan: each dose is buildable from the declared forms and its recipe adds up to it; the DE never rises from one
step to the next; a crossover keeps the DE constant at ordinary doses and reduces while it substitutes above
the diazepam ceiling, never exceeding the ceiling nor the labelled single dose; every cut, for each drug and
in total, is within the guideline limits of the knowledge data, or listed as a cut the forms force (and then
stretched in time so the pace never exceeds the one asked), unless an explicit override is recorded; each
drug stops only from its own smallest practical dose, one drug at a time; a plan ends at zero. A refused
plan (``PlanError``) carries fixes that were re-planned and work, and the plan as far as it can go.
See docs/planning.md for every rule and its source.
"""

from typing import TYPE_CHECKING

from ._formulations import default_forms
from ._parse import MOST_MG, MOST_PLACES, parse_amount, parse_dose, parse_form
from ._plan import diazepam_equivalent, hold_step, make_plan, replan
from ._prescriber import (
    day_numbers,
    disp_text,
    dispense,
    ehr_summary,
    plan_totals,
    sig_text,
    supply_text,
    total_days,
)
from ._request import (
    MOST_DAYS,
    MOST_DAYS_OF_USE,
    MOST_DOSES,
    MOST_FORMS,
    MOST_HOLDS,
    MOST_LIQUID_STEP_ML,
    PLAN_START_EARLIEST,
    PLAN_START_LATEST,
    AskedDose,
    AskedForm,
    FieldProblem,
    PlanAsk,
    RequestError,
    parse_date,
    plan_start_problem,
    read_dose,
    read_request,
)
from ._serialize import DISCLAIMER, plan_to_dict
from ._supply import supply_needed
from ._types import (
    DOSE_ORDERS,
    METHODS,
    AbruptStopError,
    Component,
    Dose,
    DoseOrder,
    Formulation,
    HoldAt,
    InputError,
    Method,
    Override,
    Plan,
    PlanError,
    PlannedDose,
    PlanRequest,
    PlanWarning,
    RiskFactors,
    RoundingError,
    Step,
    StepKind,
    SupplyItem,
    SupplyPeriod,
    TooFastError,
    is_dose_night,
    step_on,
)
from ._words import decimal_text, dose_night_names, form_text, make_text, nights_text

if TYPE_CHECKING:
    from ._codec import plan_from_dict, request_from_dict, request_to_dict

__all__ = [
    "DISCLAIMER",
    "DOSE_ORDERS",
    "METHODS",
    "MOST_DAYS",
    "MOST_DAYS_OF_USE",
    "MOST_DOSES",
    "MOST_FORMS",
    "MOST_HOLDS",
    "MOST_LIQUID_STEP_ML",
    "MOST_MG",
    "MOST_PLACES",
    "PLAN_START_EARLIEST",
    "PLAN_START_LATEST",
    "AbruptStopError",
    "AskedDose",
    "AskedForm",
    "Component",
    "Dose",
    "DoseOrder",
    "FieldProblem",
    "Formulation",
    "HoldAt",
    "InputError",
    "Method",
    "Override",
    "Plan",
    "PlanAsk",
    "PlanError",
    "PlanRequest",
    "PlanWarning",
    "PlannedDose",
    "RequestError",
    "RiskFactors",
    "RoundingError",
    "Step",
    "StepKind",
    "SupplyItem",
    "SupplyPeriod",
    "TooFastError",
    "day_numbers",
    "decimal_text",
    "default_forms",
    "diazepam_equivalent",
    "disp_text",
    "dispense",
    "dose_night_names",
    "ehr_summary",
    "form_text",
    "hold_step",
    "is_dose_night",
    "make_plan",
    "make_text",
    "nights_text",
    "parse_amount",
    "parse_date",
    "parse_dose",
    "parse_form",
    "plan_from_dict",
    "plan_start_problem",
    "plan_to_dict",
    "plan_totals",
    "read_dose",
    "read_request",
    "replan",
    "request_from_dict",
    "request_to_dict",
    "sig_text",
    "step_on",
    "supply_needed",
    "supply_text",
    "total_days",
]

# Reading saved plans back is imported on first use: `benzotaper plan` never needs it.
_CODEC = ("plan_from_dict", "request_from_dict", "request_to_dict")


def __getattr__(name: str) -> object:
    if name in _CODEC:
        from . import _codec

        return getattr(_codec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
