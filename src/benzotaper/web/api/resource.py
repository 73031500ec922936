"""One pattern for the API's versioned records (doses, check-ins, medicines): read, create, replace,
change, delete, each with the 409 on a stale or duplicate write, and one page of a list.

A resource module declares its schemas, how a valid body becomes the journal's record (with its own
checks, 422), and how a row is shown; its routes are one line each over a ``Resource``. The person's
profile is read once per request (``profile_of``), never once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import IntegrityError, models, transaction
from django.shortcuts import get_object_or_404
from ninja import Schema
from ninja.responses import Status

from benzotaper.web.api.common import STALE, Conflict, invalid, person, profile_of, validate_body
from benzotaper.web.api.paging import Paging, page
from benzotaper.web.records import StaleEditError

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import User
    from django.http import HttpRequest, HttpResponse

    from benzotaper.web.accounts.models import Profile

_Row = TypeVar("_Row", bound=models.Model)
_In = TypeVar("_In", bound=Schema)
_Out = TypeVar("_Out", bound=Schema)


@dataclass(frozen=True)
class Resource(Generic[_Row, _In, _Out]):
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
    ) -> list[_Out]:
        """One page of ``rows`` (already the person's, filtered), with a ``Link`` to the next."""
        return [self._show(request, row) for row in page(request, response, rows, paging)]

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
