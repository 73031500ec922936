"""Small helpers the journal's views share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from benzotaper.journal import CheckInRecord
from benzotaper.knowledge import TIMES_OF_DAY
from benzotaper.records import Record
from benzotaper.web.journal.forms import EVENT_LABELS
from benzotaper.web.journal.planned import planned_doses_on

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def person(request: HttpRequest) -> AbstractBaseUser:
    """The signed-in person (every journal view is behind ``login_required``)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to see your own journal.")
    return user


def time_rank(time: str) -> int:
    """Position of a time of day in the day, for sorting (unknown times last)."""
    return TIMES_OF_DAY.index(time) if time in TIMES_OF_DAY else len(TIMES_OF_DAY)


def day_text(day: dt.date) -> str:
    """A day as people say it: "Monday 4 January 2027" (a year typed as 26 reads 0026, to be seen)."""
    return f"{day:%A} {day.day} {day:%B} {day.year:04d}"


def planned_mg_lookup(request: HttpRequest) -> Callable[[dt.date, str, str], Decimal | None]:
    """A function giving the active plan's mg for (day, time of day, drug), or None."""

    def planned_mg(day: dt.date, time: str, drug: str) -> Decimal | None:
        for dose in planned_doses_on(request.user, day):
            if dose.key == (time, drug):
                return dose.mg
        return None

    return planned_mg


class CheckInSummary(Record):
    """A saved check-in in short, for the journal and for showing what another tab saved."""

    date: dt.date
    wellbeing: int | None
    sleep_hours: Decimal | None
    notes: str
    symptoms: tuple[tuple[str, int, str], ...]
    """(name, severity, scale word) of every symptom rated above 0, strongest first."""
    rated: int
    """How many symptoms were rated (0 included): the rest were not rated."""
    events: tuple[tuple[str, str], ...]
    red_flags: tuple[str, ...]
    """The signs answered yes, in words."""

    @property
    def symptoms_text(self) -> str:
        """The symptoms in one line, "name severity (word), ...": one value for the template to escape
        rather than three for each symptom (the journal shows up to 14 check-ins of 30)."""
        return ", ".join(f"{name} {severity} ({word})" for name, severity, word in self.symptoms)


def summarise(record: CheckInRecord) -> CheckInSummary:
    from benzotaper.knowledge import load_red_flags, load_symptoms

    checklist = load_symptoms()
    labels = {item.code: item.label for item in checklist.items}
    signs = {flag.code: flag.sign for flag in load_red_flags().emergency_signs}
    rated = sorted(
        (score for score in record.symptoms if score.severity > 0), key=lambda score: -score.severity
    )
    return CheckInSummary(
        date=record.date,
        wellbeing=record.wellbeing,
        sleep_hours=record.sleep_hours,
        notes=record.notes,
        symptoms=tuple(
            (
                score.symptom if score.custom else labels.get(score.symptom, score.symptom),
                score.severity,
                checklist.scale.label(score.severity),
            )
            for score in rated
        ),
        rated=len(record.symptoms),
        events=tuple((EVENT_LABELS[event.kind], event.text) for event in record.events),
        red_flags=tuple(signs.get(code, code) for code in record.red_flags),
    )
