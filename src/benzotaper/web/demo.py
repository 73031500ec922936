"""The demo account: six months of a fictional taper, so that every page has something to show.

``benzotaper demo`` calls ``make_demo()``. It creates the account ``demo`` (country US, the computer's
time zone) or, when the demo made it before, deletes it with all its data and makes it again: running it
twice leaves one demo account with the same data. The story, day 0 being ``HISTORY_DAYS`` days before
today in the account's time zone:

- **The plan**, saved on day 0: alprazolam 0.5 mg morning, midday and night, switched to diazepam one
  dose a week, then cut 10 % every 14 days (``planning.make_plan``).
- **A hold**: a wave follows the fifth cut, and a week after it the step is held 14 more days, "Wave after
  the last cut", through ``plans.stored.hold_saved_plan``, the function the plan page's Hold uses.
- **Doses**: every dose the plan (as held) set up to yesterday, as planned but for a few different
  amounts and two skipped ones.
- **Check-ins**: every day up to today but a few missed ones, rating ten checklist items and the
  person's own "jaw clenching". A wave starts 3 to 5 days after most cuts and settles over one to two
  weeks; the waves get shorter and the windows between them longer over the months. Wellbeing and sleep
  follow the day's symptoms. A few events: omeprazole started, a stressful couple of days, a cold.
- **Other medicines**: melatonin, and omeprazole from day 40: a CYP2C19 inhibitor that slows the
  clearance of diazepam, so the insights show an interaction.

Today has its check-in (the insights judge "now" from it) but no dose yet: the Today page has the
evening's dose to record.

No red flag is ever answered, not even long ago: a red flag rightly puts an emergency panel first, and
the demo is meant to show an ordinary taper, not a crisis.

The ups and downs come from a ``random.Random`` with a fixed seed: every run on the same day makes the
same data, and a run on another day the same story, moved to end on that day. An account named demo
that the demo did not make (one without ``DEMO_MARK``) is never touched.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction

from benzotaper.insights import cut_dates
from benzotaper.journal import (
    SEVERITY_MAX,
    WELLBEING_MAX,
    CheckInRecord,
    DoseRecord,
    Event,
    MedicationRecord,
    SymptomScore,
)
from benzotaper.planning import Dose, Plan, PlanRequest, Step, decimal_text, make_plan
from benzotaper.records import Record
from benzotaper.web.accounts.models import Profile
from benzotaper.web.accounts.people import add_person
from benzotaper.web.accounts.zones import local_time_zone
from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication, PlanChange, SavedPlan
from benzotaper.web.plans.stored import hold_saved_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_NAME = "demo"
DEMO_PASSWORD = "demo"
# Kept in the account's last name, which nothing else sets: it tells the demo's own account from a
# person who happens to be called demo, whose data a reset must never delete.
DEMO_MARK = "benzotaper demo (fictional data)"
HISTORY_DAYS = 180
SEED = 20270104

PLAN_NAME = "Alprazolam to diazepam, 10 % every 2 weeks"
PLAN_REASON = "Agreed with my prescriber."
HOLD_REASON = "Wave after the last cut"
HOLD_DAYS = 14
# The cut (0-based) whose wave is held, and how many days after that cut the hold is decided.
HELD_CUT, HOLD_AFTER_DAYS = 4, 7

REGIMEN = (
    Dose("alprazolam", "morning", Decimal("0.5")),
    Dose("alprazolam", "midday", Decimal("0.5")),
    Dose("alprazolam", "night", Decimal("0.5")),
)

# The checklist items rated every day, with how strongly each follows the day's overall level.
ITEMS: tuple[tuple[str, float], ...] = (
    ("anxiety", 1.3),
    ("tension", 1.2),
    ("insomnia", 1.2),
    ("sleep_quality", 1.1),
    ("irritability", 0.9),
    ("muscle_pain", 0.9),
    ("concentration", 0.8),
    ("tingling_numbness", 0.7),
    ("headache", 0.6),
    ("tinnitus", 0.5),
)
CUSTOM_SYMPTOM = ("jaw clenching", 1.0)

# The overall level is a mean severity (0-4). Before the cuts: the usual day on alprazolam.
CROSSOVER_LEVEL = 0.8
# A window: close to well, and a little better as the months go by.
WINDOW_LEVEL_FIRST, WINDOW_LEVEL_LAST = 0.4, 0.2


class _Wave(Record):
    """The wave after one cut: it starts ``onset`` days after the cut and lasts ``days`` days, rising to
    ``peak`` (mean severity) in two days and easing off after."""

    onset: int
    days: int
    peak: float


# One entry per cut, in order; None: the cut passes without a wave. Early waves are long and close
# together; the held cut's wave is the worst; later ones are short, with long windows between.
WAVES: tuple[_Wave | None, ...] = (
    _Wave(4, 12, 2.0),
    _Wave(4, 10, 1.9),
    _Wave(5, 9, 1.9),
    _Wave(4, 9, 1.8),
    _Wave(3, 9, 2.6),  # HELD_CUT
    _Wave(4, 7, 1.8),
    None,
    _Wave(4, 6, 1.8),
    None,
    _Wave(4, 5, 2.0),
    None,
)

# Days below are counted from the plan's first day (day 0).
# (day, how much the level rises, the event) and the notes of a few days.
EVENTS: tuple[tuple[int, float, Event], ...] = (
    (40, 0.0, Event("new_medicine", "Started omeprazole 20 mg for heartburn.")),
    (100, 0.6, Event("stress", "Argument with my landlord.")),
    (101, 0.4, Event("stress", "Still upset about the flat.")),
    (150, 0.4, Event("illness", "A cold: sore throat, stuffy nose.")),
    (151, 0.5, Event("illness", "Cold, stayed in bed most of the day.")),
    (152, 0.3, Event("illness", "Cold getting better.")),
)
NOTES: dict[int, str] = {
    0: "First diazepam at night instead of alprazolam. Slept well.",
    14: "Last alprazolam gone. Only diazepam now.",
    21: "First real cut today.",
    27: "Rough day: jaw clenched all morning, tingling in my hands.",
    60: "Good week. Walked to the lake twice.",
    84: "Talked to my prescriber: holding this step two more weeks.",
    97: "Feels like a window. Cooked a real dinner.",
    143: "Waves are getting shorter: this one was over in five days.",
    170: "Best stretch so far.",
}
# (day, time of day, mg more or less than planned, note): doses not taken as planned.
DIFFERENT: tuple[tuple[int, str, Decimal, str], ...] = (
    (44, "morning", Decimal("0.5"), "The tablet split unevenly."),
    (83, "night", Decimal("1"), "Awful night, took 1 mg more."),
    (138, "night", Decimal("-0.5"), "Half a tablet crumbled; took what was left."),
)
SKIPPED: tuple[tuple[int, str, str], ...] = (
    (58, "midday", "Forgot it at work."),
    (151, "night", "Fell asleep early with the cold."),
)
MISSED_CHECKINS = 6
# Days before today free of missed check-ins: the insights judge "now" from the last week's check-ins.
RECENT_DAYS = 14


class DemoAccountTakenError(ValueError):
    """An account named demo exists that the demo did not make."""


class DemoJournal(Record):
    """What the demo person logged: plain records, as the core reads them."""

    checkins: tuple[CheckInRecord, ...]
    doses: tuple[DoseRecord, ...]
    medications: tuple[MedicationRecord, ...]


def make_demo(password: str = DEMO_PASSWORD, *, today: dt.date | None = None) -> User:
    """Create the demo account, or delete it with all its data and create it again (see the module
    docstring). ``today`` is the last day of the story (default: today where the account is).
    ``DemoAccountTakenError`` when an account named demo exists that the demo did not make."""
    with transaction.atomic():
        _delete_previous_demo()
        # add_person is the one way accounts are made, and it refuses weak passwords; the demo's is
        # weak on purpose (the data is public and made up), so it is set after.
        user = add_person(DEMO_NAME, secrets.token_urlsafe(32), time_zone=local_time_zone(), country="US")
        user.set_password(password)
        user.last_name = DEMO_MARK
        user.save(update_fields=["password", "last_name"])
        profile = Profile.of(user)
        today = today or profile.today()
        start = today - dt.timedelta(days=HISTORY_DAYS)
        plan = _store_plans(user, demo_plan(start), profile)
        journal = demo_journal(plan, today)
        for medication in journal.medications:
            Medication.from_record(user, medication).save()
        for dose in journal.doses:
            DoseTaken.from_record(user, dose).save()
        for checkin in journal.checkins:
            row = CheckIn.from_record(user, checkin)
            row.save()
            row.set_scores(checkin.symptoms)
    return user


def _delete_previous_demo() -> None:
    users = get_user_model()._default_manager
    for user in users.filter(username__iexact=DEMO_NAME):
        if getattr(user, "last_name", "") != DEMO_MARK:
            raise DemoAccountTakenError(
                f"There is already an account named {user.get_username()} that benzotaper demo did not "
                "make; it is left alone."
            )
        user.delete()  # every personal row goes with it (on_delete=CASCADE)


def demo_plan(start: dt.date) -> Plan:
    """The plan as first saved: alprazolam switched to diazepam, then 10 % every 14 days."""
    request = PlanRequest(
        regimen=REGIMEN,
        start=start,
        method="percent",
        cut_percent=Decimal(10),
        every_days=14,
        crossover_to="diazepam",
        country="US",
    )
    return make_plan(request)


def hold_day(plan: Plan) -> dt.date:
    """The day the person decides to hold: ``HOLD_AFTER_DAYS`` after the cut ``HELD_CUT``."""
    return cut_dates(plan.steps)[HELD_CUT] + dt.timedelta(days=HOLD_AFTER_DAYS)


def _store_plans(user: User, plan: Plan, profile: Profile) -> Plan:
    """Save the plan, then hold the step of the cut ``HELD_CUT`` on the hold day as the plan page does
    (its ``hold`` view); the held plan."""
    first = SavedPlan.store(user, plan, name=PLAN_NAME, reason=PLAN_REASON, kind="created")
    on = hold_day(plan)
    step = next(s.number for s in plan.steps if s.start == cut_dates(plan.steps)[HELD_CUT])
    second = hold_saved_plan(user, first, step, HOLD_DAYS, HOLD_REASON, on)
    assert second is not None, "the demo's own plan is active"
    # Dated on the days they were made, not now, so that the plan history reads as it would have.
    for saved, day, hour in ((first, plan.request.start, 9), (second, on, 19)):
        when = dt.datetime.combine(day, dt.time(hour), tzinfo=profile.zone)
        SavedPlan.objects.for_user(user).filter(pk=saved.pk).update(created_at=when)
        PlanChange.objects.for_user(user).filter(plan=saved).update(created_at=when)
    return second.plan()


def demo_journal(plan: Plan, today: dt.date) -> DemoJournal:
    """The demo person's records from the plan's first day: check-ins up to ``today``, doses up to the
    day before, from ``plan`` as held (see the module docstring). Pure: no database."""
    start = plan.request.start
    days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
    rng = random.Random(SEED)
    levels = _levels(plan, len(days), rng)
    missed = _missed_days(len(days), rng)
    checkins = tuple(_checkin(day, i, levels[i], rng) for i, day in enumerate(days) if i not in missed)
    doses = tuple(dose for i, day in enumerate(days[:-1]) for dose in _doses(plan, day, i))
    return DemoJournal(checkins, doses, _medications(plan, today))


def _levels(plan: Plan, length: int, rng: random.Random) -> list[float]:
    """The overall level (mean severity, 0-4) of each day: the window level, raised by waves and events."""
    start = plan.request.start
    first_cut = (cut_dates(plan.steps)[0] - start).days
    levels = []
    for i in range(length):
        progress = max(i - first_cut, 0) / max(length - first_cut, 1)
        window = WINDOW_LEVEL_FIRST + (WINDOW_LEVEL_LAST - WINDOW_LEVEL_FIRST) * progress
        levels.append(CROSSOVER_LEVEL if i < first_cut else window)
    for cut, wave in zip(cut_dates(plan.steps), WAVES, strict=False):
        if wave is None:
            continue
        begin = (cut - start).days + wave.onset
        for j in range(wave.days):
            if 0 <= begin + j < length:
                levels[begin + j] = max(levels[begin + j], wave.peak * _wave_shape(j, wave.days))
    for day, rise, _ in EVENTS:
        if day < length:
            levels[day] += rise
    return [max(level + rng.gauss(0, 0.1), 0.0) for level in levels]


def _wave_shape(day: int, days: int) -> float:
    """The share of its peak a wave reaches on its ``day``-th day: up in two days, then easing off."""
    if day < 2:
        return (0.6, 0.9)[day]
    return 1.0 - 0.4 * (day - 2) / max(days - 3, 1)


def _missed_days(length: int, rng: random.Random) -> set[int]:
    """A few days without a check-in: never two in a row, nor on a day with an event or a note."""
    noted = {day for day, _, _ in EVENTS} | set(NOTES)
    candidates = [i for i in range(1, length - RECENT_DAYS) if i not in noted]
    missed: set[int] = set()
    while len(missed) < MISSED_CHECKINS:
        day = rng.choice(candidates)
        if not {day - 1, day, day + 1} & missed:
            missed.add(day)
    return missed


def _checkin(day: dt.date, index: int, level: float, rng: random.Random) -> CheckInRecord:
    scores = [SymptomScore(code, _severity(level * weight, rng)) for code, weight in ITEMS]
    name, weight = CUSTOM_SYMPTOM
    scores.append(SymptomScore(name, _severity(level * weight, rng), custom=True))
    mean = sum(s.severity for s in scores) / len(scores)
    sleep_severity = next(s.severity for s in scores if s.symptom == "insomnia")
    wellbeing = round(8.6 - 2.2 * mean + rng.gauss(0, 0.5))
    sleep = 7.8 - 0.8 * sleep_severity + rng.gauss(0, 0.4)
    return CheckInRecord(
        date=day,
        wellbeing=min(max(wellbeing, 3), WELLBEING_MAX),
        sleep_hours=Decimal(round(min(max(sleep, 3.5), 9.5) * 4)) / 4,
        notes=NOTES.get(index, ""),
        symptoms=tuple(scores),
        events=tuple(event for when, _, event in EVENTS if when == index),
    )


def _severity(level: float, rng: random.Random) -> int:
    return min(max(round(level + rng.gauss(0, 0.35)), 0), SEVERITY_MAX)


def _doses(plan: Plan, day: dt.date, index: int) -> list[DoseRecord]:
    step = plan.step_on(day)
    if step is None or step.kind == "stop":
        return []
    out = []
    for planned in (d for d in step.doses if d.mg > 0):
        dose = DoseRecord(day, planned.time, planned.drug, planned.mg, planned.mg, "as_planned")
        for when, time, more, note in DIFFERENT:
            if (when, time) == (index, planned.time):
                dose = DoseRecord(day, time, planned.drug, planned.mg, planned.mg + more, "different", note)
        for when, time, note in SKIPPED:
            if (when, time) == (index, planned.time):
                dose = DoseRecord(day, time, planned.drug, planned.mg, None, "skipped", note)
        out.append(dose)
    return out


def _medications(plan: Plan, today: dt.date) -> tuple[MedicationRecord, ...]:
    """Alprazolam until the crossover replaced each of its doses, diazepam as taken now, and the others."""
    start = plan.request.start
    out = []
    for dose in plan.request.regimen:
        taken = [s for s in plan.steps if _has_dose(s, dose.drug, dose.time)]
        last = max((s.end for s in taken), default=start - dt.timedelta(days=1))
        began = start - dt.timedelta(days=3 * 365)
        out.append(
            MedicationRecord(
                dose.drug, "benzodiazepine", f"{decimal_text(dose.mg)}mg", dose.time, began, last
            )
        )
    current = plan.step_on(today - dt.timedelta(days=1))
    for planned in current.doses if current is not None else ():
        if planned.mg > 0:
            began = min(s.start for s in plan.steps if _has_dose(s, planned.drug, planned.time))
            out.append(
                MedicationRecord(
                    planned.drug, "benzodiazepine", f"{decimal_text(planned.mg)}mg", planned.time, began
                )
            )
    out.append(MedicationRecord("melatonin", "other", "2mg", "night", start - dt.timedelta(days=200)))
    omeprazole = start + dt.timedelta(days=EVENTS[0][0])
    out.append(MedicationRecord("omeprazole", "other", "20mg", "morning", omeprazole, notes="For heartburn."))
    return tuple(out)


def _has_dose(step: Step, drug: str, time: str) -> bool:
    return any(d.drug == drug and d.time == time and d.mg > 0 for d in step.doses)
