"""The documentation stays true: CI runs the README's test command, and every CLI option is documented."""

from __future__ import annotations

import re
from pathlib import Path

from benzotaper.cli import command_parser, commands

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    quickstart = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in quickstart.splitlines() if line.startswith("    ")]


def test_the_readme_quickstart_has_exactly_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    # The run command installs only what running needs (no test or development groups).
    run = "python3 -m pip install uv && python3 -m uv run --no-default-groups benzotaper "
    assert commands[0].startswith(run)
    assert commands[1] == "python3 -m pip install uv && python3 -m uv run pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert readme_commands()[1] in ci


def test_every_command_and_option_is_documented() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text()
    assert "plan" in commands()
    for name in commands():
        assert re.search(rf"^## `benzotaper {name}", docs, re.M), f"benzotaper {name} is not documented"
        options = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", command_parser(name).format_help()))
        for option in options - {"--help"}:
            assert option in docs, f"{option} of benzotaper {name} is not in docs/cli.md"
