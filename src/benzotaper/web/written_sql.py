"""A query a page makes on every request, its SQL written by Django once per process.

Django takes longer to write a small query's SQL than SQLite takes to answer it (about 0.4 ms against
0.1 for the alerts' tallies). ``written_once`` has Django write the query once, from a queryset made with
stand-in values (a person's id that no account has, days no journal holds), and finds where each
stand-in went among the SQL's parameters; ``WrittenSql.rows`` then runs the same SQL with the real
values there. The queryset is still made through ``for_user``, so the person is a parameter of every
table read: ``written_once`` refuses SQL that took a stand-in in as text, or did not take one at all.

The rows come back as the database gives them (no field conversions): the caller reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import QuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# The person who stands in for everyone in SQL written once: no account has a negative id.
ANYONE = -404


def person_with_id(pk: int) -> AbstractBaseUser:
    """A person by id alone, for ``for_user`` in a query written once (never saved)."""
    person: AbstractBaseUser = get_user_model()(pk=pk)
    return person


@dataclass(frozen=True)
class WrittenSql:
    """SQL and its parameters, with ``slots``: (where in the parameters, which stand-in, as text?)."""

    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str, bool], ...]

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        """The rows of the SQL with ``values`` (by the stand-ins' names) in the stand-ins' places."""
        params = list(self.params)
        for index, name, as_text in self.slots:
            params[index] = str(values[name]) if as_text else values[name]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def written_once(make: Callable[..., QuerySet[Any]], **stand_ins: Any) -> WrittenSql:
    """The SQL of ``make(**stand_ins)`` and where each stand-in is in its parameters. A stand-in must
    be a value the query never meets (it is told from the other parameters by equality); the database
    may take it as it is or as text (SQLite takes a day as "YYYY-MM-DD")."""
    sql, params = make(**stand_ins).query.sql_with_params()
    slots = []
    for index, param in enumerate(params):
        for name, stand_in in stand_ins.items():
            if param == stand_in or param == str(stand_in):
                slots.append((index, name, param != stand_in))
    missing = set(stand_ins) - {name for _, name, _ in slots}
    inlined = [name for name, stand_in in stand_ins.items() if str(stand_in) in sql]
    if missing or inlined:
        raise RuntimeError(f"the query does not take {sorted(missing | set(inlined))} as parameters")
    return WrittenSql(sql, tuple(params), tuple(slots))
