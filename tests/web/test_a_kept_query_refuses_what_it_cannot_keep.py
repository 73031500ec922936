"""A query is only kept when its arguments are parameters of its SQL, in the form they were given, and
it reads one person's rows: otherwise it raises at its first use instead of reading with the values of
the request that wrote it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db.models import Q

from benzotaper.web.journal.models import CheckIn, DoseTaken
from benzotaper.web.kept_queries import DAY, PERSON, KeptQuery


def test_it_refuses_a_query_that_writes_a_day_into_its_sql(alice: User) -> None:
    written_in = KeptQuery(
        lambda person, day: CheckIn.objects.for_user(person).extra(where=[f"date = '{day.isoformat()}'"]),
        PERSON,
        DAY,
    )
    with pytest.raises(RuntimeError, match="writes its arguments into its SQL"):
        written_in.rows(alice, dt.date(2027, 1, 4))


def test_it_refuses_a_query_that_changes_an_argument_on_the_way(alice: User) -> None:
    changed = KeptQuery(
        lambda person, day: DoseTaken.objects.for_user(person).filter(date__year=day.year), PERSON, DAY
    )
    with pytest.raises(RuntimeError, match="none of its arguments"):
        changed.rows(alice, dt.date(2027, 1, 4))


def test_it_refuses_a_query_that_does_not_read_one_persons_rows(alice: User) -> None:
    anyones = KeptQuery(
        lambda day: CheckIn.objects.filter(Q(date=day)),  # no for_user: everyone's check-ins
        DAY,
    )
    with pytest.raises(RuntimeError, match="must read one person's rows"):
        anyones.rows(dt.date(2027, 1, 4))
