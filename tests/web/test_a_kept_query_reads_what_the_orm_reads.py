"""A query whose SQL is written once (``web.kept_queries``) reads what the ORM reads, for each person.

Alice and Bob both keep doses and check-ins on the same days; each kept query is asked for one of them
and compared with the same query through the ORM, so a person's id or a day put in the wrong place
would show as another person's rows or another day's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from benzotaper.web.journal.models import CheckIn, DoseTaken, SavedPlan
from benzotaper.web.kept_queries import DAY, PERSON, KeptQuery

START = dt.date(2027, 1, 4)

_DOSES_BETWEEN = KeptQuery(
    lambda person, first, last: DoseTaken.objects.for_user(person).filter(date__gte=first, date__lte=last),
    PERSON,
    DAY,
    DAY,
)
_CHECKIN_ON = KeptQuery(
    lambda person, day: CheckIn.objects.for_user(person).filter(date=day).order_by("pk")[:1], PERSON, DAY
)
_DAYS = KeptQuery(
    lambda person, first: (
        DoseTaken.objects.for_user(person)
        .filter(date__gte=first)
        .order_by()
        .values_list("date")
        .union(CheckIn.objects.for_user(person).filter(date__gte=first).order_by().values_list("date"))
    ),
    PERSON,
    DAY,
)
_ACTIVE_PLAN = KeptQuery(lambda person: SavedPlan.objects.for_user(person).active().as_texts()[:1], PERSON)


def _journal(person: User, mg: Decimal, days: int) -> None:
    for offset in range(days):
        day = START + dt.timedelta(days=offset)
        DoseTaken.objects.create(
            user=person,
            date=day,
            time_of_day="evening",
            drug="diazepam",
            planned_mg=mg,
            taken_mg=mg,
            status="as_planned",
        )
        if offset % 2 == 0:
            CheckIn.objects.create(user=person, date=day, wellbeing=offset % 11, notes=f"{person} {offset}")


@pytest.fixture
def journals(alice: User, bob: User) -> tuple[User, User]:
    _journal(alice, Decimal("2.5"), 9)
    _journal(bob, Decimal("7.25"), 12)
    return alice, bob


def _fields(row: object) -> dict[str, object]:
    return {field.attname: getattr(row, field.attname) for field in type(row)._meta.concrete_fields}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("first", "last"), [(0, 3), (2, 2), (5, 11), (10, 20), (-9, -1)])
def test_it_reads_each_persons_doses_between_two_days_as_the_orm_does(
    journals: tuple[User, User], first: int, last: int
) -> None:
    days = (START + dt.timedelta(days=first), START + dt.timedelta(days=last))
    for person in journals:
        kept = _DOSES_BETWEEN.rows(person, *days)
        orm = DoseTaken.objects.for_user(person).filter(date__gte=days[0], date__lte=days[1])
        assert [_fields(row) for row in kept] == [_fields(row) for row in orm]
        assert all(row.user_id == person.pk and isinstance(row.date, dt.date) for row in kept)


def test_it_reads_each_persons_check_in_of_a_day_or_none(journals: tuple[User, User]) -> None:
    alice, bob = journals
    for offset in range(14):
        day = START + dt.timedelta(days=offset)
        for person in (alice, bob):
            kept = _CHECKIN_ON.first(person, day)
            orm = CheckIn.objects.for_user(person).filter(date=day).first()
            assert (kept and _fields(kept)) == (orm and _fields(orm))
    assert _CHECKIN_ON.first(alice, START + dt.timedelta(days=10)) is None  # Bob's day, not Alice's


def test_it_reads_a_values_query_converted_as_the_orm_converts_it(journals: tuple[User, User]) -> None:
    for person in journals:
        for first in (START, START + dt.timedelta(days=7), dt.date.min):
            kept = _DAYS.values(person, first)
            orm = DoseTaken.objects.for_user(person).filter(date__gte=first).values_list("date")
            assert sorted(kept) == sorted({tuple(row) for row in orm})
            assert all(type(day) is dt.date for (day,) in kept)


def test_it_reads_the_annotations_of_a_query(alice: User, bob: User) -> None:
    from benzotaper.planning import Dose, PlanRequest, make_plan

    for person, mg in ((alice, 10), (bob, 4)):
        request = PlanRequest(regimen=(Dose("diazepam", "night", Decimal(mg)),), start=START, country="UK")
        SavedPlan.store(person, make_plan(request), name=str(person))
    for person in (alice, bob):
        kept = _ACTIVE_PLAN.first(person)
        orm = SavedPlan.objects.for_user(person).active().as_texts().first()
        assert kept is not None and orm is not None
        assert (kept.pk, kept.name, kept.plan_text, kept.request_text) == (
            orm.pk,
            orm.name,
            orm.plan_text,
            orm.request_text,
        )
        assert kept.readable_plan() == orm.readable_plan()
