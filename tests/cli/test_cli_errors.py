"""Bad input ends with exit status 2 and one line, ``error: <what is wrong>. <how to fix>``."""

import subprocess
import sys

import pytest

import benzotaper.planning
from benzotaper.planning import TooFastError
from cli.running import run_cli

DOSE = ("--dose", "alprazolam 1mg morning")


def _run(*args: str) -> tuple[int, str]:
    result = run_cli("plan", *args)
    return result.exit_code, result.stderr


def _assert_one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in stderr
    return lines[0]


def test_an_unknown_drug_suggests_the_nearest_name() -> None:
    code, stderr = _run("--dose", "alprazolan 2mg morning")
    assert code == 2
    line = _assert_one_error_line(stderr)
    assert line.startswith("error: --dose: Unknown drug 'alprazolan'. Did you mean alprazolam")


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("--dose", "alprazolam 2 mgs morning"), "Unknown unit 'mgs'"),
        (("--dose", "alprazolam -2mg morning"), "negative"),
        (("--dose", "alprazolam 0mg morning"), "zero"),
        (("--dose", "alprazolam 2mg"), "No time of day"),
        (("--dose", "alprazolam 2mg pm"), "afternoon, evening or night"),
        ((*DOSE, "--start", "04/01/2027"), "'04/01/2027' is not a date in the form YYYY-MM-DD"),
        ((*DOSE, "--start", "2027-02-30"), "not a day of the calendar"),
        ((*DOSE, "--cut", "100"), "more than 0 and less than 100"),
        ((*DOSE, "--cut", "0"), "more than 0 and less than 100"),
        ((*DOSE, "--cut", "-5"), "more than 0 and less than 100"),
        ((*DOSE, "--cut", "ten"), "not a percentage"),
        ((*DOSE, "--every", "0"), "--every: 0 days between cuts is not possible. Use 1 to 365 days"),
        ((*DOSE, "--every", "soon"), "'soon' is not a valid integer"),
        (
            (*DOSE, "--method", "fast"),
            "--method: Unknown method 'fast'. Use percent, fixed, ashton or micro.",
        ),
        ((*DOSE, "--step", "2 mgs"), "Unknown unit 'mgs'"),
        ((*DOSE, "--hold-at", "5mg"), "--hold-at: '5mg' is not a hold."),
        ((*DOSE, "--liquid-step", "0"), "above 0 and at most 10"),
        ((*DOSE, "--form", "diazepam tablet 2,5mg"), "no unit"),
        ((*DOSE, "--crossover", "diazepan"), "Did you mean diazepam"),
        ((*DOSE, "--supply-days", "0"), "Use 1 or more"),
        ((*DOSE, "--no-such-option"), "No such option"),
        ((), "No dose given"),
        (("--example", *DOSE), "--example makes its own doses"),
    ],
)
def test_bad_input_ends_with_status_2_and_one_error_line(args: tuple[str, ...], what: str) -> None:
    code, stderr = _run(*args)
    assert code == 2
    assert what in _assert_one_error_line(stderr)


def test_a_plan_that_cannot_be_made_prints_the_reason_and_each_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def too_fast(request: object) -> None:
        raise TooFastError("A cut of 60% is too fast.", ["Cut 25% or less.", "Ask your prescriber."])

    monkeypatch.setattr(benzotaper.planning, "make_plan", too_fast)
    code, stderr = _run(*DOSE)
    assert code == 1
    assert stderr.splitlines() == [
        "error: A cut of 60% is too fast.",
        "  fix: Cut 25% or less.",
        "  fix: Ask your prescriber.",
    ]


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("--dose", "alprazolan 2mg morning"), "Did you mean alprazolam"),
        (("--dose", "alprazolam 2 mgs morning"), "Unknown unit 'mgs'"),
        (("--dose", "alprazolam -2mg morning"), "negative"),
        ((*DOSE, "--start", "04/01/2027"), "YYYY-MM-DD"),
        ((*DOSE, "--cut", "100"), "less than 100"),
    ],
)
def test_a_real_process_fails_the_same_way_without_a_traceback(args: tuple[str, ...], what: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benzotaper.cli", "plan", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert what in _assert_one_error_line(result.stderr)
