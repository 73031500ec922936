"""A query's SQL written once per process (``web.written_sql``) reads the rows of the person it is run
for, and only theirs; a query that would not take the person (or a day) as a parameter is refused when
written, not run with a stand-in's value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import QuerySet

from benzotaper.journal import CheckInRecord
from benzotaper.web.journal.models import CheckIn
from benzotaper.web.written_sql import ANYONE, person_with_id, written_once

DAY = dt.date(2027, 1, 4)
STAND_IN_DAY = dt.date(1001, 1, 2)


def days_of(person: int, since: dt.date) -> QuerySet[Any]:
    return (
        CheckIn.objects.for_user(person_with_id(person))
        .filter(date__gte=since)
        .values_list("date", "wellbeing")
    )


def test_it_reads_the_rows_of_the_person_it_is_run_for(alice: User, bob: User) -> None:
    for person, wellbeing in ((alice, 3), (bob, 8)):
        CheckIn.from_record(person, CheckInRecord(DAY, wellbeing=wellbeing)).save()
        CheckIn.from_record(person, CheckInRecord(DAY - dt.timedelta(days=9), wellbeing=1)).save()
    written = written_once(days_of, person=ANYONE, since=STAND_IN_DAY)
    assert written.rows(person=alice.pk, since=DAY) == [(DAY, 3)]
    assert written.rows(person=bob.pk, since=DAY) == [(DAY, 8)]
    assert sorted(written.rows(person=alice.pk, since=DAY - dt.timedelta(days=30))) == [
        (DAY - dt.timedelta(days=9), 1),
        (DAY, 3),
    ]


@pytest.mark.django_db
def test_it_refuses_a_query_that_does_not_take_the_person() -> None:
    def everyone(person: int) -> QuerySet[Any]:
        return CheckIn.objects.values_list("date")

    with pytest.raises(RuntimeError, match="person"):
        written_once(everyone, person=ANYONE)


@pytest.mark.django_db
def test_it_refuses_a_query_that_writes_the_person_into_its_text() -> None:
    def written_in(person: int) -> QuerySet[Any]:
        return CheckIn.objects.extra(where=[f"user_id = {person}"]).values_list("date")

    with pytest.raises(RuntimeError, match="person"):
        written_once(written_in, person=ANYONE)
