"""axe-core, the accessibility checker, run inside the page (a test tool only, never served by the app).

It is installed from npm into tests/e2e/.axe (gitignored) by .ci/run, or here when npm is on the
machine: ``npm install --no-save --prefix tests/e2e/.axe axe-core@AXE_VERSION``. ``violations`` checks
the page against WCAG 2.0, 2.1 and 2.2, levels A and AA.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

AXE_VERSION = "4.14.1"
PREFIX = Path(__file__).resolve().parent / ".axe"
AXE_JS = PREFIX / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_script() -> Path:
    """The path of axe.min.js, installed first when it is missing and npm can fetch it."""
    if not AXE_JS.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(PREFIX),
                f"axe-core@{AXE_VERSION}",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if not AXE_JS.exists():
        pytest.fail(
            "The accessibility checks need axe-core: "
            f"npm install --no-save --prefix {PREFIX} axe-core@{AXE_VERSION}"
        )
    return AXE_JS


def violations(page: Any) -> list[str]:
    """The page's WCAG 2.2 AA violations, one line each (rule, impact, the first offending elements)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
    ]
