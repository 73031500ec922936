"""Lint, types and the direction of imports are part of the suite, so CI enforces them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ["knowledge", "planning", "insights", "charts", "reports", "journal.py", "records.py"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted() -> None:
    result = run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_never_imports_the_delivery_layer() -> None:
    forbidden = re.compile(r"^\s*(from|import)\s+(django|ninja|benzotaper\.web|benzotaper\.cli)\b", re.M)
    package = ROOT / "src" / "benzotaper"
    for part in CORE:
        path = package / part
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            assert not forbidden.search(file.read_text()), f"{file} imports the delivery layer"


def test_the_delivery_layer_imports_only_the_cores_public_api() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from architecture import SOURCE, imported_modules

    core = tuple(part.removesuffix(".py") for part in CORE)
    files = [SOURCE / "cli.py", *sorted((SOURCE / "web").rglob("*.py"))]
    for file in files:
        module = ".".join(file.relative_to(SOURCE).with_suffix("").parts)
        private = [
            name
            for name in imported_modules(file, module)
            if name.split(".")[0] in core and any(part.startswith("_") for part in name.split(".")[1:])
        ]
        assert not private, f"{file} imports private core modules: {private}"
