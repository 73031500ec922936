"""Everything the insights page, ``GET /api/v1/insights`` and ``benzotaper insights`` show, in one call.

``to_dict()`` is JSON-ready: dates as ISO strings, burden points to one decimal, slopes and shares to two,
NaN as null.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from benzotaper.insights._alerts import Alert, alerts
from benzotaper.insights._burden import BurdenSeries, daily_burden
from benzotaper.insights._cuts import CutResponse, cut_dates, cut_response
from benzotaper.insights._interactions import InteractionFinding, check_interactions
from benzotaper.insights._interdose import InterdosePattern, TimedScore, interdose_pattern
from benzotaper.insights._segments import Segment, segments
from benzotaper.insights._trend import Trend, trend
from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord, in_journal_range
from benzotaper.records import Record, asdict

if TYPE_CHECKING:
    from benzotaper.planning import Plan


class Insights(Record):
    """The analysis of a person's journal as of ``today``; ``knowledge_version`` names the facts used."""

    today: dt.date
    knowledge_version: str
    burden: BurdenSeries
    segments: tuple[Segment, ...]
    cut_response: CutResponse
    trend: Trend
    interdose: InterdosePattern
    alerts: tuple[Alert, ...]
    interactions: tuple[InteractionFinding, ...]

    @property
    def current(self) -> Segment | None:
        """The segment today is in (the last one; ``no_data`` when the last check-ins are over a week
        old), or None for an empty history."""
        return self.segments[-1] if self.segments else None

    def to_dict(self) -> dict[str, Any]:
        """The insights as JSON-ready data (see the module docstring)."""
        burden = self.burden
        return {
            "today": self.today.isoformat(),
            "knowledge_version": self.knowledge_version,
            "burden": {
                "start": burden.start.isoformat(),
                "end": burden.end.isoformat(),
                "baseline": _round(burden.baseline, 1),
                "observed_days": burden.observed_days,
                "noise": _round(burden.noise, 1),
                "items_rated": [int(n) for n in burden.items_rated],
                "values": [_round(float(v), 1) for v in burden.values],
                "smoothed": [_round(float(v), 1) for v in burden.smoothed],
            },
            "segments": [_segment(s) for s in self.segments],
            "current": _segment(self.current) if self.current is not None else None,
            "cut_response": _cut_response(self.cut_response),
            "trend": {
                "improving": self.trend.improving,
                "windows": _rounded(asdict(self.trend.windows)),
                "waves": _rounded(asdict(self.trend.waves)),
            },
            "interdose": _rounded(asdict(self.interdose)),
            "alerts": [_rounded(asdict(a)) for a in self.alerts],
            "interactions": [_rounded(asdict(f)) for f in self.interactions],
        }


def insights(
    checkins: Sequence[CheckInRecord],
    doses: Sequence[DoseRecord],
    plan: Plan | None,
    medications: Sequence[MedicationRecord],
    country: str,
    today: dt.date,
    *,
    timed_scores: Sequence[TimedScore] = (),
) -> Insights:
    """The whole analysis as of ``today`` (records after it, and records dated before
    ``journal.EARLIEST_DAY``, a typo no front door accepts any more, are ignored).

    The burden runs from the first check-in to today. Cuts are the plan's reduction and stop steps up to
    today. Interactions check the medicines of kind "other" still taken today against the
    benzodiazepines (medicines of kind "benzodiazepine" still taken, the plan's drugs and the drugs of
    the last two weeks' doses).
    """
    from benzotaper.knowledge import load_knowledge

    past = [c for c in checkins if in_journal_range(c.date, today)]
    doses = [d for d in doses if in_journal_range(d.date, today)]
    first = min((c.date for c in past), default=today)
    series = daily_burden(past, first, today)
    found = segments(series)
    steps = plan.steps if plan is not None else ()
    response = cut_response(series, cut_dates(steps, until=today), segments=found)
    interdose = interdose_pattern(doses, timed_scores, today)
    current = [
        m
        for m in medications
        if (m.started is None or m.started <= today) and (m.stopped is None or m.stopped >= today)
    ]
    benzos = [m.name for m in current if m.kind == "benzodiazepine"]
    if plan is not None:
        benzos += [d.drug for d in plan.request.regimen]
        benzos += [plan.request.crossover_to] if plan.request.crossover_to else []
    benzos += [d.drug for d in doses if 0 <= (today - d.date).days < 14]
    others = [m.name for m in current if m.kind == "other"]
    return Insights(
        today=today,
        knowledge_version=load_knowledge().version,
        burden=series,
        segments=tuple(found),
        cut_response=response,
        trend=trend(found),
        interdose=interdose,
        alerts=tuple(alerts(past, steps, today, country, interdose=interdose, series=series)),
        interactions=tuple(check_interactions(others, list(dict.fromkeys(benzos)))),
    )


def _round(value: float | None, places: int) -> float | None:
    if value is None or math.isnan(value):
        return None
    if math.isinf(value):
        return None
    return round(value, places)


def _rounded(data: Any) -> Any:
    """Dates to ISO strings, floats to two decimals (NaN and infinity to null), tuples to lists."""
    if isinstance(data, dict):
        return {k: _rounded(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_rounded(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, float):
        return _round(data, 2)
    return data


def _segment(segment: Segment) -> dict[str, Any]:
    return {
        "kind": segment.kind,
        "start": segment.start.isoformat(),
        "end": segment.end.isoformat(),
        "days": segment.days,
        "mean_burden": _round(segment.mean_burden, 1),
        "observed_days": segment.observed_days,
        "baseline": _round(segment.baseline, 1),
        "threshold": _round(segment.threshold, 1),
    }


def _cut_response(response: CutResponse) -> dict[str, Any]:
    data: dict[str, Any] = _rounded(asdict(response))
    data["change_by_day"] = [_round(v, 1) for v in response.change_by_day]
    data["peak_change"] = _round(response.peak_change, 1)
    data["noise"] = _round(response.noise, 1)
    data["rise_threshold"] = _round(response.rise_threshold, 1)
    for cut, effect in zip(data["cuts"], response.cuts, strict=True):
        cut["pre_cut_burden"] = _round(effect.pre_cut_burden, 1)
        cut["peak_change"] = _round(effect.peak_change, 1)
        cut["rise_threshold"] = _round(effect.rise_threshold, 1)
    return data
