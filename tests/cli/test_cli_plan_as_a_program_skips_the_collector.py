"""`benzotaper plan` as a program turns the cyclic garbage collector off for its short run (its start-up
makes no garbage, docs/performance.md), before it imports the command line; called in a process that
goes on, the command line leaves the collector as it was."""

import gc
import subprocess
import sys
import tomllib
from pathlib import Path

from cli.running import run_cli

PLAN = ("plan", "--dose", "clonazepam 1mg night", "--start", "2025-07-15")
AS_A_PROGRAM = f"""
import gc, io, contextlib, sys
from benzotaper.cli import main
sys.argv = ["benzotaper", *{PLAN!r}]
with contextlib.redirect_stdout(io.StringIO()):
    status = main()
print(status, gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_a_plan_run_as_the_program_runs_without_the_collector() -> None:
    result = subprocess.run(
        [sys.executable, "-c", AS_A_PROGRAM], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["0", "False", "True"]


# The installed script's entry point; an audit hook sees whether the collector is on when the command
# line is imported.
FROM_THE_ENTRY_POINT = f"""
import gc, io, contextlib, sys
seen = []
sys.addaudithook(lambda event, args: seen.append(gc.isenabled()) if args[:1] == ("benzotaper.cli",) else None)
from benzotaper.program import main
sys.argv = ["benzotaper", *{PLAN!r}]
with contextlib.redirect_stdout(io.StringIO()):
    status = main()
print(status, seen[:1])
"""


def test_the_program_turns_the_collector_off_before_it_imports_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FROM_THE_ENTRY_POINT], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["0", "[False]"]


def test_the_installed_script_is_the_program() -> None:
    scripts = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["benzotaper"] == "benzotaper.program:main"


def test_a_plan_made_in_process_leaves_the_collector_on() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert run_cli(*PLAN).exit_code == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
