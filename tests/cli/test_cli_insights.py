"""``benzotaper insights NAME``: the account's insights as a summary to read or as JSON (the API's
answer); an unknown account or a bad day ends with one ``error:`` line and status 2."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine

from benzotaper.journal import CheckInRecord, MedicationRecord, SymptomScore
from cli.running import run_cli

NOW = dt.datetime(2027, 4, 4, 10, 0, tzinfo=dt.UTC)
TODAY = dt.date(2027, 4, 4)


@pytest.fixture
def carol(db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Carol, with three weeks of check-ins and Tramadol, in this test's database (the command's own
    start-up, which points Django at a data folder, is left out: it is tested below)."""
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.journal.models import CheckIn, Medication

    monkeypatch.setattr("benzotaper.cli._start_django", lambda data_dir: None)
    with time_machine.travel(NOW, tick=False):
        user = add_person("carol", "a long quiet winter 27", time_zone="Europe/London", country="UK")
        for back in range(21):
            severity = 3 if back < 6 else 1
            record = CheckInRecord(
                TODAY - dt.timedelta(days=back), symptoms=(SymptomScore("anxiety", severity),)
            )
            row = CheckIn.from_record(user, record)
            row.save()
            row.set_scores(record.symptoms)
        Medication.from_record(user, MedicationRecord("diazepam", "benzodiazepine", "5mg", "night")).save()
        Medication.from_record(user, MedicationRecord("Tramadol", "other", "50mg", "morning")).save()
        yield user


def run(*args: str) -> Any:
    with time_machine.travel(NOW, tick=False):
        return run_cli("insights", *args)


def test_json_is_the_apis_answer(carol: Any) -> None:
    result = run("carol", "--format", "json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    from benzotaper.web.insights.data import insights_for

    with time_machine.travel(NOW, tick=False):
        assert body == insights_for(carol).to_dict()
    assert body["today"] == "2027-04-04" and body["burden"]["observed_days"] == 21
    assert [s["kind"] for s in body["segments"]] == ["window", "wave"]
    assert body["interactions"][0]["name"] == "Tramadol" and body["interactions"][0]["severity"] == "major"


def test_the_table_puts_alerts_first(carol: Any) -> None:
    result = run("carol")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Insights for carol as of 2027-04-04")
    headings = ["ALERTS", "WINDOWS AND WAVES", "RESPONSE TO CUTS", "TREND", "BETWEEN DOSES", "INTERACTIONS"]
    assert [line for line in text.splitlines() if line in headings] == headings
    assert "[warning] Symptoms intolerable" in text
    assert "Wave (worse than usual): 2027-03-30 to 2027-04-04" in text
    assert "Tramadol: Major interaction (with diazepam)" in text
    assert "There is no plan, so there are no cuts" in text


def test_today_judges_as_of_an_earlier_day(carol: Any) -> None:
    body = json.loads(run("carol", "--format", "json", "--today", "2027-03-25").stdout)
    assert body["today"] == "2027-03-25" and body["alerts"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nobody",), "error: there is no account named nobody."),
        (("carol", "--today", "2027-04-05"), "error: --today 2027-04-05 is after carol's today, 2027-04-04."),
        (
            ("carol", "--today", "yesterday"),
            "error: --today 'yesterday' is not a date in the form YYYY-MM-DD.",
        ),
    ],
)
def test_bad_input_is_one_error_line(carol: Any, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_an_unknown_account_in_a_real_data_folder(tmp_path: Path, cli_env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "benzotaper.cli", "insights", "nobody", "--data-dir", str(tmp_path)]
    result = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("error: there is no account named nobody.")
    assert "Traceback" not in result.stderr and result.stdout == ""
