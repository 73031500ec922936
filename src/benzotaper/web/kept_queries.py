"""Queries written once per process: a page's reads without Django writing the same SQL on every request.

Django's ORM takes about 0.3 ms to build a query and write its SQL; the database answers a page's
small query (the day's doses, the active plan) in 0.03 ms. A ``KeptQuery`` is built through the ORM
once, with stand-ins for its arguments (``PERSON``, ``DAY``, ``ID``), and its SQL kept; each use puts
the arguments into the kept parameters and makes the rows as the ORM's own iterable does (each
column converted as the ORM converts it, ``Model.from_db``, annotations as attributes)::

    _DAYS_DOSES = KeptQuery(lambda person, day: DoseTaken.objects.for_user(person).filter(date=day),
                            PERSON, DAY)
    doses = _DAYS_DOSES.rows(request.user, day)

Every table is still read through ``for_user``: the person is a parameter of the SQL like any other.
Before the SQL is kept it is checked: built again with other stand-ins, the SQL must read the same and
its parameters differ only where the arguments go, each in the form the first build wrote it in.
An argument written into the SQL itself, or changed on the way (a day as text on SQLite, as a date on
PostgreSQL), would fail the check: the query then raises at its first use rather than read with
another person's or another day's values. The SQL is kept per database connection (its vendor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib.auth import get_user_model
from django.db import connections, models
from django.db.models.sql import Query

_M = TypeVar("_M", bound=models.Model)


@dataclass(frozen=True)
class StandIn:
    """An argument of a kept query: two values no journal holds for each place an argument takes (so two
    days of one query differ), and what of a real value the SQL takes."""

    first: Callable[[int], Any]
    second: Callable[[int], Any]
    parameter: Callable[[Any], Any]
    """The value as it goes into the query (a person's id, a day as it is): written as the first
    build wrote its stand-in (see ``_ways``)."""


def _person(pk: int) -> Callable[[int], Any]:
    return lambda place: get_user_model()(pk=pk - place)  # never saved: no account has a negative id


def _day(day: dt.date) -> Callable[[int], dt.date]:
    return lambda place: day + dt.timedelta(days=place)


PERSON = StandIn(_person(-1000), _person(-2000), lambda person: person.pk)
DAY = StandIn(_day(dt.date(1901, 2, 3)), _day(dt.date(1902, 4, 5)), lambda day: day)
ID = StandIn(lambda place: -3000 - place, lambda place: -4000 - place, lambda pk: pk)


@dataclass(frozen=True)
class _Written:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int, Callable[[Any], Any]], ...]
    """(position in the parameters, argument, how the argument is written there)."""
    query: Query
    columns: tuple[Any, ...]
    """The expressions of the columns, for the ORM's converters of the answer."""
    fields: tuple[int, int, tuple[str, ...]] | None
    """For model rows: where the model's fields are among the columns, and their names (as Django's
    ``ModelIterable`` reads them)."""
    annotations: tuple[tuple[str, int], ...]


class KeptQuery(Generic[_M]):
    """A query built by ``build(*arguments)``, its SQL written once per database: model rows (``rows``,
    ``first``) or a ``values_list`` query's tuples (``values``)."""

    def __init__(self, build: Callable[..., models.QuerySet[_M, Any]], *arguments: StandIn) -> None:
        self._build = build
        self._arguments = arguments
        self._written: dict[tuple[str, str], _Written] = {}  # by database and its vendor

    def rows(self, *values: Any, using: str = "default") -> list[_M]:
        """The model rows for these arguments (in the order the stand-ins were given), made as the ORM
        makes them (``Model.from_db``, annotations as attributes)."""
        written, rows = self._read(values, using)
        if written.fields is None:
            raise TypeError("a kept values_list query gives values(), not rows()")
        model: type[_M] = written.query.model  # type: ignore[assignment]  # a model query's
        start, end, names = written.fields
        made = []
        for row in rows:
            instance = model.from_db(using, list(names), row[start:end])
            for name, column in written.annotations:
                setattr(instance, name, row[column])
            made.append(instance)
        return made

    def values(self, *values: Any, using: str = "default") -> list[tuple[Any, ...]]:
        """The rows of a ``values_list`` query for these arguments, as tuples converted as the ORM does."""
        return self._read(values, using)[1]

    def _read(self, values: tuple[Any, ...], using: str) -> tuple[_Written, list[tuple[Any, ...]]]:
        written, params = self._params(values, using)
        with connections[using].cursor() as cursor:
            cursor.execute(written.sql, params)
            rows = cursor.fetchall()
        compiler = written.query.get_compiler(using)
        converters = compiler.get_converters(written.columns)
        return written, [
            tuple(row) for row in compiler.apply_converters(rows, converters)
        ] if converters else rows

    def _params(self, values: tuple[Any, ...], using: str) -> tuple[_Written, list[Any]]:
        written = self._written.get((using, connections[using].vendor)) or self._write(using)
        params = list(written.params)
        for position, argument, write in written.slots:
            params[position] = write(self._arguments[argument].parameter(values[argument]))
        return written, params

    def first(self, *values: Any, using: str = "default") -> _M | None:
        """The first row or None (build the query with ``[:1]``: the database reads one row)."""
        rows = self.rows(*values, using=using)
        return rows[0] if rows else None

    def _write(self, using: str) -> _Written:
        connection = connections[using]
        first = self._build(*(argument.first(place) for place, argument in enumerate(self._arguments)))
        second = self._build(*(argument.second(place) for place, argument in enumerate(self._arguments)))
        compiler = first.query.get_compiler(using)
        sql, params = compiler.as_sql()
        second_sql, second_params = second.query.get_compiler(using).as_sql()
        if sql != second_sql or len(params) != len(second_params):
            raise RuntimeError(f"a kept query writes its arguments into its SQL: {sql}")
        slots = []
        for position, (one, other) in enumerate(zip(params, second_params, strict=True)):
            if one == other:
                continue
            slot = self._slot(position, one, other, connection)
            if slot is None:
                raise RuntimeError(f"a kept query's parameter {position} is none of its arguments: {sql}")
            slots.append(slot)
        if not any(self._arguments[argument] is PERSON for _, argument, _ in slots):
            raise RuntimeError(f"a kept query must read one person's rows: {sql}")
        columns = tuple(column for column, _, _ in compiler.select)
        written = _Written(
            sql, tuple(params), tuple(slots), first.query, columns, _fields(compiler), _annotations(compiler)
        )
        self._written[using, connection.vendor] = written
        return written

    def _slot(
        self, position: int, one: Any, other: Any, connection: Any
    ) -> tuple[int, int, Callable[[Any], Any]] | None:
        for place, argument in enumerate(self._arguments):
            for write in _ways(connection):
                if (
                    write(argument.parameter(argument.first(place))) == one
                    and write(argument.parameter(argument.second(place))) == other
                ):
                    return position, place, write
        return None


def _fields(compiler: Any) -> tuple[int, int, tuple[str, ...]] | None:
    """Where a model query's fields are among its columns, and their names; None for ``values_list``."""
    info = compiler.klass_info
    if info is None:
        return None
    if info.get("related_klass_infos"):
        raise RuntimeError("a kept query reads one model's rows (no select_related)")
    start, end = info["select_fields"][0], info["select_fields"][-1] + 1
    return start, end, tuple(column.target.attname for column, _, _ in compiler.select[start:end])


def _annotations(compiler: Any) -> tuple[tuple[str, int], ...]:
    return tuple(compiler.annotation_col_map.items()) if compiler.klass_info is not None else ()


def _ways(connection: Any) -> tuple[Callable[[Any], Any], ...]:
    """How Django may write an argument into a query's parameters: as it is, or as the database takes
    a day (text on SQLite)."""

    def day(value: Any) -> Any:
        return connection.ops.adapt_datefield_value(value) if type(value) is dt.date else value

    return (lambda value: value, day)
