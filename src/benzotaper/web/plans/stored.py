"""The plan a SavedPlan holds, read back exactly from its stored JSON (never rebuilt: see
``planning.plan_from_dict``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benzotaper.planning import Plan, plan_from_dict

if TYPE_CHECKING:
    from benzotaper.web.journal.models import SavedPlan


def saved_plan(saved: SavedPlan) -> Plan:
    """The plan a ``SavedPlan`` holds (ValueError when its JSON cannot be read)."""
    return plan_from_dict(saved.plan_json, saved.plan_request())
