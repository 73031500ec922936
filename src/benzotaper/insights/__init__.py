"""Insights from a person's journal: windows and waves, the response to cuts, alerts, interactions and
illustrative blood-level curves. A pure core: plain journal and plan types in, plain results out; numpy is
imported inside the functions that use it, so importing this package costs nothing at start-up::

    from benzotaper.insights import insights

    result = insights(checkins, doses, plan, medications, country="UK", today=dt.date(2027, 3, 1))
    result.segments        # windows, waves, neutral and no-data periods covering the history
    result.alerts          # red flags first (with the emergency number), then signs of a too-fast taper
    result.to_dict()       # JSON-ready, as GET /api/v1/insights and `benzotaper insights` return it

The burden is 0-100: the mean severity (0-4) of the items rated that day, times 25. Analysis parameters
(penalties, smoothing, minimum lengths) are named constants with their reasons in the private modules;
every clinical figure comes from the knowledge data. docs/insights.md explains the methods and their
measured accuracy.
"""

from benzotaper.insights._alerts import (
    ALERT_SEVERITIES,
    END_EARLIER_DAYS,
    END_RECENT_DAYS,
    Alert,
    AlertSeverity,
    alerts,
)
from benzotaper.insights._burden import BASELINE_MIN_DAYS, BurdenSeries, daily_burden
from benzotaper.insights._cuts import (
    PRE_CUT_DAYS,
    CutEffect,
    CutResponse,
    cut_dates,
    cut_response,
    onset_days,
)
from benzotaper.insights._interactions import FindingSeverity, InteractionFinding, check_interactions
from benzotaper.insights._interdose import InterdosePattern, InterdoseStatus, TimedScore, interdose_pattern
from benzotaper.insights._pk import NoPkDataError, PkCurve, PkParameters, blood_level_curve, pk_parameters
from benzotaper.insights._segments import SEGMENT_KINDS, Segment, SegmentKind, changepoints, segments
from benzotaper.insights._summary import Insights, insights
from benzotaper.insights._trend import Direction, DurationTrend, Trend, trend

__all__ = [
    "ALERT_SEVERITIES",
    "BASELINE_MIN_DAYS",
    "END_EARLIER_DAYS",
    "END_RECENT_DAYS",
    "PRE_CUT_DAYS",
    "SEGMENT_KINDS",
    "Alert",
    "AlertSeverity",
    "BurdenSeries",
    "CutEffect",
    "CutResponse",
    "Direction",
    "DurationTrend",
    "FindingSeverity",
    "Insights",
    "InteractionFinding",
    "InterdosePattern",
    "InterdoseStatus",
    "NoPkDataError",
    "PkCurve",
    "PkParameters",
    "Segment",
    "SegmentKind",
    "TimedScore",
    "Trend",
    "alerts",
    "blood_level_curve",
    "changepoints",
    "check_interactions",
    "cut_dates",
    "cut_response",
    "daily_burden",
    "insights",
    "interdose_pattern",
    "onset_days",
    "pk_parameters",
    "segments",
    "trend",
]
