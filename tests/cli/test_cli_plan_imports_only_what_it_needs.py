"""`benzotaper plan` starts fast: with the knowledge cache warm it neither parses, validates nor hashes
the data files, and imports none of click, shutil, pathlib, dataclasses and inspect (the types are
``benzotaper.records``), pickle (the C unpickler reads the cache), threading, textwrap, the clinical
types, the journal (a plan's bounds are the planner's), the saved-plan reader, Django, pydantic or the
plotting libraries."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import benzotaper.knowledge
from benzotaper.knowledge._cache import SETTLED_NS

PLAN = ["-m", "benzotaper.cli", "plan", "--dose", "clonazepam 1mg night", "--start", "2025-07-15"]
NOT_NEEDED = (
    "click",
    "shlex",
    "shutil",
    "hashlib",
    "pathlib",
    "dataclasses",
    "inspect",
    "pickle",
    "threading",
    "textwrap",
    "benzotaper.journal",
    "benzotaper.planning._codec",
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


def wait_until_the_knowledge_files_settle() -> None:
    """The cache trusts the files' times only once they are two seconds old (a just-edited checkout)."""
    folder = Path(benzotaper.knowledge.__file__).parent
    files = [*folder.glob("*.py"), folder.parent / "records.py", *(folder / "data").rglob("*.toml")]
    newest = max(max(path.stat().st_mtime_ns, path.stat().st_ctime_ns) for path in files)
    time.sleep(max(0, newest + SETTLED_NS - time.time_ns()) / 1e9)


def test_a_plan_with_a_warm_cache_imports_only_the_planner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BENZOTAPER_CACHE_DIR", str(tmp_path / "cache"))
    wait_until_the_knowledge_files_settle()
    first = imported_by(PLAN, dict(os.environ))
    assert "tomllib" in first, "the first run validates the data files and fills the cache"
    second = imported_by(PLAN, dict(os.environ))
    assert "benzotaper.planning" in second, "the import list was not read"
    assert sorted(m for m in second if any(m == n or m.startswith(n + ".") for n in NOT_NEEDED)) == []
