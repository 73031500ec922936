"""Alice's history for the insights tests, made through the models as the pages would (the fixtures
that give it are in conftest.py).

The clock stops on Sunday 4 April 2027 at 10:00 UTC (Alice lives in London). Her plan, saved as her
active plan, started on 2 January 2027: diazepam 20 mg at night, 10 % every 14 days, so the cuts fall on
2, 16 and 30 January, 13 and 27 February, 13 and 27 March. She checked in every day from 1 January:
three symptoms, mostly mild (a burden of about 25 of 100), with two waves (about 58): days 2 to 10 after
the cut of 13 February, and from the day after the cut of 27 March until today, still going. She took
every dose as planned, and also takes Tramadol and warfarin.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord, SymptomScore
from benzotaper.planning import Dose, Plan, PlanRequest, make_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Models are imported inside the functions: this module may be read before Django is set up.

TODAY = dt.date(2027, 4, 4)
NOW = dt.datetime(2027, 4, 4, 10, 0, tzinfo=dt.UTC)
PLAN_START = dt.date(2027, 1, 2)
FIRST_CHECKIN = dt.date(2027, 1, 1)
EARLIER_WAVE = (dt.date(2027, 2, 15), dt.date(2027, 2, 23))
LATEST_CUT = dt.date(2027, 3, 27)
LATEST_WAVE = (dt.date(2027, 3, 28), TODAY)
SYMPTOMS = ("anxiety", "insomnia", "muscle_pain")


def the_plan() -> Plan:
    return make_plan(
        PlanRequest(regimen=(Dose("diazepam", "night", Decimal(20)),), start=PLAN_START, country="UK")
    )


def in_wave(day: dt.date) -> bool:
    return any(first <= day <= last for first, last in (EARLIER_WAVE, LATEST_WAVE))


def scores(day: dt.date) -> tuple[SymptomScore, ...]:
    """Mild days rate anxiety 1, insomnia 1 and muscle pain 0-2 (a little noise); wave days 2, 2, 3."""
    ratings = (2, 2, 3) if in_wave(day) else (1, 1, day.toordinal() % 3)
    return tuple(SymptomScore(code, severity) for code, severity in zip(SYMPTOMS, ratings, strict=True))


def save_checkin(user: User, record: CheckInRecord) -> Any:
    from benzotaper.web.journal.models import CheckIn

    row = CheckIn.from_record(user, record)
    row.save()
    row.set_scores(record.symptoms)
    return row


def give_history_to(user: User) -> Any:
    """Give a person Alice's history (see the module docstring); returns the saved plan."""
    from benzotaper.web.journal.models import DoseTaken, Medication, SavedPlan

    plan = the_plan()
    saved = SavedPlan.store(user, plan, name="diazepam taper")
    day = FIRST_CHECKIN
    doses = []
    while day <= TODAY:
        save_checkin(user, CheckInRecord(day, wellbeing=4 if in_wave(day) else 7, symptoms=scores(day)))
        step = plan.step_on(day)
        for dose in step.doses if step is not None else ():
            record = DoseRecord(day, dose.time, dose.drug, dose.mg, dose.mg, "as_planned")
            doses.append(DoseTaken.from_record(user, record))
        day += dt.timedelta(days=1)
    DoseTaken.objects.for_user(user).bulk_create(doses)
    for medicine in (
        MedicationRecord("diazepam", "benzodiazepine", "20mg", "night", started=FIRST_CHECKIN),
        MedicationRecord("Tramadol 50mg", "other", "50mg", "morning"),
        MedicationRecord("warfarin", "other", "3mg", "evening"),
    ):
        Medication.from_record(user, medicine).save()
    return saved
