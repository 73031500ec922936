"""``benzotaper plan --drug-free-nights``: a z-drug taper that ends on fewer nights a week, or a clear
refusal for anything else."""

from __future__ import annotations

import json

import pytest

from cli.running import run_cli

ALICE = ("--dose", "zolpidem 10mg night", "--form", "zolpidem scored-tablet 5mg", "--start", "2027-01-04")


def test_the_flag_plans_drug_free_nights_after_the_smallest_dose() -> None:
    result = run_cli("plan", *ALICE, "--drug-free-nights", "--format", "json")
    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)["steps"]
    assert [s["nights_per_week"] for s in steps if s["doses"]] == [7, 7, 7, 6, 5, 4, 3]
    assert "on 5 nights a week (Mon, Tue, Wed, Fri, Sat)" in steps[4]["sig"]


def test_without_the_flag_every_night_has_a_dose() -> None:
    result = run_cli("plan", *ALICE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {s["nights_per_week"] for s in json.loads(result.stdout)["steps"]} == {7}


def test_the_table_names_the_dose_nights() -> None:
    result = run_cli("plan", *ALICE, "--drug-free-nights")
    assert result.exit_code == 0, result.stderr
    assert "take it on 3 nights a week (Mon, Wed, Fri)" in result.stdout


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("--dose", "clonazepam 0.5mg night"), "clonazepam is not one"),
        (("--dose", "zolpidem 10mg night", "--crossover", "diazepam"), "not for a crossover to diazepam"),
    ],
)
def test_it_refuses_drug_free_nights_with_what_is_wrong_and_what_to_do(
    args: tuple[str, ...], what: str
) -> None:
    result = run_cli("plan", *args, "--drug-free-nights")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and what in line and "leave drug-free nights off" in line.lower()
    assert "Traceback" not in result.output
