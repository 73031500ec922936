"""A plan as JSON for the command line: the planner's plain data, with every figure a JSON number.

``planning.plan_to_dict`` keeps figures as exact decimal strings (plans are saved that way and read back
exactly); a person or a script reading the command's output expects numbers, so the figures are turned
into JSON numbers here. Each is written with the same digits as its decimal text ("0.0625" -> 0.0625).
"""

from __future__ import annotations

import json
from decimal import Decimal

from benzotaper.planning import Plan, plan_to_dict

# The keys whose values are decimal figures in plan_to_dict.
NUMBER_KEYS = frozenset(
    {
        "strength_mg",
        "quantity",
        "count",
        "mg",
        "target_mg",
        "diazepam_equivalent_mg",
        "target_diazepam_equivalent_mg",
        "cut_percent",
    }
)


def plan_json(plan: Plan, supply_days: int = 28) -> str:
    """The plan as indented JSON text, ending in a newline."""
    return json.dumps(_numbers(plan_to_dict(plan, supply_days)), indent=2, ensure_ascii=False) + "\n"


def _numbers(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _numbers(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(item, key) for item in value]
    if isinstance(value, str) and key in NUMBER_KEYS:
        figure = Decimal(value)
        # float() of a short decimal text prints back as the same text (shortest round-trip repr).
        return int(figure) if figure == figure.to_integral_value() else float(value)
    return value
