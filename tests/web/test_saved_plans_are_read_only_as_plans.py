"""The web layer and the reports read a saved plan one way, ``SavedPlan.plan()``, and work on the ``Plan``:
no module reads the stored JSON by key (``saved.plan_json["steps"]``, ``step["doses"]``), so a field added
to a step is added in the planner alone, and the step on a day has one meaning (``Plan.step_on``)."""

from __future__ import annotations

import ast
from pathlib import Path

import benzotaper

SOURCE = Path(benzotaper.__file__).parent
CHECKED = [*sorted((SOURCE / "web").rglob("*.py")), *sorted((SOURCE / "reports").rglob("*.py"))]
STORED = {"plan_json", "request_json"}
"""The saved plan's JSON fields: passed on whole (the API's "plan as saved", a backup), never read by key."""
PLAN_KEYS = {"steps", "doses", "make", "make_text", "warnings", "overrides", "supply", "method_note"}
"""Keys of ``planning.plan_to_dict`` output that only a plan as a dict has."""
READERS = {SOURCE / "web" / "journal" / "models.py", SOURCE / "reports" / "account.py"}
"""Where ``plan_from_dict`` may be called: ``SavedPlan.plan()``, and the backup's saved plans."""


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def reads_by_key(source: str) -> list[str]:
    """Each place in ``source`` that reads a stored plan (or a plan as a dict) by key, as "line: code"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        target: ast.expr | None = None
        key: ast.expr | None = None
        if isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            target, key = node.func.value, node.args[0] if node.args else None
        if target is None:
            continue
        by_plan_key = isinstance(key, ast.Constant) and key.value in PLAN_KEYS
        if _name(target) in STORED or by_plan_key:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_check_finds_a_plan_read_by_key() -> None:
    old = """
start = plan.plan_json["start"]
made = saved.plan_json.get("replanned_from")
target = saved.request_json.get("crossover_to")
for step in plan_json["steps"]:
    drugs = {d["drug"] for d in step["doses"]}
"""
    assert [line.split(":")[0] for line in reads_by_key(old)] == ["2", "3", "4", "5", "6"]
    assert reads_by_key("rows = saved.plan().steps\nplan = row.plan_json\nday = data['start']") == []


def test_no_web_or_report_module_reads_a_saved_plan_by_key() -> None:
    found = {
        str(path.relative_to(SOURCE)): lines
        for path in CHECKED
        if "migrations" not in path.parts and (lines := reads_by_key(path.read_text()))
    }
    assert found == {}, "read the Plan (SavedPlan.plan()) and its methods instead"


def test_only_saved_plan_reads_the_stored_json_into_a_plan() -> None:
    callers = {path for path in CHECKED if "plan_from_dict(" in path.read_text()}
    assert callers == READERS
