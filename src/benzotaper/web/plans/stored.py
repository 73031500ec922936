"""Saved plans: the plan a SavedPlan holds, read back exactly from its stored JSON (never rebuilt: see
``planning.plan_from_dict``), and the changes that replace it (a hold, a re-plan). The plan page and the
demo both change plans through these functions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction

from benzotaper.planning import Plan, hold_step, plan_from_dict

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from benzotaper.web.journal.models import SavedPlan


def saved_plan(saved: SavedPlan) -> Plan:
    """The plan a ``SavedPlan`` holds (ValueError when its JSON cannot be read)."""
    return plan_from_dict(saved.plan_json, saved.plan_request())


def store_replacing(user: AbstractBaseUser, saved: SavedPlan, plan: Plan, **change: Any) -> SavedPlan | None:
    """Store ``plan`` as the active plan in place of ``saved`` (which stays, superseded), with the change
    (``kind``, ``reason``, ``on``, ``details``) recorded; None when ``saved`` stopped being the active
    plan meanwhile (another tab changed it first)."""
    from benzotaper.web.journal.models import SavedPlan

    with transaction.atomic():
        rows = SavedPlan.objects.for_user(user).active().select_for_update().filter(pk=saved.pk)
        if not rows.exists():
            return None
        return SavedPlan.store(user, plan, name=saved.name, **change)


def hold_saved_plan(
    user: AbstractBaseUser, saved: SavedPlan, step: int, days: int, reason: str, on: dt.date
) -> SavedPlan | None:
    """Hold ``step`` of the stored plan ``days`` more days (later steps move later) and store the result
    as the new active plan of kind "hold"; None when ``saved`` is no longer active. Raises ``PlanError``
    for a step that cannot be held and ``ValueError`` for an unreadable stored plan."""
    held = hold_step(saved_plan(saved), step, days, reason)
    details = {"step": step, "days": days, "replaces": saved.pk}
    return store_replacing(user, saved, held, kind="hold", reason=reason, on=on, details=details)
