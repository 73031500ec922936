"""docs/architecture.md's diagram is the code's: redrawn from the imports, it must not have changed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from architecture import box_of, mermaid

ROOT = Path(__file__).resolve().parent.parent


def test_the_architecture_diagram_is_drawn_from_the_code() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    found = re.search(r"```mermaid\n(.*?)\n```", text, re.S)
    assert found is not None, "docs/architecture.md has no mermaid diagram"
    assert found.group(1) == mermaid(), "redraw it: python3 -m uv run python tests/architecture.py"


def test_a_module_belongs_to_its_own_box() -> None:
    assert box_of("web.plans.views") == "web"
    assert box_of("planning._plan") == "planning"
    assert box_of("journal") == "journal"
    assert box_of("elsewhere") is None
