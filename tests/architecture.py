"""The diagram in docs/architecture.md, drawn from the code's imports.

Print it with ``python3 -m uv run python tests/architecture.py``; tests/test_architecture_doc.py fails
when the document's copy no longer matches the code.

Each box is a package (or module) of ``src/benzotaper``; an arrow ``a --> b`` means that a module of
``a`` imports one of ``b``. Every such import is drawn.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "benzotaper"

# The boxes, top (delivery) to bottom (knowledge); a module belongs to the longest prefix that matches.
BOXES = (
    "cli",
    "web",
    "reports",
    "charts",
    "insights",
    "planning",
    "journal",
    "config",
    "knowledge",
)


def box_of(module: str) -> str | None:
    """The box a dotted module name below ``benzotaper`` belongs to."""
    matches = [box for box in BOXES if module == box or module.startswith(box + ".")]
    return max(matches, key=len) if matches else None


def imported_modules(file: Path, module: str) -> Iterator[str]:
    """Dotted names below ``benzotaper`` that ``file`` imports (relative imports resolved)."""
    package = module.split(".") if file.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = ".".join(["benzotaper", *package[: len(package) - node.level + 1]])
            names = [f"{base}.{node.module}"] if node.module else [f"{base}.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        yield from (name.removeprefix("benzotaper.") for name in names if name.startswith("benzotaper."))


def arrows() -> set[tuple[str, str]]:
    """Every (importer, imported) pair of distinct boxes."""
    found = set()
    for file in SOURCE.rglob("*.py"):
        parts = file.relative_to(SOURCE).with_suffix("").parts
        if "migrations" in parts:
            continue
        module = ".".join(part for part in parts if part != "__init__")
        source = box_of(module)
        for target in map(box_of, imported_modules(file, module)):
            if source and target and target != source:
                found.add((source, target))
    return found


def mermaid() -> str:
    order = {box: index for index, box in enumerate(BOXES)}
    lines = ["flowchart TD"]
    for source, target in sorted(arrows(), key=lambda e: (order[e[0]], order[e[1]])):
        lines.append(f"    {source} --> {target}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(mermaid())
