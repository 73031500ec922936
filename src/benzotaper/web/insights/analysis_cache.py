"""The Insights' journal and analysis, kept while the person's journal is unchanged: in this process, and
in the database across processes and restarts.

Reading a half-year journal and analysing it is most of the Insights page's and ``GET /api/v1/insights``'s
time. ``journal_and_insights`` keeps the last result for each person under a fingerprint of everything
the analysis reads, taken with one query (a summary row per journal table); any write changes it, so a changed
journal is always read and analysed again (a stale analysis would show something the person did not
log). What changes the fingerprint:

- check-ins, doses, medicines: how many, the highest id (a row added, or deleted and added), the sum of
  versions and the latest ``updated_at`` (every edit through ``Versioned.save``);
- symptom ratings: how many, the highest id and a sum of id × severity (rewritten ratings get new ids);
- the person's own symptoms (id and name) and saved plans (id, status, when made) and plan changes;
- the profile (country, time zone, risk factors), the person's today, the knowledge data's version,
  the app's version and the source of the code that reads and analyses the journal (``code_version``).

A restored backup adds rows with new ids. Kept at two levels, as drawn charts are (``chart_store``):

1. in this process, per person id, for a few people at most, the least recent dropped first;
2. in the database (``KeptAnalysis``), one row per person under a digest of the fingerprint, read back
   in one query when a new process (or a restart) meets an unchanged journal: the records and the
   result pickled, compressed and signed with the app's secret key for this person and digest (not
   for a journal without check-ins or doses: that is analysed at once, and a view writes nothing).
   Only bytes this app wrote for this person are unpickled: a row that is not theirs, was made from
   another journal, or does not carry the signature is not read (it is made again and replaced).
   Storing is best effort: a busy database only means analysing again next time.

Both levels are the person's only (never shared between people) and go with the account.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import pickle
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Expression, F, Max, QuerySet, Sum, TextField, Value
from django.db.models.functions import Cast
from django.utils.crypto import salted_hmac

import benzotaper
from benzotaper.knowledge import load_knowledge
from benzotaper.records import replace
from benzotaper.web.insights.data import JournalData, analyse, journal_of
from benzotaper.web.insights.models import KeptAnalysis
from benzotaper.web.journal.models import (
    CheckIn,
    CustomSymptom,
    DoseTaken,
    Medication,
    PlanChange,
    SavedPlan,
    SymptomRating,
)
from benzotaper.web.last_used import LastUsed

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from benzotaper.insights import Insights
    from benzotaper.web.accounts.models import Profile

logger = logging.getLogger(__name__)

PEOPLE_KEPT = 8
# The code that reads a journal and analyses it, and the types kept (paths in the ``benzotaper``
# package): a stored analysis is read back only by the same code, so a change to it (an upgrade, or a
# checkout of other code, without a new version number) analyses again.
ANALYSIS_CODE = (
    "insights",
    "planning",
    "knowledge",
    "journal.py",
    "web/insights/data.py",
    "web/journal/scores.py",
)

_kept: LastUsed[tuple[Any, dt.date], tuple[str, JournalData, Insights]] = LastUsed(PEOPLE_KEPT)


def journal_and_insights(
    user: AbstractBaseUser, profile: Profile, today: dt.date | None = None
) -> tuple[JournalData, Insights]:
    """``journal_of`` (``without_free_text``) and ``analyse`` of the person's journal as of ``today``
    (their today by default), from this process's memory, else from the database, when nothing they read
    has changed since."""
    day = today if today is not None else profile.today()
    key = (user.pk, day)
    made_from = fingerprint_digest(journal_fingerprint(user, profile, day))
    kept = _kept.get(key)
    if kept is not None and kept[0] == made_from:
        return kept[1], kept[2]
    stored = _stored(user, made_from)
    if stored is not None:
        journal, result = stored
    else:
        journal = journal_of(user, day, profile=profile)
        result = analyse(journal)
        journal = without_free_text(journal)
        if journal.checkins or journal.doses:  # an empty journal is analysed at once; a GET stores nothing
            _store(user, made_from, journal, result)
    _kept.put(key, (made_from, journal, result))
    return journal, result


def without_free_text(journal: JournalData) -> JournalData:
    """The journal without what the person wrote in words (check-ins' notes and events' texts, doses'
    and medicines' notes): the analysis and the pages that show it never read them, and a kept copy,
    stored until the next view after a change, should not hold a deleted note."""
    return replace(
        journal,
        checkins=tuple(
            replace(c, notes="", events=tuple(replace(e, text="") for e in c.events))
            if c.notes or c.events
            else c
            for c in journal.checkins
        ),
        doses=tuple(replace(d, note="") if d.note else d for d in journal.doses),
        medications=tuple(replace(m, notes="") if m.notes else m for m in journal.medications),
    )


def fingerprint_digest(fingerprint: tuple[Any, ...]) -> str:
    """A digest of a fingerprint (plain values: its ``repr`` is its content) and of the analysis' code."""
    return hashlib.blake2b(repr((code_version(), fingerprint)).encode(), digest_size=20).hexdigest()


@cache
def code_version() -> str:
    """A digest of the source of ``ANALYSIS_CODE``, once per process (a few milliseconds). An install
    without the source files has only its version number to tell one code from another."""
    package = Path(benzotaper.__file__).parent
    code = hashlib.blake2b(digest_size=20)
    for part in ANALYSIS_CODE:
        for path in sorted((package / part).rglob("*.py")) if (package / part).is_dir() else [package / part]:
            if path.is_file():
                code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return code.hexdigest()


def _signature(user: AbstractBaseUser, made_from: str, data: bytes) -> bytes:
    """The app's signature of ``data`` kept for this person under this digest (a row copied to another
    person, or to another digest, does not carry it)."""
    return salted_hmac(f"{__name__}:{user.pk}:{made_from}", data, algorithm="sha256").digest()


def _stored(user: AbstractBaseUser, made_from: str) -> tuple[JournalData, Insights] | None:
    """The person's stored analysis made from ``made_from``, or None (none, another journal's, or not
    signed by this app for them)."""
    row = KeptAnalysis.objects.for_user(user).filter(digest=made_from).values_list("data", flat=True).first()
    if row is None:
        return None
    signed = bytes(row)
    signature, data = signed[:32], signed[32:]
    if not hmac.compare_digest(signature, _signature(user, made_from, data)):
        logger.warning("The stored analysis of user %s is not signed by this app: made again", user.pk)
        return None
    try:
        journal, result = pickle.loads(zlib.decompress(data))  # signed above: bytes this app wrote
    except Exception:  # unreadable (a damaged row): made again and replaced
        logger.exception("The stored analysis of user %s could not be read back: made again", user.pk)
        return None
    return journal, result


def _store(user: AbstractBaseUser, made_from: str, journal: JournalData, result: Insights) -> None:
    data = zlib.compress(pickle.dumps((journal, result), protocol=pickle.HIGHEST_PROTOCOL), 1)
    fields = {"digest": made_from, "data": _signature(user, made_from, data) + data}
    try:
        with transaction.atomic():
            KeptAnalysis.objects.for_user(user).update_or_create(
                defaults=fields, create_defaults={**fields, "user": user}
            )
    except DatabaseError as error:  # shown anyway; the next view stores it
        logger.warning("The analysis of user %s could not be stored: %s", user.pk, error)


def forget_all() -> None:
    """Drop every analysis kept in this process (as a new process starts); the database keeps its own."""
    _kept.clear()


def journal_fingerprint(user: AbstractBaseUser, profile: Profile, today: dt.date) -> tuple[Any, ...]:
    """What changes whenever anything the analysis reads changes (see the module's notes): the journal's
    part read in one query (``_journal_summary``)."""
    sql, written, person_at = _summary_query(connection.vendor)
    params = [user.pk if index in person_at else value for index, value in enumerate(written)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return (
        benzotaper.__version__,
        load_knowledge().version,
        today,
        getattr(user, "date_joined", None),  # the person, not only their id
        tuple(getattr(profile, field.attname) for field in profile._meta.concrete_fields),
        tuple(sorted(rows, key=str)),  # a union's rows come in no set order
    )


# The id that stands for the person in the query written once (no account has a negative id), and the
# query's parts: each takes the person's id once.
_ANYONE = -404
_PARTS = 7


@cache
def _summary_query(vendor: str) -> tuple[str, tuple[Any, ...], tuple[int, ...]]:
    """``_journal_summary``'s SQL for the database in use, written once per process (writing it took
    three times as long as the database's answer), its parameters, and where the person's id is in
    them: the query of a person stands in, so every table is still read through ``for_user``."""
    sql, params = _journal_summary(get_user_model()(pk=_ANYONE)).query.sql_with_params()
    person_at = tuple(index for index, value in enumerate(params) if value == _ANYONE)
    if len(person_at) != _PARTS or str(_ANYONE) in sql:  # each part must take the person as a parameter
        raise RuntimeError(f"the journal's summary for {vendor} does not take the person as a parameter")
    return sql, tuple(params), person_at


def _journal_summary(user: AbstractBaseUser) -> QuerySet[Any]:
    """A summary row per journal table (and a row per own symptom and saved plan), as text."""
    versioned = (Count("id"), Max("id"), Sum("version"), Max("updated_at"))
    parts = (
        _summary("check-ins", CheckIn.objects.for_user(user), "user", *versioned),
        _summary("doses", DoseTaken.objects.for_user(user), "user", *versioned),
        _summary("medicines", Medication.objects.for_user(user), "user", *versioned),
        _summary(
            "ratings",
            SymptomRating.objects.for_user(user),
            "checkin__user",
            Count("id"),
            Max("id"),
            Sum("severity"),  # edits that cancel in the weighted sum rarely cancel here too
            Sum(F("id") * F("severity")),
        ),
        _summary("plan changes", PlanChange.objects.for_user(user), "user", Count("id"), Max("id")),
        CustomSymptom.objects.for_user(user)
        .order_by()
        .values_list(_row("own symptom"), _text("id"), "name", _NONE, _NONE),
        SavedPlan.objects.for_user(user)
        .order_by()
        .values_list(_row("saved plan"), _text("id"), "status", _text("created_at"), _NONE),
    )
    return parts[0].union(*parts[1:], all=True)


_NONE = Value("", output_field=TextField())


def _row(kind: str) -> Value:
    return Value(kind, output_field=TextField())


def _text(expression: str | Expression) -> Cast:
    return Cast(expression, TextField())


def _summary(kind: str, rows: QuerySet[Any], owner: str, *aggregates: Expression) -> QuerySet[Any]:
    """One row of ``aggregates`` of the person's ``rows`` (none when they have none), as text."""
    columns = [_text(aggregate) for aggregate in aggregates] + [_NONE] * (4 - len(aggregates))
    named = {f"column{i}": column for i, column in enumerate(columns)}
    summary: QuerySet[Any] = rows.order_by().values(owner).annotate(**named).values_list(_row(kind), *named)
    return summary
