"""A person's data as ``reports.Account``, and an account restored from a backup.

Reading goes through the same per-person queries as the Insights (``insights.data.journal_of``: check-ins,
doses and medicines as ``benzotaper.journal`` records) plus the saved plans with their changes, the
person's own symptoms and the profile. ``restore`` writes a backup into an empty account, all in one
transaction: any problem leaves the account as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from benzotaper.records import asdict
from benzotaper.reports.account import (
    Account,
    CustomSymptomRecord,
    PlanChangeRecord,
    ProfileRecord,
    SavedPlanRecord,
)
from benzotaper.reports.backup import BackupError
from benzotaper.web.accounts.models import Profile
from benzotaper.web.insights.data import journal_of
from benzotaper.web.journal.kept_answers import keep_answers
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
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User

    Person = AbstractBaseUser | AnonymousUser


class AccountNotEmptyError(ValueError):
    """A backup is restored only into an account with nothing in it."""


def account_of(user: Person, *, profile: Profile | None = None) -> Account:
    """Everything the person entered, oldest first (``profile``: the person's, when the caller has it)."""
    profile = profile or Profile.of(user)
    journal = journal_of(user, dt.date.max, profile=profile)
    return Account(
        profile=ProfileRecord(profile.time_zone, profile.country, profile.risk_factors()),
        medications=journal.medications,
        custom_symptoms=tuple(
            CustomSymptomRecord(row.name, row.active)
            for row in CustomSymptom.objects.for_user(user).order_by("created_at", "id")
        ),
        plans=saved_plans(user),
        doses=journal.doses,
        checkins=journal.checkins,
    )


def saved_plans(user: Person) -> tuple[SavedPlanRecord, ...]:
    """Every saved plan in the order saved, numbered from 1, with its changes."""
    rows = list(SavedPlan.objects.for_user(user).order_by("created_at", "id").prefetch_related("changes"))
    keys = {row.pk: number for number, row in enumerate(rows, 1)}
    return tuple(
        SavedPlanRecord(
            key=keys[row.pk],
            created_at=row.created_at,
            request=row.request_json,
            plan_json=row.plan_json,
            knowledge_version=row.knowledge_version,
            status=row.status,
            name=row.name,
            reason=row.reason,
            replaces=keys.get(row.replaces_id) if row.replaces_id is not None else None,
            changes=tuple(
                PlanChangeRecord(c.date, c.kind, c.reason, c.details_json, c.created_at)
                for c in sorted(row.changes.all(), key=lambda c: (c.created_at, c.pk))
            ),
        )
        for row in rows
    )


def has_data(user: Person) -> bool:
    """Whether the person entered anything (a medicine, symptom, plan, dose or check-in)."""
    return any(
        model.objects.for_user(user).exists()
        for model in (Medication, CustomSymptom, SavedPlan, DoseTaken, CheckIn)
    )


def restore(user: User, account: Account) -> None:
    """Write ``account`` into the person's empty account exactly (``AccountNotEmptyError`` otherwise).

    What only the database can check (one check-in a day, one entry per dose, the profile's time zone)
    ends as ``BackupError``, with nothing written."""
    try:
        _restore(user, account)
    except (IntegrityError, ValidationError) as error:
        # The database's own words, first line only (PostgreSQL adds the whole failing row after it).
        problem = " ".join(getattr(error, "messages", [str(error).splitlines()[0]]))
        raise BackupError(
            f"The backup holds something this journal cannot keep ({problem}). Nothing was imported."
        ) from None


def _restore(user: User, account: Account) -> None:
    with transaction.atomic():
        if has_data(user):
            raise AccountNotEmptyError(
                "This account already has data; a backup is restored only into an empty account. "
                "Make a new account and import it there."
            )
        profile = Profile.of(user)
        profile.time_zone, profile.country = account.profile.time_zone, account.profile.country
        for name, value in asdict(account.profile.risk).items():  # the profile has a field per risk factor
            setattr(profile, name, value)
        profile.full_clean(exclude=["user"])
        profile.save()
        Medication.objects.for_user(user).bulk_create(
            [Medication.from_record(user, m) for m in account.medications]
        )
        own = {
            s.name.lower(): CustomSymptom(user=user, name=s.name, active=s.active)
            for s in account.custom_symptoms
        }
        for checkin in account.checkins:
            for score in checkin.symptoms:
                if score.custom and score.symptom.lower() not in own:
                    own[score.symptom.lower()] = CustomSymptom(user=user, name=score.symptom)
        CustomSymptom.objects.for_user(user).bulk_create(list(own.values()))
        _restore_plans(user, account.plans)
        DoseTaken.objects.for_user(user).bulk_create([DoseTaken.from_record(user, d) for d in account.doses])
        checkins = CheckIn.objects.for_user(user).bulk_create(
            [CheckIn.from_record(user, c) for c in account.checkins]
        )
        SymptomRating.objects.for_user(user).bulk_create(
            SymptomRating(
                checkin=row,
                severity=score.severity,
                code="" if score.custom else score.symptom,
                custom=own[score.symptom.lower()] if score.custom else None,
            )
            for row, record in zip(checkins, account.checkins, strict=True)
            for score in record.symptoms
        )
        keep_answers(user, CheckIn.objects.for_user(user))


def _restore_plans(user: User, plans: tuple[SavedPlanRecord, ...]) -> None:
    by_key: dict[int, SavedPlan] = {}
    for plan in plans:
        row = SavedPlan.objects.for_user(user).create(
            user=user,
            name=plan.name,
            request_json=plan.request,
            plan_json=plan.plan_json,
            knowledge_version=plan.knowledge_version,
            status=plan.status,
            replaces=by_key.get(plan.replaces) if plan.replaces is not None else None,
            reason=plan.reason,
        )
        # created_at is set on insert; the backup's own time is what the history shows.
        SavedPlan.objects.for_user(user).filter(pk=row.pk).update(created_at=plan.created_at)
        by_key[plan.key] = row
        for change in plan.changes:
            made = PlanChange.objects.for_user(user).create(
                user=user,
                plan=row,
                date=change.date,
                kind=change.kind,
                reason=change.reason,
                details_json=change.details,
            )
            if change.created_at is not None:
                PlanChange.objects.for_user(user).filter(pk=made.pk).update(created_at=change.created_at)
