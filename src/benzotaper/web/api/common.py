"""What every resource of the API shares: field types with their limits, error shapes, and helpers.

Limits come from the journal (``benzotaper.journal``) and the database columns, so that anything the
API accepts can be stored on SQLite and PostgreSQL alike; everything else answers 422 before it
reaches the database. Text may not hold NUL characters (PostgreSQL refuses them) or lone surrogates
(they are not UTF-8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from django.db import models
from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic import ValidationError as PydanticValidationError

from benzotaper.journal import NOTE_MAX, VERSION_MAX, VERSION_MIN
from benzotaper.web.accounts.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from benzotaper.web.accounts.models import Profile

_M = TypeVar("_M", bound=BaseModel)
_Q = TypeVar("_Q", bound="models.QuerySet[Any]")

# The largest id the databases hold (BigAutoField); versions and notes are bounded in the journal core.
MAX_ID = 2**63 - 1
# Date filters: wide enough for any journal, narrow enough that a day's bounds never overflow.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


_STORABLE = AfterValidator(_storable)


def _length(low: int, high: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=low, max_length=high)


# Text, trimmed of surrounding space, as long as its column allows. Label: a drug's or symptom's name.
Label = Annotated[str, _length(1, 100), _STORABLE]
ShortText = Annotated[str, _length(0, 100), _STORABLE]
Name = Annotated[str, _length(0, 200), _STORABLE]
RequiredName = Annotated[str, _length(1, 200), _STORABLE]
Note = Annotated[str, _length(0, NOTE_MAX), _STORABLE]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[
    int,
    Field(
        ge=VERSION_MIN, le=VERSION_MAX, description="The version the change was made on (optimistic locking)."
    ),
]


def example(body: dict[str, Any]) -> ConfigDict:
    """A schema's configuration with ``body`` as its example in the OpenAPI document (the docs page
    shows it, and the fuzz test starts from it)."""
    return ConfigDict(json_schema_extra={"examples": [body]})


class Out(BaseModel):
    """An answer built by the app and checked when built (``Model.model_validate`` of plain values, in
    pydantic's core): ninja takes it as it is. An answer that is a ninja ``Schema`` is checked again on
    its way out, in Python for every nested object (3,000 ratings on a page of check-ins took most of
    its time). The OpenAPI schema is the same."""


class Message(Schema):
    """An error with a sentence: 401, 403, 404, 413 and 500."""

    detail: str


class ErrorItem(Schema):
    """One reason the request was refused: where (``loc``), why (``msg``) and a code (``type``).

    Plan errors add ``fixes``: things the person can change to get a plan.
    """

    model_config = ConfigDict(extra="allow")

    type: str
    loc: list[str | int]
    msg: str


class Invalid(Schema):
    """422: the request was understood but a value is wrong."""

    detail: list[ErrorItem]


# Error answers every operation may give; a handler's own success answer is added to them.
ERRORS: dict[int, Any] = {401: Message, 403: Message, 422: Invalid}
NOT_FOUND: dict[int, Any] = {**ERRORS, 404: Message}


class Conflict(Exception):
    """409: the change would overwrite or duplicate a record; ``current`` is that record now."""

    def __init__(self, detail: str, current: BaseModel) -> None:
        super().__init__(detail)
        self.detail = detail
        self.current = current


STALE = "This was changed elsewhere (another tab or device) since you read it; here is the current version."


def person(request: HttpRequest) -> User:
    """The person the request was authenticated as (by token or session)."""
    user: User = request.auth  # type: ignore[attr-defined]  # set by ninja's authentication
    return user


def profile_of(request: HttpRequest) -> Profile:
    """The person's profile, read once per request (kept on the request, as the pages' middleware does)."""
    user = person(request)
    # The middleware sets the session's; a token may name someone else (it wins over a session).
    profile: Profile | None = getattr(request, "profile", None)
    if profile is None or profile.user_id != user.pk:
        profile = Profile.of(user)
        request.profile = profile  # type: ignore[attr-defined]
    return profile


def invalid(
    loc: Sequence[str | int], message: str, kind: str = "value_error", **extra: Any
) -> ValidationError:
    """A 422 answer in ninja's own shape for a check a schema cannot make; ``loc`` is within the body."""
    return ValidationError([{"type": kind, "loc": ["body", "payload", *loc], "msg": message, **extra}])


def validate_body(model: type[_M], data: dict[str, Any]) -> _M:
    """``data`` as ``model`` (for a PATCH merged with the stored record), or 422 as for a body."""
    try:
        return model.model_validate(data)
    except PydanticValidationError as error:
        raise ValidationError(
            [
                {"type": e["type"], "loc": ["body", "payload", *e["loc"]], "msg": e["msg"]}
                for e in error.errors(include_url=False)
            ]
        ) from None


def check_range(dates: DateRange) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a date filter (422 when it ends before it starts)."""
    if dates.start is not None and dates.end is not None and dates.start > dates.end:
        raise ValidationError([{"type": "value_error", "loc": ["query", "from"], "msg": "from is after to"}])
    return dates.start, dates.end


def in_range(rows: _Q, field: str, dates: DateRange) -> _Q:
    """Rows whose ``field`` (a date) is within the filter's days."""
    start, end = check_range(dates)
    if start is not None:
        rows = rows.filter(**{f"{field}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{field}__lte": end})
    return rows


# A day in a date filter.
FilterDay = Annotated[dt.date, Field(ge=EARLIEST, le=LATEST)]


class DateRange(Schema):
    """The query of a list: ``from`` and ``to``, both included, either may be left out."""

    start: FilterDay | None = Field(None, alias="from", description="First day (included).")
    end: FilterDay | None = Field(None, alias="to", description="Last day (included).")
