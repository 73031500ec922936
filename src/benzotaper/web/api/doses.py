"""Doses taken: one dose of one drug at one time of day on one day, as it was really taken.

One entry per day, time of day and drug (a second one answers 409 with the first). The date is the
person's own calendar day and cannot be in the future where they are.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic.json_schema import SkipJsonSchema

from benzotaper.journal import DOSE_MG_MAX, DOSE_MG_PLACES, DoseRecord, DoseStatus, journal_day_problem
from benzotaper.knowledge import TimeOfDay
from benzotaper.web.api.common import (
    ERRORS,
    NOT_FOUND,
    STALE,
    Conflict,
    DateRange,
    Id,
    Label,
    Note,
    Version,
    example,
    in_range,
    invalid,
    person,
    today_of,
    validate_body,
)
from benzotaper.web.journal.models import DoseTaken
from benzotaper.web.records import StaleEditError

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

router = Router(tags=["doses"])

# mg of a dose: at most the journal's guard against typos, in at most 4 decimal places.
PlannedMg = Annotated[
    Decimal, Field(ge=0, le=DOSE_MG_MAX, decimal_places=DOSE_MG_PLACES, allow_inf_nan=False)
]
TakenMg = Annotated[Decimal, Field(gt=0, le=DOSE_MG_MAX, decimal_places=DOSE_MG_PLACES, allow_inf_nan=False)]


DOSE_EXAMPLE = {
    "date": "2026-01-05",
    "time_of_day": "morning",
    "drug": "alprazolam",
    "planned_mg": "0.5",
    "taken_mg": "0.5",
    "status": "as_planned",
    "note": "",
}


class DoseIn(Schema):
    """A dose as taken. ``taken_mg`` is left out (null) exactly when the dose was ``skipped``; a dose
    taken ``as_planned`` has ``taken_mg`` equal to ``planned_mg``. ``planned_mg`` is null for a dose
    that was not in the plan."""

    model_config = example(DOSE_EXAMPLE)

    date: dt.date
    time_of_day: TimeOfDay
    drug: Label
    planned_mg: PlannedMg | None = None
    taken_mg: TakenMg | None = None
    status: DoseStatus
    note: Note = ""


class DoseUpdate(DoseIn):
    model_config = example({**DOSE_EXAMPLE, "version": 1})

    version: Version


class DosePatch(Schema):
    """Only the fields given change; ``version`` is required."""

    model_config = example({"version": 1, "note": "taken an hour late"})

    version: Version
    date: dt.date | SkipJsonSchema[None] = None
    time_of_day: TimeOfDay | SkipJsonSchema[None] = None
    drug: Label | SkipJsonSchema[None] = None
    planned_mg: PlannedMg | None = None
    taken_mg: TakenMg | None = None
    status: DoseStatus | SkipJsonSchema[None] = None
    note: Note | SkipJsonSchema[None] = None


class DoseOut(Schema):
    id: int
    version: int
    date: dt.date
    time_of_day: TimeOfDay
    drug: str
    planned_mg: Decimal | None
    taken_mg: Decimal | None
    status: DoseStatus
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, row: DoseTaken) -> DoseOut:
        record = row.to_record()
        return cls(
            id=row.pk,
            version=row.version,
            date=record.date,
            time_of_day=row.time_of_day,  # type: ignore[arg-type]  # held to the times by a constraint
            drug=record.drug,
            planned_mg=record.planned_mg,
            taken_mg=record.taken_mg,
            status=record.status,
            note=record.note,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class DoseConflict(Schema):
    detail: str
    current: DoseOut


def _record(user: User, dose: DoseIn) -> DoseRecord:
    """The journal's record of a valid dose, after the checks a schema cannot make (422)."""
    problem = journal_day_problem(dose.date, today_of(user))
    if problem is not None:
        raise invalid(["date"], problem)
    if (dose.status == "skipped") != (dose.taken_mg is None):
        raise invalid(
            ["taken_mg"], "A skipped dose has no amount taken (null), and every other dose has one."
        )
    if dose.status == "as_planned" and dose.taken_mg != dose.planned_mg:
        raise invalid(["taken_mg"], "A dose taken as planned has taken_mg equal to planned_mg.")
    return DoseRecord(
        date=dose.date,
        time=dose.time_of_day,
        drug=dose.drug,
        planned_mg=dose.planned_mg,
        taken_mg=dose.taken_mg,
        status=dose.status,
        note=dose.note,
    )


def _same_entry(user: User, record: DoseRecord) -> DoseOut:
    row = DoseTaken.objects.for_user(user).get(date=record.date, time_of_day=record.time, drug=record.drug)
    return DoseOut.of(row)


DUPLICATE = "There is already an entry for this drug at this time of day on this day; here it is."


@router.get("", response={200: list[DoseOut], **ERRORS}, summary="List doses taken")
def list_doses(request: HttpRequest, dates: Query[DateRange]) -> list[DoseOut]:
    """Newest day first; ``from`` and ``to`` (both included) limit the dates."""
    rows = in_range(DoseTaken.objects.for_user(person(request)), "date", dates)
    return [DoseOut.of(row) for row in rows]


@router.post("", response={201: DoseOut, 409: DoseConflict, **ERRORS}, summary="Log a dose")
def create_dose(request: HttpRequest, payload: DoseIn) -> Status[DoseOut]:
    user = person(request)
    record = _record(user, payload)
    row = DoseTaken.from_record(user, record)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise Conflict(DUPLICATE, _same_entry(user, record)) from None
    return Status(201, DoseOut.of(row))


@router.get("/{dose_id}", response={200: DoseOut, **NOT_FOUND}, summary="Read a dose")
def read_dose(request: HttpRequest, dose_id: Id) -> DoseOut:
    return DoseOut.of(get_object_or_404(DoseTaken.objects.for_user(person(request)), pk=dose_id))


def _save(user: User, row: DoseTaken, dose: DoseIn, version: int) -> DoseOut:
    record = _record(user, dose)
    changed = DoseTaken.from_record(user, record)
    for field in ("date", "time_of_day", "drug", "planned_mg", "taken_mg", "status", "note"):
        setattr(row, field, getattr(changed, field))
    row.version = version
    try:
        with transaction.atomic():
            row.save()
    except StaleEditError as error:
        if error.current is None:
            raise invalid(["version"], "This dose was deleted meanwhile.", "deleted") from None
        assert isinstance(error.current, DoseTaken)
        raise Conflict(STALE, DoseOut.of(error.current)) from None
    except IntegrityError:
        raise Conflict(DUPLICATE, _same_entry(user, record)) from None
    return DoseOut.of(row)


@router.put("/{dose_id}", response={200: DoseOut, 409: DoseConflict, **NOT_FOUND}, summary="Replace a dose")
def replace_dose(request: HttpRequest, dose_id: Id, payload: DoseUpdate) -> DoseOut:
    user = person(request)
    row = get_object_or_404(DoseTaken.objects.for_user(user), pk=dose_id)
    return _save(user, row, payload, payload.version)


@router.patch("/{dose_id}", response={200: DoseOut, 409: DoseConflict, **NOT_FOUND}, summary="Change a dose")
def change_dose(request: HttpRequest, dose_id: Id, payload: DosePatch) -> DoseOut:
    user = person(request)
    row = get_object_or_404(DoseTaken.objects.for_user(user), pk=dose_id)
    current = DoseOut.of(row).model_dump(include=set(DoseIn.model_fields))
    merged = validate_body(DoseIn, {**current, **payload.model_dump(exclude_unset=True, exclude={"version"})})
    return _save(user, row, merged, payload.version)


@router.delete("/{dose_id}", response={204: None, **NOT_FOUND}, summary="Delete a dose")
def delete_dose(request: HttpRequest, dose_id: Id) -> Status[None]:
    get_object_or_404(DoseTaken.objects.for_user(person(request)), pk=dose_id).delete()
    return Status(204, None)
