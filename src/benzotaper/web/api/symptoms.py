"""The symptom checklist: ``GET /api/v1/symptoms`` lists the codes a check-in's ``symptoms`` accept
(each with its words, group and question), the 0-4 scale and the red flags' codes. A check-in naming a
code not on the list answers 422 and points here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ninja import Router, Schema

from benzotaper.knowledge import load_red_flags, load_symptoms
from benzotaper.web.api.common import ERRORS

if TYPE_CHECKING:
    from django.http import HttpRequest

router = Router(tags=["symptoms"])
WHERE = "GET /api/v1/symptoms lists the codes"


class ScalePointOut(Schema):
    value: int
    label: str


class SymptomItemOut(Schema):
    code: str
    label: str
    group: str
    group_label: str
    question: str


class RedFlagOut(Schema):
    code: str
    question: str


class ChecklistOut(Schema):
    """``symptoms`` in the check-in's order; rate each 0-4 on ``scale``, or leave it out (not rated)."""

    knowledge_version: str
    timeframe: str
    scale: list[ScalePointOut]
    symptoms: list[SymptomItemOut]
    red_flags: list[RedFlagOut]


@router.get("", response={200: ChecklistOut, **ERRORS}, summary="List the symptom codes")
def list_symptoms(request: HttpRequest) -> ChecklistOut:
    """The checklist a check-in rates: only the items you rate are stored."""
    from benzotaper.knowledge import load_knowledge

    checklist = load_symptoms()
    groups = {group.code: group.label for group in checklist.groups}
    return ChecklistOut(
        knowledge_version=load_knowledge().version,
        timeframe=checklist.timeframe,
        scale=[ScalePointOut(value=p.value, label=p.label) for p in checklist.scale.points],
        symptoms=[
            SymptomItemOut(
                code=item.code,
                label=item.label,
                group=item.group,
                group_label=groups[item.group],
                question=item.question,
            )
            for item in checklist.rated_items
        ],
        red_flags=[RedFlagOut(code=f.code, question=f.question) for f in load_red_flags().emergency_signs],
    )
