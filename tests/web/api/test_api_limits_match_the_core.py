"""The API's limits are the core's own."""

from __future__ import annotations

from benzotaper.planning import _parse
from benzotaper.web.api.common import PLAN_MG_MAX


def test_amounts_given_to_the_planner_have_the_planners_maximum() -> None:
    assert PLAN_MG_MAX == _parse._MOST_MG
