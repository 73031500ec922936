"""Taper plans. Creating one runs the planner (``benzotaper.planning.make_plan``) and saves the result
as the person's active plan; the previous active plan is kept as "superseded" (``SavedPlan.store``).

A saved plan is a record of what was planned, so it is never re-planned in place: PUT and PATCH may
only rename it. To change a plan, create a new one (it replaces the active one). DELETE removes one
saved plan and its history of changes; deleting the active plan leaves the person with no active
plan (the one it replaced is not brought back: it may be out of date).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic.json_schema import SkipJsonSchema

from benzotaper.knowledge import FormKind, TimeOfDay
from benzotaper.planning import (
    MOST_DAYS,
    MOST_DAYS_OF_USE,
    MOST_DOSES,
    MOST_FORMS,
    MOST_HOLDS,
    MOST_LIQUID_STEP_ML,
    MOST_MG,
    MOST_PLACES,
    PLAN_START_EARLIEST,
    PLAN_START_LATEST,
    AskedDose,
    AskedForm,
    DoseOrder,
    FieldProblem,
    HoldAt,
    Method,
    PlanAsk,
    PlanError,
    PlanRequest,
    RequestError,
    RiskFactors,
    make_plan,
    read_request,
)
from benzotaper.web.accounts.models import Profile
from benzotaper.web.api.common import (
    ERRORS,
    NOT_FOUND,
    DateRange,
    Id,
    Label,
    Name,
    Note,
    check_range,
    example,
    invalid,
    person,
    profile_of,
)
from benzotaper.web.api.paging import PAGED, Paging, page
from benzotaper.web.journal.models import SavedPlan

router = Router(tags=["plans"])


def _bounds(low: int, high: int, what: str) -> Any:
    """A number whose bounds the planner checks (``read_request``): shown in the OpenAPI document but
    not checked here, so a value out of them is refused in the planner's own words."""
    return Field(json_schema_extra={"minimum": low, "maximum": high}, description=what)


Days = Annotated[int, _bounds(1, MOST_DAYS, "Days.")]
PlanStart = Annotated[
    dt.date, Field(description=f"From {PLAN_START_EARLIEST} to {PLAN_START_LATEST}; default: today.")
]
# Amounts, percentages and volumes: finite decimals; their bounds are the planner's.
Number = Annotated[Decimal, Field(allow_inf_nan=False)]
PlanMg = Annotated[Number, Field(description=f"mg: above 0, at most {MOST_MG}, {MOST_PLACES} decimals.")]
CutPercent = Annotated[Number, Field(description="Percent: above 0 and below 100.")]
LiquidStep = Annotated[Number, Field(description=f"ml: above 0 and at most {MOST_LIQUID_STEP_ML}.")]
Country = Annotated[str, Field(description="A country of the knowledge data, like US or UK.")]


class RegimenDose(Schema):
    drug: Label = Field(description="Generic or brand name.")
    time: TimeOfDay
    mg: PlanMg


class FormIn(Schema):
    drug: Label
    form: FormKind
    strength_mg: PlanMg = Field(description="mg per tablet or capsule; mg per ml for an oral solution.")
    scored: bool = Field(False, description="A scored tablet may be halved.")


class HoldIn(Schema):
    de_mg: PlanMg = Field(
        description="Hold when the diazepam equivalent (mg/day) first reaches this or less."
    )
    days: Days


class RiskIn(Schema):
    seizure_history: bool = False
    age_65_or_over: bool = False
    alcohol_use: bool = False
    opioid_use: bool = False
    other_sedatives: bool = False
    days_of_use: Annotated[int, _bounds(0, MOST_DAYS_OF_USE, "Days.")] | None = Field(
        None, description="How many days the drugs have been taken daily; null: not known (long-term)."
    )


PLAN_EXAMPLE = {
    "name": "diazepam taper",
    "regimen": [{"drug": "diazepam", "time": "night", "mg": "10"}],
    "method": "percent",
    "cut_percent": "10",
    "every_days": 14,
}


class PlanIn(Schema):
    """What the planner needs (``benzotaper.planning.PlanRequest``). Left out: ``start`` is today
    where the person is; ``country`` and ``risk`` come from their profile; the rest follow the
    guideline (knowledge data)."""

    model_config = example(PLAN_EXAMPLE)

    name: Name = ""
    regimen: list[RegimenDose] = Field(json_schema_extra={"minItems": 1, "maxItems": MOST_DOSES})
    start: PlanStart | None = None
    method: Method = "percent"
    cut_percent: CutPercent | None = None
    step_mg: PlanMg | None = Field(None, description="Each cut in mg; only with the fixed method.")
    every_days: Days | None = None
    crossover_to: Label | None = None
    forms: list[FormIn] = Field(default_factory=list, json_schema_extra={"maxItems": MOST_FORMS})
    country: Country | None = None
    liquid_step_ml: LiquidStep | None = None
    slow_end: bool = True
    dose_order: DoseOrder = "sequential"
    holds: list[HoldIn] = Field(default_factory=list, json_schema_extra={"maxItems": MOST_HOLDS})
    risk: RiskIn | None = None
    allow_fast_reason: Note | None = Field(None, description="Allow cuts faster than the guideline.")
    hold_first_days: Annotated[int, _bounds(0, MOST_DAYS, "Days to hold the doses first.")] = 0
    drug_free_nights: bool = Field(False, description="Z-drugs tapered directly: end on fewer nights a week.")


class PlanRename(Schema):
    name: Name


class PlanRenamePatch(Schema):
    name: Name | SkipJsonSchema[None] = None


class PlanSummary(Schema):
    id: int
    name: str
    status: Literal["active", "superseded"]
    created_at: dt.datetime
    start: dt.date | None = Field(description="The first day; null when the stored plan cannot be read.")
    end: dt.date | None = Field(description="The stop day; null when the stored plan cannot be read.")
    knowledge_version: str
    replaces: int | None = Field(description="The plan this one replaced.")

    @classmethod
    def of(cls, row: SavedPlan) -> PlanSummary:
        return cls(**cls._fields(row))

    @staticmethod
    def _fields(row: SavedPlan) -> dict[str, Any]:
        plan = row.readable_plan()
        return {
            "id": row.pk,
            "name": row.name,
            "status": row.status,
            "created_at": row.created_at,
            "start": plan.steps[0].start if plan is not None else None,
            "end": plan.end if plan is not None else None,
            "knowledge_version": row.knowledge_version,
            "replaces": row.replaces_id,
        }


class PlanOut(PlanSummary):
    reason: str
    request: dict[str, Any] = Field(description="The request the plan was made from.")
    plan: dict[str, Any] = Field(description="The plan as saved: steps, doses, warnings, supply.")

    @classmethod
    def of(cls, row: SavedPlan) -> PlanOut:
        return cls(**cls._fields(row), reason=row.reason, request=row.request_json, plan=row.plan_json)


def _request(plan: PlanIn, profile: Profile) -> PlanRequest:
    """The planner's request, with the profile's defaults (422 naming each problem's place)."""
    asked = PlanAsk(
        doses=[AskedDose(dose.drug, dose.mg, dose.time) for dose in plan.regimen],
        start=plan.start or profile.today(),
        method=plan.method,
        cut_percent=plan.cut_percent,
        step_mg=plan.step_mg,
        every_days=plan.every_days,
        crossover_to=plan.crossover_to,
        forms=[AskedForm(form.drug, form.form, form.strength_mg, form.scored) for form in plan.forms],
        country=plan.country or profile.country,
        liquid_step_ml=plan.liquid_step_ml,
        slow_end=plan.slow_end,
        dose_order=plan.dose_order,
        holds=[HoldAt(hold.de_mg, hold.days) for hold in plan.holds],
        risk=RiskFactors(**plan.risk.model_dump()) if plan.risk else profile.risk_factors(),
        allow_fast_reason=plan.allow_fast_reason,
        hold_first_days=plan.hold_first_days,
        drug_free_nights=plan.drug_free_nights,
    )
    try:
        return read_request(asked)
    except RequestError as error:
        raise ValidationError([place for problem in error.problems for place in _place(problem)]) from None


def _place(problem: FieldProblem) -> list[dict[str, Any]]:
    """A problem of the request as ninja's 422 error, at its place in the body."""
    where: list[str | int] = ["risk", problem.field] if problem.field == "days_of_use" else [problem.field]
    where += [part for part in (problem.item, problem.part) if part is not None]
    error = invalid(where, problem.message, problem.code, fixes=list(problem.fixes))
    return list(error.errors)


@router.get("", response={200: list[PlanSummary], **ERRORS}, summary="List saved plans", openapi_extra=PAGED)
def list_plans(
    request: HttpRequest, response: HttpResponse, dates: Query[DateRange], paging: Query[Paging]
) -> list[PlanSummary]:
    """Newest first, without their steps; ``from`` and ``to`` limit the day each was created (in
    the person's time zone). Paged (``limit``, ``offset``, a ``Link`` header to the next page)."""
    user = person(request)
    start, end = check_range(dates)
    rows = SavedPlan.objects.for_user(user)
    zone = profile_of(request).zone
    if start is not None:
        rows = rows.filter(created_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    if end is not None:
        after = end + dt.timedelta(days=1)
        rows = rows.filter(created_at__lt=dt.datetime.combine(after, dt.time.min, tzinfo=zone))
    return [PlanSummary.of(row) for row in page(request, response, rows, paging)]


@router.post("", response={201: PlanOut, **ERRORS}, summary="Make and save a plan")
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[PlanOut]:
    """Runs the planner. A plan that cannot be made answers 422 with the reason (``msg``), a code
    (``type``: bad_input, too_fast, rounding, abrupt_stop...) and ``fixes``."""
    user = person(request)
    plan_request = _request(payload, profile_of(request))
    try:
        plan = make_plan(plan_request)
    except PlanError as error:
        raise invalid([], error.message, error.code, fixes=list(error.fixes)) from None
    saved = SavedPlan.store(user, plan, name=payload.name)
    return Status(201, PlanOut.of(saved))


@router.get("/{plan_id}", response={200: PlanOut, **NOT_FOUND}, summary="Read a saved plan")
def read_plan(request: HttpRequest, plan_id: Id) -> PlanOut:
    return PlanOut.of(get_object_or_404(SavedPlan.objects.for_user(person(request)), pk=plan_id))


def _rename(request: HttpRequest, plan_id: int, name: str | None) -> PlanOut:
    row = get_object_or_404(SavedPlan.objects.for_user(person(request)), pk=plan_id)
    if name is not None:
        row.name = name
        row.save(update_fields=["name"])
    return PlanOut.of(row)


@router.put("/{plan_id}", response={200: PlanOut, **NOT_FOUND}, summary="Rename a saved plan")
def rename_plan(request: HttpRequest, plan_id: Id, payload: PlanRename) -> PlanOut:
    """Only the name of a saved plan can change; make a new plan to change the plan itself."""
    return _rename(request, plan_id, payload.name)


@router.patch("/{plan_id}", response={200: PlanOut, **NOT_FOUND}, summary="Rename a saved plan")
def change_plan(request: HttpRequest, plan_id: Id, payload: PlanRenamePatch) -> PlanOut:
    """As PUT; an empty body changes nothing."""
    return _rename(request, plan_id, payload.name)


@router.delete("/{plan_id}", response={204: None, **NOT_FOUND}, summary="Delete a saved plan")
def delete_plan(request: HttpRequest, plan_id: Id) -> Status[None]:
    """Deleting the active plan leaves no plan active."""
    get_object_or_404(SavedPlan.objects.for_user(person(request)), pk=plan_id).delete()
    return Status(204, None)
