"""Insights: ``GET /api/v1/insights`` answers ``benzotaper.insights.Insights.to_dict()`` for the person's
journal, as the Insights page and ``benzotaper insights`` show it (see docs/insights.md for the methods).

``today`` (optional) is the day to judge as of, in the person's own calendar: records after it are left
out. It may not be after the person's today (there is nothing to judge yet) nor before 1900. The schemas
below describe ``to_dict()`` exactly; ninja checks every answer against them, so the document stays true.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from benzotaper.insights import AlertSeverity, Direction, FindingSeverity, InterdoseStatus, SegmentKind
from benzotaper.web.api.common import ERRORS, FilterDay, Out, person, profile_of

if TYPE_CHECKING:
    from django.http import HttpRequest

router = Router(tags=["insights"])


class AsOf(Schema):
    today: FilterDay | None = Field(
        None, description="Judge as of this day (yours, in your time zone). Default: today."
    )


class BurdenOut(Out):
    """The daily burden (0-100) from ``start`` to ``end``: one value per day, null without a check-in."""

    start: dt.date
    end: dt.date
    baseline: float | None = Field(description="Your usual day; null before 14 days with a check-in.")
    observed_days: int
    noise: float = Field(
        description="Your day-to-day noise (burden points, a robust spread): every threshold scales with it."
    )
    items_rated: list[int] = Field(description="How many items were rated each day (0: no check-in).")
    values: list[float | None]
    smoothed: list[float | None] = Field(description="Centred 7-day mean; null where too few days.")


class SegmentOut(Out):
    kind: SegmentKind
    start: dt.date
    end: dt.date
    days: int
    mean_burden: float | None = Field(description="Mean burden of its days with a check-in.")
    observed_days: int
    baseline: float | None = Field(description="The usual day it was compared with; null before one.")
    threshold: float | None = Field(
        description="How far from the usual day counted as a window or wave (scaled by your noise)."
    )


class CutEffectOut(Out):
    date: dt.date
    pre_cut_burden: float | None
    rise_day: int | None
    peak_day: int | None
    peak_change: float | None
    wave_start: dt.date | None
    change_by_day: list[float | None] = Field(
        default_factory=list, description="This cut's own change, day 0 the cut; null without a check-in."
    )
    rise_threshold: float | None = Field(description="The change that counted as a rise for this cut.")


class CutResponseOut(Out):
    """The typical response to a cut (days after it, day 0 the cut) and how waves relate to cuts."""

    cuts: list[CutEffectOut]
    cuts_used: int
    change_by_day: list[float | None]
    cuts_by_day: list[int]
    rise_day: int | None
    peak_day: int | None
    peak_change: float | None
    settle_day: int | None
    onset_days: int
    waves_after_cut: int
    waves_on_their_own: int
    chance_share: float | None
    noise: float
    rise_threshold: float | None = Field(
        description="The change that counted as a typical rise; null with fewer than min_cuts cuts."
    )
    min_cuts: int = Field(description="How many cuts with a reference a typical response needs.")


class DurationTrendOut(Out):
    kind: Literal["window", "wave"]
    n: int
    mean_days: float | None
    slope: float | None = Field(description="Days of length per 30 days of history.")
    direction: Direction


class TrendOut(Out):
    improving: bool | None
    windows: DurationTrendOut
    waves: DurationTrendOut


class InterdoseOut(Out):
    status: InterdoseStatus
    reason: str
    days_compared: int
    difference: float | None
    dose_times: list[str]
    longest_gap_hours: float | None
    trough_share: float | None
    suggestion: str


class AlertOut(Out):
    """Most urgent first. ``crisis_lines`` are [name, number] pairs."""

    code: str
    severity: AlertSeverity
    message: str
    action: str
    emergency_number: str | None
    crisis_lines: list[list[str]]
    suggest_hold_days: int | None


class InteractionOut(Out):
    name: str
    code: str | None
    agent: str
    severity: FindingSeverity
    why: str
    ask: str
    affected: list[str]
    contraindicated: bool
    sources: list[str]
    figures: str = Field(description="The source's figures about this medicine and your benzodiazepine.")


class InsightsOut(Out):
    today: dt.date
    knowledge_version: str
    burden: BurdenOut
    segments: list[SegmentOut]
    current: SegmentOut | None
    cut_response: CutResponseOut
    trend: TrendOut
    interdose: InterdoseOut
    alerts: list[AlertOut]
    interactions: list[InteractionOut]


@router.get("", response={200: InsightsOut, **ERRORS}, summary="Read your insights")
def read_insights(request: HttpRequest, query: Query[AsOf]) -> InsightsOut:
    """Windows and waves, the response to cuts, the trend, alerts and interactions, from your journal."""
    from benzotaper.web.insights.analysis_cache import journal_and_insights

    user = person(request)
    profile = profile_of(request)
    latest = profile.today()
    if query.today is not None and query.today > latest:
        problem = f"today is after your today ({latest.isoformat()}): there is nothing to judge yet."
        raise ValidationError([{"type": "value_error", "loc": ["query", "today"], "msg": problem}])
    result = journal_and_insights(user, profile, query.today or latest)[1]
    return InsightsOut.model_validate(result.to_dict())
