"""What a person logged, as plain values: doses taken, daily check-ins, other medicines.

These are the types the core (insights, charts, reports) reads; the web app's models map to and
from them (``to_record()`` / ``from_record()``), so the core never sees the database. Standard
library only.

Units: doses are ``Decimal`` milligrams of the named drug; sleep is ``Decimal`` hours; symptom
severity is an integer 0 (none) to 4 (severe); wellbeing is an integer 0 (worst) to 10 (best).
Dates are the person's local calendar days. Every front door (forms, API, import) checks them here:
what happened is dated from ``EARLIEST_DAY`` to the person's today (``journal_day_problem``); analysis
leaves out what lies outside (``in_journal_range``), so a date stored before these bounds cannot break it.
(A plan's first day is the plan request's to check: ``planning.plan_start_problem``.)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from benzotaper.records import Record

DoseStatus = Literal["as_planned", "different", "skipped"]
DOSE_STATUSES: tuple[DoseStatus, ...] = ("as_planned", "different", "skipped")

EventKind = Literal["illness", "stress", "new_medicine", "other"]
EVENT_KINDS: tuple[EventKind, ...] = ("illness", "stress", "new_medicine", "other")

MedicationKind = Literal["benzodiazepine", "other"]
MEDICATION_KINDS: tuple[MedicationKind, ...] = ("benzodiazepine", "other")

SEVERITY_MIN, SEVERITY_MAX = 0, 4
WELLBEING_MIN, WELLBEING_MAX = 0, 10
SLEEP_HOURS_MAX = Decimal(24)
# Not a clinical limit: the most mg of one dose a person can type, a guard against typos ("900" for
# "9.00") and unit mix-ups (mcg typed as mg). Doses of the tapered drugs stay far below it.
DOSE_MG_MAX = Decimal(200)
# Doses are kept to ten-thousandths of a mg (the journal's DoseTaken has 4 decimal places).
DOSE_MG_PLACES = 4
# Not clinical either: the longest note or notes a person can write on one entry (every front door,
# web form and API, uses it; a longer note would make the entry impossible to edit through the other).
NOTE_MAX = 10_000
# The version numbers of an editable entry (optimistic locking): 1 on creation, at most what every
# database's integer column holds (PostgreSQL's integer, 2**31 - 1). A form shows 0 for "no entry yet".
VERSION_MIN, VERSION_MAX = 1, 2**31 - 1

# Not clinical limits: guards against typos in a year ("0026" for "2026", "2062" for "2026").
# Nothing in a journal of a benzodiazepine taper happened before 1970 (the drugs came in the 1960s and
# a person's medicine history rarely reaches that far), and nothing logged has happened after today.
EARLIEST_DAY = dt.date(1970, 1, 1)


def journal_day_problem(day: dt.date, today: dt.date) -> str | None:
    """Why ``day`` cannot be the day of something logged (a dose, a check-in, a medicine started), as
    a sentence saying what to do; None when it can (``EARLIEST_DAY`` to ``today``, the person's)."""
    if day < EARLIEST_DAY:
        return (
            f"{day.isoformat()} is before {EARLIEST_DAY.year}: check the year "
            f"(is it {today.year} or {today.year - 1}?)."
        )
    if day > today:
        return (
            f"{day.isoformat()} has not happened yet (today is {today.isoformat()}): "
            "record what already happened."
        )
    return None


def in_journal_range(day: dt.date, today: dt.date) -> bool:
    """Whether a stored day is one analysis uses (from ``EARLIEST_DAY`` to ``today``)."""
    return EARLIEST_DAY <= day <= today


class DoseRecord(Record):
    """One dose of one drug at one time of day on one day: what the plan said and what was taken.

    ``planned_mg`` is None for a dose that was not in the plan. ``taken_mg`` is None exactly when the
    dose was skipped; with ``as_planned`` it equals ``planned_mg``. ``time`` is one of the knowledge
    data's times of day (morning, midday, afternoon, evening, night).
    """

    date: dt.date
    time: str
    drug: str
    planned_mg: Decimal | None
    taken_mg: Decimal | None
    status: DoseStatus
    note: str = ""

    def __post_init__(self) -> None:
        if self.status not in DOSE_STATUSES:
            raise ValueError(f"dose status {self.status!r} is not one of {', '.join(DOSE_STATUSES)}")
        if (self.status == "skipped") != (self.taken_mg is None):
            raise ValueError("a skipped dose has no amount taken, and every other dose has one")
        for amount in (self.planned_mg, self.taken_mg):
            if amount is not None and (not amount.is_finite() or amount < 0):
                raise ValueError(f"{amount} mg is not an amount of a dose")


class SymptomScore(Record):
    """How strong one symptom was on a day, 0 (none) to 4 (severe).

    ``symptom`` is a code of the knowledge data's checklist, or, when ``custom``, the name the person
    gave one of their own symptoms.
    """

    symptom: str
    severity: int
    custom: bool = False

    def __post_init__(self) -> None:
        if not SEVERITY_MIN <= self.severity <= SEVERITY_MAX:
            raise ValueError(f"severity {self.severity} is not between {SEVERITY_MIN} and {SEVERITY_MAX}")


class Event(Record):
    """Something that happened on a day and may explain how it went."""

    kind: EventKind
    text: str

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"event kind {self.kind!r} is not one of {', '.join(EVENT_KINDS)}")


class CheckInRecord(Record):
    """A day's check-in. Every answer may be left out (None or empty): a check-in can be partial.

    ``wellbeing`` is 0 (worst) to 10 (best); ``sleep_hours`` is hours slept, 0 to 24; ``red_flags`` are
    the codes of the knowledge data's red flags answered "yes".
    """

    date: dt.date
    wellbeing: int | None = None
    sleep_hours: Decimal | None = None
    notes: str = ""
    symptoms: tuple[SymptomScore, ...] = ()
    events: tuple[Event, ...] = ()
    red_flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_wellbeing(self.wellbeing)
        if self.sleep_hours is not None and not 0 <= self.sleep_hours <= SLEEP_HOURS_MAX:
            raise ValueError(f"{self.sleep_hours} hours of sleep is not between 0 and 24")
        keys = [(s.symptom, s.custom) for s in self.symptoms]
        if len(keys) != len(set(keys)):
            raise ValueError("a symptom is rated twice in one check-in")

    @property
    def rated(self) -> int:
        """How many symptoms the check-in rated (one left out is not rated, not 0)."""
        return len(self.symptoms)

    @property
    def severity_sum(self) -> int:
        """The sum of its ratings: with ``rated``, all the burden reads of them (``CheckInTally``)."""
        return sum([score.severity for score in self.symptoms])


class CheckInTally(Record):
    """What the burden and the alerts read of a check-in: its day, wellbeing and red flags, and how many
    symptoms it rated with the sum of their ratings (the burden is a mean of the ratings, so neither
    needs each one). A page that shows only the alerts reads one of these per check-in rather than
    every rating; a ``CheckInRecord`` answers the same ``rated`` and ``severity_sum``.
    """

    date: dt.date
    wellbeing: int | None = None
    red_flags: tuple[str, ...] = ()
    rated: int = 0
    severity_sum: int = 0

    def __post_init__(self) -> None:
        _check_wellbeing(self.wellbeing)
        if not 0 <= SEVERITY_MIN * self.rated <= self.severity_sum <= SEVERITY_MAX * self.rated:
            raise ValueError(f"{self.rated} ratings cannot add up to {self.severity_sum}")


def _check_wellbeing(wellbeing: int | None) -> None:
    if wellbeing is not None and not WELLBEING_MIN <= wellbeing <= WELLBEING_MAX:
        raise ValueError(f"wellbeing {wellbeing} is not between {WELLBEING_MIN} and {WELLBEING_MAX}")


class MedicationRecord(Record):
    """A medicine or supplement the person takes or took.

    ``kind`` "benzodiazepine" marks the drugs being tapered (a benzodiazepine or z-drug); their
    ``dose_text`` is an amount such as "0.5mg" and ``time`` a time of day. Other medicines keep the
    dose as the person wrote it and may have no time (""). ``stopped`` is None while still taken.
    """

    name: str
    kind: MedicationKind = "other"
    dose_text: str = ""
    time: str = ""
    started: dt.date | None = None
    stopped: dt.date | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        if self.kind not in MEDICATION_KINDS:
            raise ValueError(f"medication kind {self.kind!r} is not one of {', '.join(MEDICATION_KINDS)}")
        if self.started is not None and self.stopped is not None and self.stopped < self.started:
            raise ValueError("a medicine cannot stop before it started")
