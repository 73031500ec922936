"""``benzotaper plan`` end to end: from the options, through the planner, to table, JSON or CSV."""

import csv
import io
import json

import pytest

from benzotaper.planning import METHODS
from cli.running import run_cli

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
    "day_from",
    "day_to",
    "days",
    "sig",
    "disp",
    "kind",
    "diazepam_equivalent_mg",
    "target_diazepam_equivalent_mg",
    "cut_percent",
    "note",
    "doses",
}
DOSE_FIELDS = {"drug", "time", "target_mg", "mg", "make", "make_text"}


def _plan(*args: str) -> str:
    result = run_cli("plan", *args)
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
    # At 120 mg diazepam equivalent the switch also cuts: the first stage substitutes and reduces.
    assert steps[0]["kind"] == "crossover" and "diazepam" in {d["drug"] for d in steps[0]["doses"]}
    assert steps[0]["cut_percent"] > 0
    assert steps[0]["start"] == "2027-01-04"
    assert (steps[0]["day_from"], steps[0]["day_to"]) == (1, steps[0]["days"])
    assert steps[-1]["kind"] == "stop"
    assert steps[-1]["diazepam_equivalent_mg"] == 0
    assert steps[-1]["doses"] == []


def test_every_figure_in_the_json_plan_is_a_json_number(issue_plan: dict) -> None:
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
    numbers += [item["quantity"] for item in issue_plan["totals"]]
    assert numbers
    assert [n for n in numbers if isinstance(n, bool) or not isinstance(n, int | float)] == []


def test_the_json_plan_carries_sig_disp_totals_and_a_health_record_line(issue_plan: dict) -> None:
    first = issue_plan["steps"][0]
    assert first["sig"].startswith("Take alprazolam") and "Days 1-" in first["sig"]
    assert {item["drug"] for item in first["disp"]} == {"alprazolam", "diazepam"}
    assert issue_plan["total_days"] > 0
    assert {item["drug"] for item in issue_plan["totals"]} == {"alprazolam", "diazepam"}
    assert "\n" not in issue_plan["ehr_summary"] and "diazepam at most 30 mg/day" in issue_plan["ehr_summary"]


def test_the_high_dose_example_never_exceeds_the_diazepam_ceiling_or_single_dose(issue_plan: dict) -> None:
    for step in issue_plan["steps"]:
        diazepam = [d["mg"] for d in step["doses"] if d["drug"] == "diazepam"]
        assert all(mg <= 10 for mg in diazepam) and sum(diazepam) <= 30


def test_the_json_plan_lists_the_supply_per_prescription(issue_plan: dict) -> None:
    supply = issue_plan["supply"]
    assert supply[0]["start"] == "2027-01-04"
    assert {"drug", "form", "strength_mg", "quantity", "unit"} <= set(supply[0]["items"][0])


def test_the_csv_plan_reads_back_with_one_row_per_dose() -> None:
    rows = list(csv.DictReader(io.StringIO(_plan(*ISSUE_EXAMPLE, "--format", "csv"))))
    assert rows[0]["step"] == "1"
    assert rows[0]["start"] == "2027-01-04"
    assert rows[0]["kind"] == "crossover" and rows[0]["day_from"] == "1"
    assert rows[0]["drug"] and rows[0]["make"] and rows[0]["sig"] and rows[0]["disp"].startswith("Disp:")
    stop = [row for row in rows if row["kind"] == "stop"]
    assert len(stop) == 1
    assert stop[0]["drug"] == stop[0]["time"] == stop[0]["mg"] == ""
    totals = [row for row in rows if row["kind"] == "total"]
    assert {row["drug"] for row in totals} == {"alprazolam", "diazepam"}
    assert rows[-1]["kind"] == "summary" and rows[-1]["sig"].startswith("Benzodiazepine taper plan")


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
    result = run_cli("plan", "--help")
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


def test_the_cli_takes_every_method_of_the_planner_and_refuses_others_through_the_request() -> None:
    for method in METHODS:
        extra = {"fixed": ("--step", "1mg"), "micro": ("--form", "diazepam solution 2mg/5ml")}.get(method, ())
        ran = run_cli(
            "plan", "--dose", "diazepam 10mg night", "--method", method, "--start", "2027-01-04", *extra
        )
        assert ran.exit_code == 0, (method, ran.output)
    ran = run_cli("plan", "--dose", "diazepam 10mg night", "--method", "fastest")
    assert ran.exit_code == 2
    assert "error: --method: Unknown method 'fastest'. Use percent, fixed, ashton or micro." in ran.stderr
