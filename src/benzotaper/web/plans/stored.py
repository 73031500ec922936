"""Saved plans: the changes that replace one (a hold, a re-plan), made to the plan as stored
(``SavedPlan.plan()``, never rebuilt). The plan page and the demo both change plans through these
functions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction

from benzotaper.planning import Plan, hold_step

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from benzotaper.web.journal.models import SavedPlan


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
    held = hold_step(saved.plan(), step, days, reason)
    details = {"step": step, "days": days, "replaces": saved.pk}
    return store_replacing(user, saved, held, kind="hold", reason=reason, on=on, details=details)
