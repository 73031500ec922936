"""The Insights' journal and analysis, kept in this process while the person's journal is unchanged.

Reading a half-year journal and analysing it is most of the Insights page's and ``GET /api/v1/insights``'s
time. ``journal_and_insights`` keeps the last result for each person under a fingerprint of everything
the analysis reads, taken with one small query per journal table; any write changes it, so a changed
journal is always read and analysed again (a stale analysis would show something the person did not
log). What changes the fingerprint:

- check-ins, doses, medicines: how many, the highest id (a row added, or deleted and added), the sum of
  versions and the latest ``updated_at`` (every edit through ``Versioned.save``);
- symptom ratings: how many, the highest id and a sum of id × severity (rewritten ratings get new ids);
- the person's own symptoms (id and name) and saved plans (id, status, when made) and plan changes;
- the profile (country, time zone, risk factors), the person's today, the knowledge data's version and
  the app's version.

A restored backup adds rows with new ids. Kept per person id, in memory only (never stored, never shared
between people, dropped when the account is deleted); a few people at most, the least recent dropped
first.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from threading import Lock
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, F, Max, Sum
from django.db.models.signals import post_delete

import benzotaper
from benzotaper.knowledge import load_knowledge
from benzotaper.web.insights.data import JournalData, analyse, journal_of
from benzotaper.web.journal.models import (
    CheckIn,
    CustomSymptom,
    DoseTaken,
    Medication,
    PlanChange,
    SavedPlan,
    SymptomRating,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from benzotaper.insights import Insights
    from benzotaper.web.accounts.models import Profile

PEOPLE_KEPT = 8

_kept: OrderedDict[tuple[Any, dt.date], tuple[tuple[Any, ...], JournalData, Insights]] = OrderedDict()
_lock = Lock()


def journal_and_insights(
    user: AbstractBaseUser, profile: Profile, today: dt.date | None = None
) -> tuple[JournalData, Insights]:
    """``journal_of`` and ``analyse`` of the person's journal as of ``today`` (their today by default),
    from this process's memory when nothing they read has changed since."""
    day = today if today is not None else profile.today()
    key = (user.pk, day)
    fingerprint = journal_fingerprint(user, profile, day)
    with _lock:
        kept = _kept.get(key)
        if kept is not None and kept[0] == fingerprint:
            _kept.move_to_end(key)
            return kept[1], kept[2]
    journal = journal_of(user, day, profile=profile)
    result = analyse(journal)
    with _lock:
        _kept[key] = (fingerprint, journal, result)
        _kept.move_to_end(key)
        while len(_kept) > PEOPLE_KEPT:
            _kept.popitem(last=False)
    return journal, result


def _forget_deleted_person(sender: object, instance: AbstractBaseUser, **kwargs: object) -> None:
    """A deleted account's analysis goes with it."""
    with _lock:
        for key in [key for key in _kept if key[0] == instance.pk]:
            del _kept[key]


post_delete.connect(_forget_deleted_person, sender=settings.AUTH_USER_MODEL, weak=False)


def forget_all() -> None:
    """Drop every kept analysis (tests, benchmarks)."""
    with _lock:
        _kept.clear()


def journal_fingerprint(user: AbstractBaseUser, profile: Profile, today: dt.date) -> tuple[Any, ...]:
    """What changes whenever anything the analysis reads changes (see the module's notes)."""
    versioned = {
        "n": Count("id"),
        "top": Max("id"),
        "versions": Sum("version"),
        "changed": Max("updated_at"),
    }
    return (
        benzotaper.__version__,
        load_knowledge().version,
        today,
        getattr(user, "date_joined", None),  # the person, not only their id
        tuple(getattr(profile, field.attname) for field in profile._meta.concrete_fields),
        tuple(sorted(CheckIn.objects.for_user(user).aggregate(**versioned).items())),
        tuple(sorted(DoseTaken.objects.for_user(user).aggregate(**versioned).items())),
        tuple(sorted(Medication.objects.for_user(user).aggregate(**versioned).items())),
        tuple(
            sorted(
                SymptomRating.objects.for_user(user)
                .aggregate(
                    n=Count("id"),
                    top=Max("id"),
                    total=Sum("severity"),  # edits that cancel in the weighted sum rarely cancel here too
                    mix=Sum(F("id") * F("severity")),
                )
                .items()
            )
        ),
        tuple(CustomSymptom.objects.for_user(user).order_by("id").values_list("id", "name")),
        tuple(SavedPlan.objects.for_user(user).order_by("id").values_list("id", "status", "created_at")),
        tuple(sorted(PlanChange.objects.for_user(user).aggregate(n=Count("id"), top=Max("id")).items())),
    )
