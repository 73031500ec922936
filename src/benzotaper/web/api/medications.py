"""Medicines and supplements the person takes or took.

``kind`` "benzodiazepine" marks a drug being tapered (a benzodiazepine or z-drug), its ``dose_text``
an amount such as "0.5mg" taken at ``time_of_day``. Other medicines keep the dose as written and may
have no time of day (null). A date-range listing returns the medicines taken at some time in it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from pydantic.json_schema import SkipJsonSchema

from benzotaper.journal import EARLIEST_DAY, MedicationKind, MedicationRecord, journal_day_problem
from benzotaper.knowledge import TimeOfDay
from benzotaper.web.api.common import (
    ERRORS,
    DateRange,
    Note,
    Out,
    RequiredName,
    ShortText,
    Version,
    check_range,
    example,
    invalid,
    person,
)
from benzotaper.web.api.paging import PAGED, Paging
from benzotaper.web.api.resource import ItemSchemas, Resource, add_item_routes
from benzotaper.web.journal.models import Medication

router = Router(tags=["medications"])


MEDICATION_EXAMPLE = {
    "name": "alprazolam",
    "kind": "benzodiazepine",
    "dose_text": "0.5mg",
    "time_of_day": "morning",
    "started": "2019-03-01",
    "stopped": None,
    "notes": "",
}


class MedicationIn(Schema):
    model_config = example(MEDICATION_EXAMPLE)

    name: RequiredName
    kind: MedicationKind = "other"
    dose_text: ShortText = ""
    time_of_day: TimeOfDay | None = None
    started: dt.date | None = None
    stopped: dt.date | None = Field(None, description="Null while still taken; not before started.")
    notes: Note = ""


class MedicationUpdate(MedicationIn):
    model_config = example({**MEDICATION_EXAMPLE, "version": 1})

    version: Version


class MedicationPatch(Schema):
    """Only the fields given change; ``version`` is required."""

    model_config = example({"version": 1, "stopped": "2026-02-01"})

    version: Version
    name: RequiredName | SkipJsonSchema[None] = None
    kind: MedicationKind | SkipJsonSchema[None] = None
    dose_text: ShortText | SkipJsonSchema[None] = None
    time_of_day: TimeOfDay | None = None
    started: dt.date | None = None
    stopped: dt.date | None = None
    notes: Note | SkipJsonSchema[None] = None


class MedicationOut(Out):
    id: int
    version: int
    name: str
    kind: MedicationKind
    dose_text: str
    time_of_day: TimeOfDay | None
    started: dt.date | None
    stopped: dt.date | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, row: Medication) -> MedicationOut:
        record = row.to_record()
        return cls(
            id=row.pk,
            version=row.version,
            name=record.name,
            kind=record.kind,
            dose_text=record.dose_text,
            time_of_day=record.time or None,  # type: ignore[arg-type]  # held to the times by a constraint
            started=record.started,
            stopped=record.stopped,
            notes=record.notes,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class MedicationConflict(Schema):
    detail: str
    current: MedicationOut


def _record(medicine: MedicationIn, today: dt.date) -> MedicationRecord:
    if medicine.started is not None and (problem := journal_day_problem(medicine.started, today)):
        raise invalid(["started"], problem)
    if medicine.stopped is not None and medicine.stopped < EARLIEST_DAY:  # a planned stop may be ahead
        raise invalid(["stopped"], journal_day_problem(medicine.stopped, today) or "")
    if medicine.started is not None and medicine.stopped is not None and medicine.stopped < medicine.started:
        raise invalid(["stopped"], "A medicine cannot stop before it started.")
    return MedicationRecord(
        name=medicine.name,
        kind=medicine.kind,
        dose_text=medicine.dose_text,
        time=medicine.time_of_day or "",
        started=medicine.started,
        stopped=medicine.stopped,
        notes=medicine.notes,
    )


MEDICATIONS = Resource(
    model=Medication,
    body=MedicationIn,
    noun="medicine",
    fields=("name", "kind", "dose_text", "time_of_day", "started", "stopped", "notes"),
    to_record=_record,
    present=lambda row, profile: MedicationOut.of(row),
    rows=lambda user: Medication.objects.for_user(user),
)


@router.get("", response={200: list[MedicationOut], **ERRORS}, summary="List medicines", openapi_extra=PAGED)
def list_medications(
    request: HttpRequest, response: HttpResponse, dates: Query[DateRange], paging: Query[Paging]
) -> HttpResponse:
    """With ``from``/``to``: the medicines taken on at least one day of that range (a missing
    ``started`` or ``stopped`` counts as open-ended). Paged (``limit``, ``offset``, a ``Link`` header
    to the next page)."""
    start, end = check_range(dates)
    rows = Medication.objects.for_user(person(request))
    if start is not None:
        rows = rows.filter(Q(stopped__isnull=True) | Q(stopped__gte=start))
    if end is not None:
        rows = rows.filter(Q(started__isnull=True) | Q(started__lte=end))
    return MEDICATIONS.list(request, response, rows, paging)


add_item_routes(
    router,
    MEDICATIONS,
    "medication",
    ItemSchemas(
        create=MedicationIn,
        update=MedicationUpdate,
        patch=MedicationPatch,
        out=MedicationOut,
        conflict=MedicationConflict,
        create_summary="Add a medicine",
        create_conflicts=False,
    ),
)
