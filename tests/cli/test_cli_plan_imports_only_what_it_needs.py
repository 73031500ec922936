"""`benzotaper plan` starts fast: with the knowledge cache warm it neither parses nor validates the data
files, and imports none of the clinical types, Django, pydantic or the plotting libraries."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = ["-m", "benzotaper.cli", "plan", "--dose", "clonazepam 1mg night", "--start", "2025-07-15"]
NOT_NEEDED = (
    "tomllib",
    "benzotaper.knowledge._reader",
    "benzotaper.knowledge._validate",
    "benzotaper.knowledge._clinical_types",
    "benzotaper.knowledge._clinical_load",
    "django",
    "pydantic",
    "numpy",
    "matplotlib",
)


def imported_by(args: list[str], env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    assert result.stdout.startswith("Taper plan"), result.stdout[:200]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_a_plan_with_a_warm_cache_imports_only_the_planner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BENZOTAPER_CACHE_DIR", str(tmp_path / "cache"))
    first = imported_by(PLAN, dict(os.environ))
    assert "tomllib" in first, "the first run validates the data files and fills the cache"
    second = imported_by(PLAN, dict(os.environ))
    assert "benzotaper.planning" in second, "the import list was not read"
    assert sorted(m for m in second if any(m == n or m.startswith(n + ".") for n in NOT_NEEDED)) == []
