"""Check-ins: how a day went. One per person and day (a second one answers 409 with the first).

Every answer may be left out: a check-in can be partial. Symptoms are rated 0 (none) to 4 (severe):
a ``symptom`` is a code of the checklist (``benzotaper.knowledge.load_symptoms``), or, with
``custom: true``, the name of one of the person's own symptoms, added to their list when new.
``red_flags`` are the codes of the red flags answered "yes" (``load_red_flags``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from pydantic import AfterValidator
from pydantic.json_schema import SkipJsonSchema

from benzotaper.journal import (
    SEVERITY_MAX,
    SEVERITY_MIN,
    SLEEP_HOURS_MAX,
    WELLBEING_MAX,
    WELLBEING_MIN,
    CheckInRecord,
    Event,
    EventKind,
    SymptomScore,
    journal_day_problem,
)
from benzotaper.knowledge import load_red_flags, load_symptoms
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
    profile_of,
)
from benzotaper.web.api.paging import PAGED, Paging, page
from benzotaper.web.api.resource import ItemSchemas, Resource, add_item_routes
from benzotaper.web.api.symptoms import WHERE
from benzotaper.web.journal.kept_answers import answer_values, as_json, with_emergency
from benzotaper.web.journal.models import CheckIn
from benzotaper.web.journal.red_flags import red_flag_panel

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

router = Router(tags=["checkins"])


@cache
def symptom_codes() -> frozenset[str]:
    """The checklist's symptoms rated 0-4."""
    return frozenset(item.code for item in load_symptoms().rated_items)


@cache
def red_flag_codes() -> tuple[str, ...]:
    return tuple(flag.code for flag in load_red_flags().emergency_signs)


Wellbeing = Annotated[int, Field(ge=WELLBEING_MIN, le=WELLBEING_MAX, description="0 (worst) to 10 (best).")]
SleepHours = Annotated[
    Decimal, Field(ge=0, le=SLEEP_HOURS_MAX, decimal_places=2, allow_inf_nan=False, description="Hours.")
]
Severity = Annotated[int, Field(ge=SEVERITY_MIN, le=SEVERITY_MAX, description="0 (none) to 4 (severe).")]


def _red_flag(code: str) -> str:
    if code not in red_flag_codes():
        raise ValueError(f"{code!r} is not a red flag; use one of the listed codes")
    return code


RedFlagCode = Annotated[
    str, AfterValidator(_red_flag), Field(json_schema_extra={"enum": list(red_flag_codes())})
]


class SymptomIn(Schema):
    symptom: Label = Field(description="A checklist code, or the person's own name for it when custom.")
    severity: Severity
    custom: bool = False


class EventIn(Schema):
    kind: EventKind
    text: Note = ""


Symptoms = Annotated[list[SymptomIn], Field(max_length=200)]
Events = Annotated[list[EventIn], Field(max_length=20)]
RedFlags = Annotated[list[RedFlagCode], Field(max_length=20)]


CHECKIN_EXAMPLE = {
    "date": "2026-01-05",
    "wellbeing": 6,
    "sleep_hours": "7.5",
    "notes": "",
    "symptoms": [
        {"symptom": "anxiety", "severity": 2},
        {"symptom": "jaw ache", "severity": 1, "custom": True},
    ],
    "events": [{"kind": "stress", "text": "work"}],
    "red_flags": [],
}


class CheckInIn(Schema):
    model_config = example(CHECKIN_EXAMPLE)

    date: dt.date
    wellbeing: Wellbeing | None = None
    sleep_hours: SleepHours | None = None
    notes: Note = ""
    symptoms: Symptoms = Field(default_factory=list)
    events: Events = Field(default_factory=list)
    red_flags: RedFlags = Field(default_factory=list)


class CheckInUpdate(CheckInIn):
    model_config = example({**CHECKIN_EXAMPLE, "version": 1})

    version: Version


class CheckInPatch(Schema):
    """Only the fields given change; ``version`` is required. ``symptoms`` replaces all ratings."""

    model_config = example({"version": 1, "wellbeing": 7})

    version: Version
    date: dt.date | SkipJsonSchema[None] = None
    wellbeing: Wellbeing | None = None
    sleep_hours: SleepHours | None = None
    notes: Note | SkipJsonSchema[None] = None
    symptoms: Symptoms | SkipJsonSchema[None] = None
    events: Events | SkipJsonSchema[None] = None
    red_flags: RedFlags | SkipJsonSchema[None] = None


class SymptomOut(Out):
    symptom: str
    severity: int
    custom: bool


class EventOut(Out):
    kind: EventKind
    text: str


class RedFlagAdviceOut(Out):
    code: str
    sign: str
    what_to_do: str


class EmergencyOut(Out):
    """What to do now, when the check-in records a red flag: the same advice the check-in page shows."""

    emergency_number: str
    crisis_lines: list[dict[str, str]]
    signs: list[RedFlagAdviceOut]


class CheckInOut(Out):
    id: int
    version: int
    date: dt.date
    wellbeing: int | None
    sleep_hours: Decimal | None
    notes: str
    symptoms: list[SymptomOut]
    events: list[EventOut]
    red_flags: list[str]
    emergency: EmergencyOut | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, row: CheckIn, country: str) -> CheckInOut:
        """The check-in as the API shows it (``answer_values``), ``country`` (the person's) picking the
        crisis lines: checked once, here (in pydantic's core); ninja then takes it as it is (``Out``: a
        model it does not check again)."""
        return cls.model_validate(answer_values(row, emergency=_emergency(row.red_flags, country)))


class CheckInConflict(Schema):
    detail: str
    current: CheckInOut


DUPLICATE = "There is already a check-in for this day; here it is (change it with PUT or PATCH)."


def _record(checkin: CheckInIn, today: dt.date) -> CheckInRecord:
    """The journal's record of a valid check-in, after the checks a schema cannot make (422)."""
    problem = journal_day_problem(checkin.date, today)
    if problem is not None:
        raise invalid(["date"], problem)
    seen: set[tuple[str, bool]] = set()
    for index, score in enumerate(checkin.symptoms):
        if not score.custom and score.symptom not in symptom_codes():
            raise invalid(
                ["symptoms", index, "symptom"],
                f"{score.symptom!r} is not a symptom code of the checklist: {WHERE}. "
                'Rate a symptom of your own with "custom": true.',
            )
        # A custom symptom is found by name in any case (see CheckIn.set_scores).
        key = (score.symptom.lower() if score.custom else score.symptom, score.custom)
        if key in seen:
            raise invalid(["symptoms", index, "symptom"], "This symptom is rated twice.")
        seen.add(key)
    return CheckInRecord(
        date=checkin.date,
        wellbeing=checkin.wellbeing,
        sleep_hours=checkin.sleep_hours,
        notes=checkin.notes,
        symptoms=tuple(SymptomScore(s.symptom, s.severity, s.custom) for s in checkin.symptoms),
        events=tuple(Event(kind=e.kind, text=e.text) for e in checkin.events),
        red_flags=tuple(dict.fromkeys(checkin.red_flags)),
    )


def _checkins(user: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.for_user(user).prefetch_related("ratings__custom")


CHECKINS = Resource(
    model=CheckIn,
    body=CheckInIn,
    noun="check-in",
    fields=("date", "wellbeing", "sleep_hours", "notes", "events", "red_flags"),
    to_record=_record,
    present=lambda row, profile: CheckInOut.of(row, profile.country),
    rows=_checkins,
    duplicate=DUPLICATE,
    same=lambda record: {"date": record.date},
    extra=lambda row, record: row.set_scores(record.symptoms),
)


@router.get("", response={200: list[CheckInOut], **ERRORS}, summary="List check-ins", openapi_extra=PAGED)
def list_checkins(
    request: HttpRequest, response: HttpResponse, dates: Query[DateRange], paging: Query[Paging]
) -> HttpResponse:
    """Newest day first; ``from`` and ``to`` (both included) limit the dates. Paged (``limit``,
    ``offset``, a ``Link`` header to the next page)."""
    user = person(request)
    rows = in_range(CheckIn.objects.for_user(user), "date", dates).values_list("answer", "red_flags")
    found: list[tuple[str, list[str]]] = page(request, response, rows, paging)
    # Each check-in's answer as it keeps it (web/journal/kept_answers.py): 100 texts read and joined,
    # not 3,000 ratings read and written out. Tests hold each equal to its freshly made answer.
    country = profile_of(request).country
    advice: dict[tuple[str, ...], str] = {}  # a page has a few kinds of red flags at most
    texts = []
    for kept, red_flags in found:
        if red_flags:
            codes = tuple(red_flags)
            if codes not in advice:
                advice[codes] = as_json(_emergency(codes, country))
            kept = with_emergency(kept, advice[codes])
        texts.append(kept)
    response.content = f"[{', '.join(texts)}]"
    return response


add_item_routes(
    router,
    CHECKINS,
    "checkin",
    ItemSchemas(
        create=CheckInIn,
        update=CheckInUpdate,
        patch=CheckInPatch,
        out=CheckInOut,
        conflict=CheckInConflict,
        create_summary="Check in",
    ),
)


def _emergency(codes: Sequence[str], country: str) -> dict[str, Any] | None:
    """The advice for ``codes`` as plain values in ``EmergencyOut``'s shape; None without red flags."""
    panel = red_flag_panel(codes, country)
    if panel is None:
        return None
    return EmergencyOut(
        emergency_number=panel.emergency_number,
        crisis_lines=[{"name": line.name, "number": line.number} for line in panel.crisis_lines],
        signs=[RedFlagAdviceOut(code=s.code, sign=s.sign, what_to_do=s.what_to_do) for s in panel.signs],
    ).model_dump()
