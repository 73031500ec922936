"""What a person keeps in the journal: medicines, saved plans and their changes, doses, check-ins.

Every model belongs to one person and is reached through ``Model.objects.for_user(user)`` (see
``benzotaper.web.records``). Editable records (``Versioned``) are saved with optimistic concurrency.
Each maps to and from the plain types of ``benzotaper.journal`` with ``to_record()`` and
``from_record()``, which is what the core (insights, charts, reports) reads.

Units: doses are ``Decimal`` mg of the named drug (4 decimal places), sleep is hours (2 places),
symptom severity 0-4, wellbeing 0-10. ``date`` fields are the person's local calendar days.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast, Lower

from benzotaper.journal import (
    DOSE_STATUSES,
    MEDICATION_KINDS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    SLEEP_HOURS_MAX,
    WELLBEING_MAX,
    WELLBEING_MIN,
    CheckInRecord,
    DoseRecord,
    Event,
    MedicationRecord,
    SymptomScore,
)
from benzotaper.web.erasure import forget_when_an_account_is_deleted
from benzotaper.web.records import PersonalQuerySet, Versioned

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from benzotaper.planning import Plan, PlanRequest

# The knowledge data's times of day (benzotaper.knowledge.TIMES_OF_DAY), written out so that
# migrations do not depend on the knowledge package; tests/web/test_models_match_knowledge.py checks.
TIMES_OF_DAY = ("morning", "midday", "afternoon", "evening", "night")
TIME_OF_DAY_CHOICES = [(time, time.capitalize()) for time in TIMES_OF_DAY]


def _choices(values: Iterable[str]) -> list[tuple[str, str]]:
    return [(value, value.replace("_", " ").capitalize()) for value in values]


def _plain(value: Decimal | None) -> Decimal | None:
    """0.5000 -> 0.5 and 2.0000 -> 2 (the database pads to its decimal places)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class Medication(Versioned):
    """A medicine or supplement the person takes or took (see ``benzotaper.journal.MedicationRecord``).

    ``kind`` "benzodiazepine" is a drug being tapered (a benzodiazepine or z-drug), with its
    ``dose_text`` an amount like "0.5mg" taken at ``time_of_day``; the Start page builds the plan's
    regimen from these. Other medicines keep the dose as written and may have no time.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medications")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=_choices(MEDICATION_KINDS), default="other")
    dose_text = models.CharField(max_length=100, blank=True)
    time_of_day = models.CharField(max_length=10, choices=TIME_OF_DAY_CHOICES, blank=True)
    started = models.DateField(null=True, blank=True)
    stopped = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalQuerySet["Medication"].as_manager()

    class Meta:
        ordering = ("kind", "name", "time_of_day")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=MEDICATION_KINDS), name="journal_medication_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(time_of_day__in=("", *TIMES_OF_DAY)), name="journal_medication_time_known"
            ),
            models.CheckConstraint(
                condition=Q(started__isnull=True)
                | Q(stopped__isnull=True)
                | Q(stopped__gte=models.F("started")),
                name="journal_medication_stops_after_start",
            ),
        )

    def __str__(self) -> str:
        return self.name

    def to_record(self) -> MedicationRecord:
        return MedicationRecord(
            name=self.name,
            kind=self.kind,  # type: ignore[arg-type]  # held to MEDICATION_KINDS by a constraint
            dose_text=self.dose_text,
            time=self.time_of_day,
            started=self.started,
            stopped=self.stopped,
            notes=self.notes,
        )

    @classmethod
    def from_record(cls, user: AbstractBaseUser, record: MedicationRecord) -> Medication:
        """An unsaved row for ``user`` with the record's values."""
        return cls(
            user_id=user.pk,
            name=record.name,
            kind=record.kind,
            dose_text=record.dose_text,
            time_of_day=record.time,
            started=record.started,
            stopped=record.stopped,
            notes=record.notes,
        )


class SavedPlanQuerySet(PersonalQuerySet["SavedPlan"]):
    def active(self) -> Self:
        """The plan being followed (at most one per person): ``for_user(u).active().first()``."""
        return self.filter(status="active")

    def as_texts(self) -> Self:
        """The stored JSON as the database's text, not decoded, for ``plan()`` to read: a plan whose
        text was read before in this process is not decoded again (``_plan_of_texts``). Reading
        ``plan_json`` or ``request_json`` of such a row still works (Django reads the field then)."""
        return self.defer("plan_json", "request_json").annotate(
            plan_text=Cast("plan_json", models.TextField()),
            request_text=Cast("request_json", models.TextField()),
        )


@functools.lru_cache(maxsize=64)
def _request_of_text(text: str) -> PlanRequest:
    from benzotaper.planning import request_from_dict

    return request_from_dict(json.loads(text))


@functools.lru_cache(maxsize=64)
def _plan_of_texts(plan_text: str, request_text: str) -> Plan:
    """The plan stored as these texts. Kept by the texts themselves (a plan is a pure function of
    them and immutable), so Today, the plan page and the builder do not decode and read the same
    30 kB of JSON on every request; an edited row has other texts. Unreadable: ValueError, not kept.
    Dropped when an account is deleted (``_forget_read_plans``)."""
    from benzotaper.planning import plan_from_dict

    return plan_from_dict(json.loads(plan_text), _request_of_text(request_text))


# The plans kept above are people's plans, in this process's memory only (docs/security.md).
forget_when_an_account_is_deleted(_plan_of_texts.cache_clear, _request_of_text.cache_clear)


class SavedPlan(models.Model):
    """A plan the person saved. A re-plan or hold saves a new one that ``replaces`` the old, which is
    kept as "superseded": a plan is never overwritten, so the history shows every version.

    ``request_json`` is the ``PlanRequest`` (``planning.request_to_dict``) to rebuild the plan from;
    ``plan_json`` is ``planning.plan_to_dict`` output, the plan exactly as shown when saved.
    At most one plan per person is "active".
    """

    STATUSES = ("active", "superseded")
    owner_path: ClassVar[str] = "user"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans")
    created_at = models.DateTimeField(auto_now_add=True)
    name = models.CharField(max_length=200, blank=True)
    request_json = models.JSONField()
    plan_json = models.JSONField()
    knowledge_version = models.CharField(max_length=100)
    status = models.CharField(max_length=12, choices=_choices(STATUSES), default="active")
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    reason = models.TextField(blank=True)

    objects = SavedPlanQuerySet.as_manager()
    _plan: Plan | None = None  # what plan() read, kept on the instance

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=("active", "superseded")), name="journal_plan_status"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="active"), name="journal_one_active_plan_per_user"
            ),
        )

    def __str__(self) -> str:
        return self.name or f"plan of {self.created_at:%Y-%m-%d}"

    @classmethod
    def store(
        cls,
        user: AbstractBaseUser,
        plan: Plan,
        *,
        name: str = "",
        reason: str = "",
        kind: str = "created",
        details: dict[str, Any] | None = None,
        on: dt.date | None = None,
        supply_days: int = 28,
    ) -> SavedPlan:
        """Save ``plan`` as the person's active plan; the previous active one becomes superseded and
        is linked as ``replaces``. A ``PlanChange`` of ``kind`` (created, hold or replan) records
        why and from which day (``on``, by default the plan's first day)."""
        from benzotaper.planning import plan_to_dict, request_to_dict

        with transaction.atomic():
            previous = cls.objects.for_user(user).active().select_for_update().first()
            if previous is not None:
                previous.status = "superseded"
                previous.save(update_fields=["status"])
            saved = cls.objects.create(
                user_id=user.pk,
                name=name,
                request_json=request_to_dict(plan.request),
                plan_json=plan_to_dict(plan, supply_days),
                knowledge_version=plan.knowledge_version,
                replaces=previous,
                reason=reason,
            )
            PlanChange.objects.create(
                user_id=user.pk,
                plan=saved,
                date=on or plan.steps[0].start,
                kind=kind,
                reason=reason,
                details_json=details or {},
            )
        return saved

    def plan_request(self) -> PlanRequest:
        """The request the plan was made from, to make it again or re-plan from it."""
        from benzotaper.planning import request_from_dict

        text = getattr(self, "request_text", None)  # read by ``as_texts``
        return _request_of_text(text) if text is not None else request_from_dict(self.request_json)

    def plan(self) -> Plan:
        """The plan as saved: the one way the app reads a saved plan (pages, API, insights, reports,
        exports all work on this ``Plan`` and its methods, never on ``plan_json`` by key).

        Read back exactly from ``plan_json`` (``planning.plan_from_dict``), never made again from the
        request, so no change of the knowledge data or the planner moves a dose the person agreed. Read
        once per instance (a saved plan is never overwritten). ValueError when it cannot be read."""
        if self._plan is None:
            from benzotaper.planning import plan_from_dict

            texts = getattr(self, "plan_text", None), getattr(self, "request_text", None)
            if texts[0] is not None and texts[1] is not None:
                self._plan = _plan_of_texts(texts[0], texts[1])
            else:
                self._plan = plan_from_dict(self.plan_json, self.plan_request())
        return self._plan

    def readable_plan(self) -> Plan | None:
        """``plan()``, or None when the stored plan cannot be read (a page then shows no plan rather
        than an error; changing the plan uses ``plan()`` and says why it cannot)."""
        try:
            return self.plan()
        except ValueError:
            return None


class PlanChange(models.Model):
    """A dated, explained change to the person's plan: made, held, or re-planned."""

    KINDS = ("created", "hold", "replan")
    owner_path: ClassVar[str] = "user"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_changes")
    plan = models.ForeignKey(SavedPlan, on_delete=models.CASCADE, related_name="changes")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=_choices(KINDS))
    reason = models.TextField(blank=True)
    details_json = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalQuerySet["PlanChange"].as_manager()

    class Meta:
        ordering = ("-date", "-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=("created", "hold", "replan")), name="journal_change_kind"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} on {self.date}"


class DoseTaken(Versioned):
    """One dose on one day as it was really taken (see ``benzotaper.journal.DoseRecord``).

    ``planned_mg`` is None for a dose not in the plan; ``taken_mg`` is None exactly when skipped.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="doses")
    date = models.DateField()
    time_of_day = models.CharField(max_length=10, choices=TIME_OF_DAY_CHOICES)
    drug = models.CharField(max_length=100)
    planned_mg = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    taken_mg = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    status = models.CharField(max_length=12, choices=_choices(DOSE_STATUSES))
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalQuerySet["DoseTaken"].as_manager()

    class Meta:
        ordering = ("-date", "time_of_day", "drug")
        constraints = (
            models.UniqueConstraint(
                fields=["user", "date", "time_of_day", "drug"], name="journal_one_dose_entry"
            ),
            models.CheckConstraint(condition=Q(status__in=DOSE_STATUSES), name="journal_dose_status"),
            models.CheckConstraint(condition=Q(time_of_day__in=TIMES_OF_DAY), name="journal_dose_time"),
            models.CheckConstraint(
                condition=Q(status="skipped", taken_mg__isnull=True)
                | (~Q(status="skipped") & Q(taken_mg__isnull=False)),
                name="journal_dose_skipped_has_no_amount",
            ),
            models.CheckConstraint(
                condition=Q(taken_mg__isnull=True) | Q(taken_mg__gte=0),
                name="journal_dose_taken_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(planned_mg__isnull=True) | Q(planned_mg__gte=0),
                name="journal_dose_planned_not_negative",
            ),
        )
        indexes = (models.Index(fields=["user", "date"], name="journal_dose_user_date"),)

    def __str__(self) -> str:
        return f"{self.drug} {self.time_of_day} {self.date}"

    def to_record(self) -> DoseRecord:
        return DoseRecord(
            date=self.date,
            time=self.time_of_day,
            drug=self.drug,
            planned_mg=_plain(self.planned_mg),
            taken_mg=_plain(self.taken_mg),
            status=self.status,  # type: ignore[arg-type]  # held to DOSE_STATUSES by a constraint
            note=self.note,
        )

    @classmethod
    def from_record(cls, user: AbstractBaseUser, record: DoseRecord) -> DoseTaken:
        """An unsaved row for ``user`` with the record's values."""
        return cls(
            user_id=user.pk,
            date=record.date,
            time_of_day=record.time,
            drug=record.drug,
            planned_mg=record.planned_mg,
            taken_mg=record.taken_mg,
            status=record.status,
            note=record.note,
        )


class CustomSymptom(models.Model):
    """A symptom the person added to their own checklist; it stays on it day after day while
    ``active``. Switching it off keeps the past ratings (a symptom with ratings is never deleted)."""

    owner_path: ClassVar[str] = "user"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="custom_symptoms"
    )
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalQuerySet["CustomSymptom"].as_manager()

    class Meta:
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(Lower("name"), "user", name="journal_custom_symptom_unique_name"),
        )

    def __str__(self) -> str:
        return self.name


class CheckIn(Versioned):
    """A day's check-in (see ``benzotaper.journal.CheckInRecord``); one per person and day.

    ``events`` is a list of ``{"kind": illness|stress|new_medicine|other, "text": ...}``;
    ``red_flags`` the codes of the knowledge data's red flags answered yes. Its symptom ratings are
    ``ratings`` (``SymptomRating``). Any answer may be left empty: a check-in can be partial.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField()
    wellbeing = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(WELLBEING_MIN), MaxValueValidator(WELLBEING_MAX)]
    )
    sleep_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(SLEEP_HOURS_MAX)],
    )
    notes = models.TextField(blank=True)
    events = models.JSONField(default=list, blank=True)
    red_flags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Its answer in the API, as JSON text, kept with every write (web/journal/kept_answers.py).
    answer = models.TextField(default="", editable=False)

    objects = PersonalQuerySet["CheckIn"].as_manager()

    class Meta:
        ordering = ("-date",)
        constraints = (
            models.UniqueConstraint(fields=["user", "date"], name="journal_one_checkin_per_day"),
            models.CheckConstraint(
                condition=Q(wellbeing__isnull=True)
                | Q(wellbeing__gte=WELLBEING_MIN, wellbeing__lte=WELLBEING_MAX),
                name="journal_checkin_wellbeing_range",
            ),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True)
                | Q(sleep_hours__gte=0, sleep_hours__lte=SLEEP_HOURS_MAX),
                name="journal_checkin_sleep_range",
            ),
        )

    def __str__(self) -> str:
        return f"check-in {self.date}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save it and keep its answer in the API, in one transaction."""
        with transaction.atomic(using=kwargs.get("using") or self._state.db):
            super().save(*args, **kwargs)
            self._keep_answer()

    def _keep_answer(self) -> None:
        from benzotaper.web.journal.kept_answers import keep_answers  # it reads these models

        keep_answers(self.user, CheckIn.objects.filter(pk=self.pk))

    def to_record(self, symptoms: Iterable[SymptomScore] | None = None) -> CheckInRecord:
        """The check-in with its ratings: ``symptoms`` when read already (``journal.scores``, for many
        check-ins), else read here (prefetch ``ratings__custom`` when reading many)."""
        if symptoms is None:
            symptoms = (rating.to_score() for rating in self.ratings.all())
        return CheckInRecord(
            date=self.date,
            wellbeing=self.wellbeing,
            sleep_hours=_plain(self.sleep_hours),
            notes=self.notes,
            symptoms=tuple(symptoms),
            events=tuple(Event(kind=e["kind"], text=e.get("text", "")) for e in self.events),
            red_flags=tuple(self.red_flags),
        )

    @classmethod
    def from_record(cls, user: AbstractBaseUser, record: CheckInRecord) -> CheckIn:
        """An unsaved check-in for ``user`` with the record's answers; after saving it, store the
        symptom scores with ``set_scores(record.symptoms)``."""
        return cls(
            user_id=user.pk,
            date=record.date,
            wellbeing=record.wellbeing,
            sleep_hours=record.sleep_hours,
            notes=record.notes,
            events=[{"kind": e.kind, "text": e.text} for e in record.events],
            red_flags=list(record.red_flags),
        )

    def set_scores(self, scores: Iterable[SymptomScore]) -> None:
        """Replace this check-in's ratings. A custom symptom is found by name (any case) among the
        person's own symptoms, and added to them when new. Call inside the transaction that saved
        the check-in, so a stale save (StaleEditError) leaves the ratings alone too."""
        user = self.user
        with transaction.atomic():
            self.ratings.all().delete()
            rows = []
            for score in scores:
                rating = SymptomRating(checkin=self, severity=score.severity)
                if score.custom:
                    symptom = CustomSymptom.objects.for_user(user).filter(name__iexact=score.symptom).first()
                    if symptom is None:
                        symptom = CustomSymptom.objects.create(user=user, name=score.symptom)
                    rating.custom = symptom
                else:
                    rating.code = score.symptom
                rows.append(rating)
            SymptomRating.objects.bulk_create(rows)
            self._keep_answer()


class SymptomRating(models.Model):
    """How strong one symptom was in a check-in, 0-4: a checklist item (``code``, from the knowledge
    data) or one of the person's own symptoms (``custom``), never both."""

    owner_path: ClassVar[str] = "checkin__user"

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="ratings")
    code = models.CharField(max_length=64, blank=True)
    custom = models.ForeignKey(
        CustomSymptom, on_delete=models.RESTRICT, null=True, blank=True, related_name="ratings"
    )
    severity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SEVERITY_MIN), MaxValueValidator(SEVERITY_MAX)]
    )

    objects = PersonalQuerySet["SymptomRating"].as_manager()

    class Meta:
        ordering = ("id",)  # the order they were given in: the checklist's order
        constraints = (
            models.CheckConstraint(
                condition=Q(severity__gte=SEVERITY_MIN, severity__lte=SEVERITY_MAX),
                name="journal_rating_severity",
            ),
            models.CheckConstraint(
                condition=(Q(code="") & Q(custom__isnull=False)) | (~Q(code="") & Q(custom__isnull=True)),
                name="journal_rating_code_or_custom",
            ),
            models.UniqueConstraint(
                fields=["checkin", "code"], condition=~Q(code=""), name="journal_rating_code_once"
            ),
            models.UniqueConstraint(
                fields=["checkin", "custom"],
                condition=Q(custom__isnull=False),
                name="journal_rating_custom_once",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code or self.custom} {self.severity}"

    def to_score(self) -> SymptomScore:
        if self.custom is not None:
            return SymptomScore(symptom=self.custom.name, severity=self.severity, custom=True)
        return SymptomScore(symptom=self.code, severity=self.severity)


class SymptomShortList(models.Model):
    """The checklist items a person chose to rate first on their check-in (``codes``, knowledge data
    codes in any order). Until they choose, the short list is the items they rated recently (see
    ``benzotaper.web.journal.short_list``); every other item stays one tap away."""

    owner_path: ClassVar[str] = "user"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="symptom_short_list"
    )
    codes = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonalQuerySet["SymptomShortList"].as_manager()

    def __str__(self) -> str:
        return f"short list of {len(self.codes)} items"

    @classmethod
    def choose(cls, user: AbstractBaseUser, codes: list[str]) -> SymptomShortList:
        """Keep ``codes`` as ``user``'s chosen short list."""
        row, _ = cls.objects.update_or_create(user_id=user.pk, defaults={"codes": codes})
        return row
