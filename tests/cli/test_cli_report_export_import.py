"""``benzotaper report``, ``export`` and ``import``: the report as a PDF, each export to a file, and a
backup restored into an empty account, all or nothing; problems end with one ``error:`` line."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from pypdf import PdfReader

from cli.running import run_cli

NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The demo's six months of a taper in this test's database (the command's own start-up, which
    points Django at a data folder, is tested with the other commands)."""
    from benzotaper.web.demo import make_demo

    monkeypatch.setattr("benzotaper.cli._start_django", lambda data_dir: None)
    with time_machine.travel(NOW, tick=False):
        yield make_demo(today=NOW.date())


def run(*args: str) -> Any:
    with time_machine.travel(NOW, tick=False):
        return run_cli(*args)


def test_report_writes_the_pdf_of_the_period(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run("report", "demo", "--out", str(out), "--from", "2027-01-01", "--to", "2027-02-28")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Wrote the report of demo for 2027-01-01 to 2027-02-28" in result.output
    text = " ".join(PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text().split())
    assert "Period: 2027-01-01 to 2027-02-28" in text


def test_report_covers_the_last_90_days_by_default(demo: Any, tmp_path: Path) -> None:
    result = run("report", "demo", "--out", str(tmp_path / "r.pdf"))
    assert "for 2026-12-02 to 2027-03-01" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2027-02-01", "--to", "2027-01-01"], "error: The report cannot end before it starts"),
        (["--from", "March"], "error: --from 'March' is not a date"),
    ],
)
def test_report_refuses_a_bad_period_in_one_line(
    demo: Any, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run("report", "demo", "--out", str(tmp_path / "r.pdf"), *args)
    assert result.exit_code == 2
    assert result.output.startswith(message) and "Traceback" not in result.output


def test_report_says_when_it_cannot_write(demo: Any, tmp_path: Path) -> None:
    result = run("report", "demo", "--out", str(tmp_path / "missing" / "r.pdf"))
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot write")


@pytest.mark.parametrize("kind", ["json", "csv", "fhir", "ics"])
def test_export_writes_each_format(demo: Any, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"out.{kind}"
    result = run("export", "demo", "--format", kind, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # health data: for its owner only


def test_import_restores_an_export_into_an_empty_account(demo: Any, tmp_path: Path) -> None:
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.sharing.gather import account_of

    backup = tmp_path / "backup.json"
    run("export", "demo", "--format", "json", "--out", str(backup))
    erin = add_person("erin", "a long quiet winter 27")
    result = run("import", "erin", str(backup))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 2 plans,")
    assert account_of(erin).checkins == account_of(demo).checkins


def test_import_refuses_an_account_with_data(demo: Any, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    run("export", "demo", "--format", "json", "--out", str(backup))
    result = run("import", "demo", str(backup))
    assert result.exit_code == 1
    assert "only into an empty account" in result.output


def test_import_of_a_broken_file_changes_nothing(demo: Any, tmp_path: Path) -> None:
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.sharing.gather import has_data

    backup = tmp_path / "backup.json"
    run("export", "demo", "--format", "json", "--out", str(backup))
    data = json.loads(backup.read_text())
    data["checkins"][-1]["wellbeing"] = 11
    backup.write_text(json.dumps(data))
    erin = add_person("erin", "a long quiet winter 27")
    result = run("import", "erin", str(backup))
    assert result.exit_code == 1
    assert "wellbeing 11 is not between 0 and 10" in result.output and "nothing was imported" in result.output
    assert not has_data(erin)


def test_import_names_a_missing_file_and_an_unknown_account(demo: Any, tmp_path: Path) -> None:
    missing = run("import", "demo", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and missing.output.startswith("error: cannot read")
    nobody = run("export", "zed", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert nobody.exit_code == 2 and nobody.output.startswith("error: there is no account named zed.")
