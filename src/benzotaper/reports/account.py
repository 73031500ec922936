"""Everything one person keeps in the app, as plain values: what the exports and the report read.

The web app gathers an ``Account`` from its models (``benzotaper.web.sharing.gather``) and restores one
from a backup; the core formats never see the database. Journal entries are the types of
``benzotaper.journal``; what the journal module has no type for (the profile, saved plans and their
changes, the person's own symptom list) is defined here.

Saved plans keep the JSON the app stored (``planning.request_to_dict`` and ``planning.plan_to_dict``)
so that a backup restores them exactly; ``SavedPlanRecord.plan()`` reads one back as a
``planning.Plan`` through the planner's public API, the one way plans are read.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord
from benzotaper.planning import RiskFactors
from benzotaper.records import Record, field

if TYPE_CHECKING:
    from benzotaper.planning import Plan

PLAN_STATUSES = ("active", "superseded")
CHANGE_KINDS = ("created", "hold", "replan")


class ProfileRecord(Record):
    """Where the person is and what they declared for the planner."""

    time_zone: str = "UTC"
    country: str = "US"
    risk: RiskFactors = field(default_factory=RiskFactors)


class PlanChangeRecord(Record):
    """A dated, explained change to a plan: made (``created``), held (``hold``) or re-planned."""

    date: dt.date
    kind: str
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    created_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.kind not in CHANGE_KINDS:
            raise ValueError(f"plan change kind {self.kind!r} is not one of {', '.join(CHANGE_KINDS)}")


class SavedPlanRecord(Record):
    """A saved plan. ``key`` numbers the plans of one account (1 = the first saved) so that
    ``replaces`` can name the plan this one replaced."""

    key: int
    created_at: dt.datetime
    request: dict[str, Any]
    plan_json: dict[str, Any]
    knowledge_version: str
    status: str = "active"
    name: str = ""
    reason: str = ""
    replaces: int | None = None
    changes: tuple[PlanChangeRecord, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in PLAN_STATUSES:
            raise ValueError(f"plan status {self.status!r} is not one of {', '.join(PLAN_STATUSES)}")

    def plan(self) -> Plan:
        """The plan as the planner's ``Plan`` (ValueError when the stored form cannot be read)."""
        from benzotaper.planning import plan_from_dict, request_from_dict

        return plan_from_dict(self.plan_json, request_from_dict(self.request))


class CustomSymptomRecord(Record):
    """A symptom the person added to their checklist; ``active`` while it is still on it."""

    name: str
    active: bool = True


class Account(Record):
    """One person's data, oldest first. Plans are in the order they were saved."""

    profile: ProfileRecord = field(default_factory=ProfileRecord)
    medications: tuple[MedicationRecord, ...] = ()
    custom_symptoms: tuple[CustomSymptomRecord, ...] = ()
    plans: tuple[SavedPlanRecord, ...] = ()
    doses: tuple[DoseRecord, ...] = ()
    checkins: tuple[CheckInRecord, ...] = ()

    @property
    def active_plan(self) -> SavedPlanRecord | None:
        return next((p for p in self.plans if p.status == "active"), None)

    def readable_active_plan(self) -> tuple[SavedPlanRecord, Plan] | tuple[None, None]:
        """The active plan and its ``Plan``; (None, None) without one or when its stored form cannot be
        read (the exports and the report then go on without it, as the Insights do)."""
        saved = self.active_plan
        if saved is None:
            return None, None
        try:
            return saved, saved.plan()
        except ValueError:
            return None, None

    @property
    def is_empty(self) -> bool:
        """Nothing entered: no medicine, symptom, plan, dose or check-in (the profile always exists)."""
        return not (self.medications or self.custom_symptoms or self.plans or self.doses or self.checkins)
