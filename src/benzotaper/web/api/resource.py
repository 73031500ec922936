"""One pattern for the API's versioned records (doses, check-ins, medicines): read, create, replace,
change, delete, each with the 409 on a stale or duplicate write, and one page of a list.

A resource module declares its schemas, how a valid body becomes the journal's record (with its own
checks, 422), and how a row is shown; ``add_item_routes`` declares its create, read, replace, change
and delete operations, and the module writes only its list (whose filters differ). The person's
profile is read once per request (``profile_of``), never once per row.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from benzotaper.records import Record
from benzotaper.web.api.common import (
    ERRORS,
    NOT_FOUND,
    STALE,
    Conflict,
    Id,
    Out,
    invalid,
    person,
    profile_of,
    validate_body,
)
from benzotaper.web.api.paging import Paging, page
from benzotaper.web.journal.kept_answers import as_json
from benzotaper.web.records import StaleEditError

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import User
    from django.http import HttpResponse

    from benzotaper.web.accounts.models import Profile

_Row = TypeVar("_Row", bound=models.Model)
_In = TypeVar("_In", bound=Schema)
_Out = TypeVar("_Out", bound=Out)


class Resource(Record, Generic[_Row, _In, _Out]):
    """A versioned record of the journal as the API serves it.

    ``to_record`` turns a valid body into the journal's record given the person's today (422 for
    what a schema cannot check); ``model.from_record(user, record)`` makes the row, of which
    ``fields`` are copied on a change. ``present`` shows a row with the person's profile. ``same``
    names the row a duplicate collides with (a 409 showing it); ``extra`` saves what lives in other
    tables (in the same transaction), after which the row is read again through ``rows``.
    """

    model: type[_Row]
    body: type[_In]
    noun: str
    fields: tuple[str, ...]
    to_record: Callable[[_In, dt.date], Any]
    present: Callable[[_Row, Profile], _Out]
    rows: Callable[[User], models.QuerySet[_Row]]
    duplicate: str = ""
    same: Callable[[Any], Mapping[str, Any]] | None = None
    extra: Callable[[_Row, Any], None] | None = None

    def _show(self, request: HttpRequest, row: _Row) -> _Out:
        return self.present(row, profile_of(request))

    def _get(self, request: HttpRequest, pk: int) -> _Row:
        return get_object_or_404(self.rows(person(request)), pk=pk)

    def _fresh(self, request: HttpRequest, row: _Row) -> _Out:
        if self.extra is None:
            return self._show(request, row)
        return self._show(request, self.rows(person(request)).get(pk=row.pk))

    def _write(self, request: HttpRequest, row: _Row, record: Any) -> None:
        try:
            with transaction.atomic():
                row.save()
                if self.extra is not None:
                    self.extra(row, record)
        except IntegrityError:
            if self.same is None:
                raise
            current = self.rows(person(request)).get(**self.same(record))
            raise Conflict(self.duplicate, self._show(request, current)) from None

    def list(
        self, request: HttpRequest, response: HttpResponse, rows: models.QuerySet[_Row], paging: Paging
    ) -> HttpResponse:
        """One page of ``rows`` (already the person's, filtered), with a ``Link`` to the next, written
        out here as ninja would write it (``_json_values``), so that its encoder does not call back into
        Python for each of a page's 500 dates and amounts (docs/performance.md, round five)."""
        shown = [self._show(request, row) for row in page(request, response, rows, paging)]
        response.content = as_json([_json_values(item) for item in shown])
        return response

    def read(self, request: HttpRequest, pk: int) -> _Out:
        return self._show(request, self._get(request, pk))

    def create(self, request: HttpRequest, payload: _In) -> Status[_Out]:
        user = person(request)
        record = self.to_record(payload, profile_of(request).today())
        row: _Row = self.model.from_record(user, record)  # type: ignore[attr-defined]
        self._write(request, row, record)
        return Status(201, self._fresh(request, row))

    def replace(self, request: HttpRequest, pk: int, payload: _In, version: int) -> _Out:
        return self._save(request, self._get(request, pk), payload, version)

    def change(self, request: HttpRequest, pk: int, patch: Schema) -> _Out:
        """Only the fields given in ``patch`` change (it carries the ``version``)."""
        row = self._get(request, pk)
        current = self._show(request, row).model_dump(include=set(self.body.model_fields))
        changes = patch.model_dump(exclude_unset=True, exclude={"version"})
        merged = validate_body(self.body, {**current, **changes})
        return self._save(request, row, merged, patch.version)  # type: ignore[attr-defined]

    def delete(self, request: HttpRequest, pk: int) -> Status[None]:
        self._get(request, pk).delete()
        return Status(204, None)

    def _save(self, request: HttpRequest, row: _Row, payload: _In, version: int) -> _Out:
        record = self.to_record(payload, profile_of(request).today())
        changed = self.model.from_record(person(request), record)  # type: ignore[attr-defined]
        for field in self.fields:
            setattr(row, field, getattr(changed, field))
        row.version = version  # type: ignore[attr-defined]
        try:
            self._write(request, row, record)
        except StaleEditError:
            current = self.rows(person(request)).filter(pk=row.pk).first()
            if current is None:
                raise invalid(["version"], f"This {self.noun} was deleted meanwhile.", "deleted") from None
            raise Conflict(STALE, self._show(request, current)) from None
        return self._fresh(request, row)


def _json_values(item: Out) -> dict[str, Any]:
    """``item`` as the JSON values ninja writes for it. Pydantic's JSON mode writes dates and amounts
    as Django's encoder does (``isoformat``, ``str``), but a time to the microsecond where Django's
    writes milliseconds: the times go through Django's encoder itself. Tests hold a page equal, byte
    for byte, to its items' own answers (``GET .../{id}``, written by ninja)."""
    values = item.model_dump(mode="json")
    for name in _times(type(item)):
        value = getattr(item, name)
        if value is not None:
            values[name] = _DJANGO_JSON.default(value)
    return values


_DJANGO_JSON = DjangoJSONEncoder()


@functools.cache
def _times(schema: type[Out]) -> tuple[str, ...]:
    """The fields of ``schema`` that hold a time of day and date (``dt.datetime``, maybe None)."""
    return tuple(
        name
        for name, info in schema.model_fields.items()
        if info.annotation in (datetime.datetime, datetime.datetime | None)
    )


class ItemSchemas(Record):
    """The bodies and answers of one resource's operations, for validation and the OpenAPI document."""

    create: type[Schema]
    update: type[Schema]
    patch: type[Schema]
    out: type[Out]
    conflict: type[Schema]
    create_summary: str
    create_conflicts: bool = True  # a create can collide with an existing row (one check-in a day)


def add_item_routes(
    router: Router, resource: Resource[Any, Any, Any], name: str, schemas: ItemSchemas
) -> None:
    """Declare ``POST /``, and ``GET``, ``PUT``, ``PATCH``, ``DELETE /{name}_id`` over ``resource``.

    Each handler keeps the name a hand-written one would have (``create_dose``, ``read_dose``...): it
    is the OpenAPI operation id client generators use.
    """
    item = f"{name}_id"
    path = f"/{{{item}}}"
    noun = resource.noun
    written = {200: schemas.out, 409: schemas.conflict, **NOT_FOUND}
    created: dict[int, Any] = {201: schemas.out, **ERRORS}
    if schemas.create_conflicts:
        created[409] = schemas.conflict

    def create(request: HttpRequest, payload: Any) -> Status[Any]:
        return resource.create(request, payload)

    def read(request: HttpRequest, pk: int) -> Any:
        return resource.read(request, pk)

    def replace(request: HttpRequest, pk: int, payload: Any) -> Any:
        return resource.replace(request, pk, payload, payload.version)

    def change(request: HttpRequest, pk: int, payload: Any) -> Any:
        return resource.change(request, pk, payload)

    def delete(request: HttpRequest, pk: int) -> Status[None]:
        return resource.delete(request, pk)

    operations = (
        (create, "POST", "", schemas.create, created, schemas.create_summary),
        (read, "GET", path, None, {200: schemas.out, **NOT_FOUND}, f"Read a {noun}"),
        (replace, "PUT", path, schemas.update, written, f"Replace a {noun}"),
        (change, "PATCH", path, schemas.patch, written, f"Change a {noun}"),
        (delete, "DELETE", path, None, {204: None, **NOT_FOUND}, f"Delete a {noun}"),
    )
    for handler, method, route, body, responses, summary in operations:
        router.add_api_operation(
            route,
            [method],
            _handler(handler, f"{handler.__name__}_{name}", item if route else None, body),
            response=responses,
            summary=summary,
        )


def _handler(
    call: Callable[..., Any], name: str, item: str | None, body: type[Schema] | None
) -> Callable[..., Any]:
    """``call`` under ``name``, with the signature django-ninja reads: the request, the path's id
    (named ``item``) and the body's schema."""

    def handler(request: HttpRequest, **kwargs: Any) -> Any:
        args = ([kwargs[item]] if item else []) + ([kwargs["payload"]] if body else [])
        return call(request, *args)

    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest)
    ]
    if item is not None:
        parameters.append(inspect.Parameter(item, inspect.Parameter.KEYWORD_ONLY, annotation=Id))
    if body is not None:
        parameters.append(inspect.Parameter("payload", inspect.Parameter.KEYWORD_ONLY, annotation=body))
    handler.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    handler.__name__ = handler.__qualname__ = name
    return handler
