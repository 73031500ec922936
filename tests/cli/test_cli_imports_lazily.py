"""``benzotaper --help`` starts fast: nothing heavy is imported before a command runs."""

import subprocess
import sys

HEAVY = ("django", "numpy", "matplotlib", "click", "benzotaper.planning", "benzotaper.knowledge")


def test_help_imports_neither_the_planner_nor_heavy_libraries() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "benzotaper.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # Each line of -X importtime ends with "| <indent><module name>".
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "argparse" in imported, "the import list was not read"
    heavy = sorted(m for m in imported if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []
    assert result.stdout.startswith("usage: benzotaper")
