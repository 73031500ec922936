"""A person's journal as the plain records the insights read, gathered in one place for the page, the
API (``GET /api/v1/insights``) and the command line (``benzotaper insights``)::

    journal = journal_of(user)            # JournalData: check-ins, doses, plan, medicines, country, today
    result = insights_for(user)           # benzotaper.insights.Insights as of the person's today
    warnings = alerts_of(alerts_journal(user))  # the same alerts from the last weeks' tallies: for Today

Every query goes through ``for_user``. ``today`` is the person's own calendar day (their time zone)
unless given; records after it are left out. The plan is the active saved plan, read back exactly as
saved (``SavedPlan.plan()``); its cuts are the cuts the analysis knows. A plan that replaced an
earlier one (a re-plan) starts on the day it was made, so cuts of the earlier plan are not counted.

Speed: a two-year journal has about 22,000 symptom ratings and 1,500 doses. They are read as plain rows,
a query for each kind, rather than as model objects: making 22,000 model objects would take ten times as
long as the whole analysis. The mapping is the models' ``to_record`` (the ratings: ``journal.scores``),
and a test holds the records equal to theirs. The alerts of Today and the check-in page need less: a
tally of each check-in's ratings (how many, their sum), which the database adds up (``alerts_journal``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Sum

from benzotaper.journal import CheckInRecord, CheckInTally, DoseRecord, Event, MedicationRecord
from benzotaper.records import Record
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication, SavedPlan, SymptomRating
from benzotaper.web.journal.models import _plain as plain_decimal
from benzotaper.web.journal.planned import active_plan
from benzotaper.web.journal.scores import scores_by_checkin
from benzotaper.web.kept_queries import DAY, PERSON, KeptQuery

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet

    from benzotaper.insights import Alert, Insights
    from benzotaper.planning import Plan

    Person = AbstractBaseUser | AnonymousUser


class Unread:
    """Not read yet (``alerts_journal``'s ``saved``: None is "no active plan")."""


UNREAD = Unread()


class JournalData(Record):
    """What a person logged up to ``today``, as plain records, oldest first.

    ``plan`` is the active saved plan (None without one, or when its stored form cannot be read) and
    ``plan_id`` its ``SavedPlan`` id (what the hold action needs). ``medications`` are every medicine
    in the journal, still taken or not: the analysis picks the ones taken on ``today``. ``country`` is
    the profile's (the emergency number and crisis lines).
    """

    checkins: tuple[CheckInRecord, ...]
    doses: tuple[DoseRecord, ...]
    plan: Plan | None
    medications: tuple[MedicationRecord, ...]
    country: str
    today: dt.date
    plan_id: int | None = None


def journal_of(user: Person, today: dt.date | None = None, *, profile: Profile | None = None) -> JournalData:
    """The person's journal up to ``today`` (their today by default). A view passes ``request.profile``,
    read once by the middleware; without it the profile is read here (never written)."""
    profile = profile or Profile.of(user)
    day = today if today is not None else profile.today()
    plan, plan_id = _active_plan(user)
    return JournalData(
        checkins=_checkins(user, day),
        doses=_doses(user, day),
        plan=plan,
        medications=tuple(row.to_record() for row in Medication.objects.for_user(user)),
        country=profile.country,
        today=day,
        plan_id=plan_id,
    )


class AlertsJournal(Record):
    """What the alerts read (``alerts_journal``): the tallies of the check-ins of the last weeks, the
    plan (and its ``SavedPlan`` id), the country and today, as in ``JournalData``."""

    checkins: tuple[CheckInTally, ...]
    plan: Plan | None
    country: str
    today: dt.date
    plan_id: int | None = None


def insights_for(user: Person, today: dt.date | None = None, *, profile: Profile | None = None) -> Insights:
    """The whole analysis of the person's journal as of ``today`` (their today by default)."""
    return analyse(journal_of(user, today, profile=profile))


def analyse(journal: JournalData) -> Insights:
    """``benzotaper.insights.insights`` of a gathered journal."""
    from benzotaper.insights import insights

    return insights(
        journal.checkins, journal.doses, journal.plan, journal.medications, journal.country, journal.today
    )


def alerts_journal(
    user: Person,
    today: dt.date | None = None,
    *,
    profile: Profile | None = None,
    saved: SavedPlan | Unread | None = UNREAD,
) -> AlertsJournal:
    """The part of the journal the alerts read: the plan, and the tallies of the check-ins of the last
    six weeks (the "worse near the end" comparison) and since the week before the latest cut. No doses,
    medicines or single ratings: ``alerts_of`` of it equals ``insights_for(user, today).alerts`` (a test
    holds them equal), at a fraction of the work. ``saved``: the active saved plan (or None) when the
    page has read it already."""
    from benzotaper.insights import END_EARLIER_DAYS, END_RECENT_DAYS, PRE_CUT_DAYS, cut_dates

    profile = profile or Profile.of(user)
    day = today if today is not None else profile.today()
    plan, plan_id = _active_plan(user, saved)
    first = day - dt.timedelta(days=END_RECENT_DAYS + END_EARLIER_DAYS)
    cuts = cut_dates(plan.steps if plan is not None else (), until=day)
    if cuts:
        first = min(first, cuts[-1] - dt.timedelta(days=PRE_CUT_DAYS))
    return AlertsJournal(_tallies(user, day, first), plan, profile.country, day, plan_id)


def alerts_of(journal: AlertsJournal) -> tuple[Alert, ...]:
    """``benzotaper.insights.alerts`` of a gathered journal (see ``alerts_journal``)."""
    from benzotaper.insights import alerts

    steps = journal.plan.steps if journal.plan is not None else ()
    return tuple(alerts(journal.checkins, steps, journal.today, journal.country))


def _active_plan(user: Person, saved: SavedPlan | Unread | None = UNREAD) -> tuple[Plan | None, int | None]:
    """The active saved plan as a ``Plan``, and its id; (None, None) without one, or when its stored
    form cannot be read (the journal is then analysed without its cuts)."""
    if isinstance(saved, Unread):
        saved = active_plan(user)
    plan = saved.readable_plan() if saved is not None else None
    return (plan, saved.pk) if plan is not None and saved is not None else (None, None)


def _doses(user: Person, today: dt.date) -> tuple[DoseRecord, ...]:
    """The doses taken up to ``today``, oldest first (``DoseTaken.to_record``, from plain rows)."""
    rows = DoseTaken.objects.for_user(user).filter(date__lte=today).order_by("date", "id")
    fields = ("date", "time_of_day", "drug", "planned_mg", "taken_mg", "status", "note")
    return tuple(
        DoseRecord(day, time, drug, plain_decimal(planned), plain_decimal(taken), status, note)
        for day, time, drug, planned, taken, status, note in rows.values_list(*fields)
    )


def _checkins(user: Person, today: dt.date) -> tuple[CheckInRecord, ...]:
    """The check-ins up to ``today``, oldest first (as ``_tallies``), with their ratings in the order
    given: ``CheckIn.to_record``, from plain rows (see above)."""
    rows = CheckIn.objects.for_user(user).filter(date__lte=today).order_by("date", "id")
    ratings = SymptomRating.objects.for_user(user).filter(checkin__date__lte=today)
    scores = scores_by_checkin(user, ratings)
    return tuple(
        CheckInRecord(
            date=day,
            wellbeing=wellbeing,
            sleep_hours=plain_decimal(sleep_hours),
            notes=notes,
            symptoms=tuple(scores[pk]),
            events=tuple(Event(kind=e["kind"], text=e.get("text", "")) for e in events),
            red_flags=tuple(red_flags),
        )
        for pk, day, wellbeing, sleep_hours, notes, events, red_flags in rows.values_list(
            "pk", "date", "wellbeing", "sleep_hours", "notes", "events", "red_flags"
        )
    )


def _tallies(user: Person, today: dt.date, since: dt.date) -> tuple[CheckInTally, ...]:
    """The check-ins from ``since`` to ``today`` as tallies, oldest first: one row per check-in, its
    ratings counted and summed by the database, in one query whose SQL is written once per process
    (``_TALLIES``). A check-in without ratings has a tally of none rated (not a rating of 0)."""
    return tuple(
        CheckInTally(day, wellbeing, tuple(red_flags), rated, severity_sum or 0)
        for day, wellbeing, red_flags, rated, severity_sum in _TALLIES.values(user, since, today)
    )


def _tally_rows(person: AbstractBaseUser, since: dt.date, until: dt.date) -> QuerySet[Any]:
    """The person's check-ins from ``since`` to ``until``, each with how many ratings it has and their sum."""
    return (
        CheckIn.objects.for_user(person)
        .filter(date__gte=since, date__lte=until)
        .annotate(rated=Count("ratings"), severity_sum=Sum("ratings__severity"))
        .order_by("date", "id")
        .values_list("date", "wellbeing", "red_flags", "rated", "severity_sum")
    )


# The alerts' read on Today and the check-in: its SQL written once (``kept_queries``).
_TALLIES = KeptQuery(_tally_rows, PERSON, DAY, DAY)
