"""Doses taken: one dose of one drug at one time of day on one day, as it was really taken.

One entry per day, time of day and drug (a second one answers 409 with the first). The date is the
person's own calendar day and cannot be in the future where they are.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from pydantic.json_schema import SkipJsonSchema

from benzotaper.journal import DOSE_MG_MAX, DOSE_MG_PLACES, DoseRecord, DoseStatus, journal_day_problem
from benzotaper.knowledge import TimeOfDay
from benzotaper.web.api.common import (
    ERRORS,
    DateRange,
    Label,
    Note,
    Out,
    Version,
    example,
    in_range,
    invalid,
    person,
)
from benzotaper.web.api.paging import PAGED, Paging
from benzotaper.web.api.resource import ItemSchemas, Resource, add_item_routes
from benzotaper.web.journal.models import DoseTaken

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


class DoseOut(Out):
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


def _record(dose: DoseIn, today: dt.date) -> DoseRecord:
    """The journal's record of a valid dose, after the checks a schema cannot make (422)."""
    problem = journal_day_problem(dose.date, today)
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


DUPLICATE = "There is already an entry for this drug at this time of day on this day; here it is."

DOSES = Resource(
    model=DoseTaken,
    body=DoseIn,
    noun="dose",
    fields=("date", "time_of_day", "drug", "planned_mg", "taken_mg", "status", "note"),
    to_record=_record,
    present=lambda row, profile: DoseOut.of(row),
    rows=lambda user: DoseTaken.objects.for_user(user),
    duplicate=DUPLICATE,
    same=lambda record: {"date": record.date, "time_of_day": record.time, "drug": record.drug},
)


@router.get("", response={200: list[DoseOut], **ERRORS}, summary="List doses taken", openapi_extra=PAGED)
def list_doses(
    request: HttpRequest, response: HttpResponse, dates: Query[DateRange], paging: Query[Paging]
) -> HttpResponse:
    """Newest day first; ``from`` and ``to`` (both included) limit the dates. Paged (``limit``,
    ``offset``, a ``Link`` header to the next page)."""
    rows = in_range(DoseTaken.objects.for_user(person(request)), "date", dates)
    return DOSES.list(request, response, rows, paging)


add_item_routes(
    router,
    DOSES,
    "dose",
    ItemSchemas(
        create=DoseIn,
        update=DoseUpdate,
        patch=DosePatch,
        out=DoseOut,
        conflict=DoseConflict,
        create_summary="Log a dose",
    ),
)
