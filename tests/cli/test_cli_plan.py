"""``benzotaper plan`` end to end: from the options, through the planner, to table, JSON or CSV."""

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from benzotaper.cli import METHODS, main
from benzotaper.planning import METHODS as PLANNER_METHODS

# The issue's example: alprazolam 2 mg three times a day, crossed over to diazepam, Ashton's way.
ISSUE_EXAMPLE = (
    "--dose",
    "alprazolam 2mg morning",
    "--dose",
    "alprazolam 2mg midday",
    "--dose",
    "alprazolam 2mg night",
    "--crossover",
    "diazepam",
    "--method",
    "ashton",
    "--start",
    "2027-01-04",
)
STEP_FIELDS = {
    "number",
    "start",
    "end",
    "days",
    "kind",
    "diazepam_equivalent_mg",
    "target_diazepam_equivalent_mg",
    "cut_percent",
    "note",
    "doses",
}
DOSE_FIELDS = {"drug", "time", "target_mg", "mg", "make", "make_text"}
PLAIN_DECIMAL = re.compile(r"0|[1-9]\d*(\.\d*[1-9])?|0\.\d*[1-9]")


def _plan(*args: str) -> str:
    result = CliRunner().invoke(main, ["plan", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def issue_plan() -> dict[str, object]:
    return json.loads(_plan(*ISSUE_EXAMPLE, "--format", "json"))  # type: ignore[no-any-return]


def test_the_json_plan_records_the_knowledge_version_and_warnings(issue_plan: dict) -> None:
    assert issue_plan["knowledge_version"]
    assert issue_plan["method"] == "ashton"
    assert isinstance(issue_plan["warnings"], list)
    assert issue_plan["disclaimer"].startswith("This plan informs")


def test_the_json_plan_starts_with_the_crossover_and_ends_with_a_stop(issue_plan: dict) -> None:
    steps = issue_plan["steps"]
    assert all(set(step) >= STEP_FIELDS for step in steps)
    assert all(set(dose) >= DOSE_FIELDS for step in steps for dose in step["doses"])
    assert steps[0]["kind"] == "crossover"
    assert steps[0]["start"] == "2027-01-04"
    assert steps[-1]["kind"] == "stop"
    assert steps[-1]["diazepam_equivalent_mg"] == "0"
    assert steps[-1]["doses"] == []


def test_every_number_in_the_json_plan_is_a_plain_decimal_string(issue_plan: dict) -> None:
    numbers = [
        value
        for step in issue_plan["steps"]
        for key, value in step.items()
        if key.endswith("_mg") or key == "cut_percent"
    ]
    numbers += [
        dose[key] for step in issue_plan["steps"] for dose in step["doses"] for key in ("mg", "target_mg")
    ]
    numbers += [item["quantity"] for period in issue_plan["supply"] for item in period["items"]]
    assert numbers
    assert [n for n in numbers if not PLAIN_DECIMAL.fullmatch(n)] == []


def test_the_json_plan_lists_the_supply_per_prescription(issue_plan: dict) -> None:
    supply = issue_plan["supply"]
    assert supply[0]["start"] == "2027-01-04"
    assert {"drug", "form", "strength_mg", "quantity", "unit"} <= set(supply[0]["items"][0])


def test_the_csv_plan_reads_back_with_one_row_per_dose() -> None:
    rows = list(csv.DictReader(io.StringIO(_plan(*ISSUE_EXAMPLE, "--format", "csv"))))
    assert rows[0]["step"] == "1"
    assert rows[0]["start"] == "2027-01-04"
    assert rows[0]["kind"] == "crossover"
    assert rows[0]["drug"] and rows[0]["make"]
    assert rows[-1]["kind"] == "stop"
    assert rows[-1]["drug"] == rows[-1]["time"] == rows[-1]["mg"] == ""
    assert len([row for row in rows if row["kind"] == "stop"]) == 1


def test_the_table_shows_the_dates_method_and_disclaimer() -> None:
    table = _plan(*ISSUE_EXAMPLE)
    assert "2027-01-04" in table
    assert "ashton" in table
    assert "does not replace your prescriber" in table
    assert "Supply per prescription" in table
    assert max(len(line) for line in table.splitlines()) <= 100


def test_the_built_in_example_makes_a_plan() -> None:
    table = _plan("--example", "--start", "2027-01-04")
    assert "alprazolam" in table
    assert "diazepam" in table


def test_help_lists_every_option() -> None:
    result = CliRunner().invoke(main, ["plan", "--help"])
    assert result.exit_code == 0
    for option in (
        "--dose",
        "--method",
        "--cut",
        "--step",
        "--every",
        "--crossover",
        "--form",
        "--country",
        "--liquid-step",
        "--no-slow-end",
        "--order",
        "--hold-at",
        "--seizure-history",
        "--age-65-or-over",
        "--alcohol",
        "--opioids",
        "--other-sedatives",
        "--days-of-use",
        "--allow-fast",
        "--start",
        "--format",
        "--supply-days",
        "--example",
    ):
        assert option in result.stdout


def test_the_cli_offers_the_methods_of_the_planner() -> None:
    assert tuple(METHODS) == tuple(PLANNER_METHODS)
