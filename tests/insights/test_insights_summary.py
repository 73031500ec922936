"""The one-call summary, and its JSON form for the API and the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import numpy as np
from synthetic_histories import START, checkins, history

from benzotaper.insights import insights
from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord
from benzotaper.knowledge import load_knowledge
from benzotaper.planning import Dose, PlanRequest, make_plan

ALICE_PLAN = make_plan(
    PlanRequest(
        regimen=(Dose("alprazolam", "morning", Decimal("0.5")),), start=START, crossover_to="diazepam"
    )
)
ALICE_MEDICINES = [
    MedicationRecord("Xanax", kind="benzodiazepine"),
    MedicationRecord("Tramadol 50mg"),
    MedicationRecord("warfarin"),
    MedicationRecord("omeprazole", stopped=START),  # no longer taken
]


def alice_insights(today: dt.date) -> dict[str, object]:
    days = (today - START).days + 1
    journal = checkins(history(days, seed=5).values)
    journal.append(CheckInRecord(today + dt.timedelta(days=3), red_flags=("seizure",)))  # after today
    doses = [DoseRecord(today, "morning", "alprazolam", Decimal("0.5"), Decimal("0.5"), "as_planned")]
    return insights(journal, doses, ALICE_PLAN, ALICE_MEDICINES, "UK", today).to_dict()


def test_the_summary_is_plain_json_with_iso_dates_and_no_nan() -> None:
    today = START + dt.timedelta(days=200)
    data = alice_insights(today)
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert data["today"] == today.isoformat()
    assert data["knowledge_version"] == load_knowledge().version
    burden = data["burden"]
    assert (
        isinstance(burden, dict)
        and burden["start"] == START.isoformat()
        and burden["end"] == today.isoformat()
    )
    assert len(burden["values"]) == 201


def test_it_bundles_segments_cut_response_trend_alerts_and_interactions() -> None:
    data = alice_insights(START + dt.timedelta(days=200))
    segments = data["segments"]
    assert isinstance(segments, list) and {s["kind"] for s in segments} >= {"window", "wave"}
    assert data["current"] == segments[-1]
    response = data["cut_response"]
    assert isinstance(response, dict) and response["onset_days"] == 7 and len(response["change_by_day"]) == 22
    assert {"windows", "waves", "improving"} <= set(data["trend"])  # type: ignore[arg-type]
    assert data["interdose"]["status"] == "not_enough_data"  # type: ignore[index]
    alerts = data["alerts"]
    assert isinstance(alerts, list) and "seizure" not in {a["code"] for a in alerts}  # it is after today
    found = {(f["name"], f["severity"]) for f in data["interactions"]}  # type: ignore[union-attr]
    assert found == {("Tramadol 50mg", "major"), ("warfarin", "none")}


def test_an_empty_journal_still_gives_an_answer() -> None:
    result = insights([], [], None, [], "US", START)
    assert [(s.kind, s.days) for s in result.segments] == [("no_data", 1)]
    data = result.to_dict()
    assert [a["code"] for a in data["alerts"]] == ["no_recent_checkins"]
    json.dumps(data, allow_nan=False)


def test_numbers_are_rounded_for_reading() -> None:
    data = alice_insights(START + dt.timedelta(days=120))
    values = [v for v in data["burden"]["values"] if v is not None]  # type: ignore[index]
    assert all(round(v, 1) == v for v in values)
    assert np.isclose(data["burden"]["baseline"], round(data["burden"]["baseline"], 1))  # type: ignore[index]


def test_importing_insights_does_not_import_numpy() -> None:
    code = "import sys, benzotaper.insights; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
