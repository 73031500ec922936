"""What reading a saved plan costs: Today, the plan page, the builder's preview and the plans list, and the
read itself (``SavedPlan.plan()`` and laying the plan out for the page), as ratios to a bare signed-in view.

Run: python3 -m uv run python benchmarks/bench_plan_read.py
Prints a Markdown table. To measure the code from before the one read path with the same script, put its
``src`` first on the path: ``PYTHONPATH=/tmp/before/src .venv/bin/python benchmarks/bench_plan_read.py``
(the in-process rows then time what that code did: the layout read the stored JSON by key, and the
preview went Plan -> dict -> layout).

The person: alprazolam 1 mg morning and night crossed over to diazepam (31 steps), started 60 days ago, so
today is mid-plan; the preview is the builder's default (diazepam 10 mg at night, 10 % every 14 days). A
fresh SQLite database in a temporary data folder; requests through Django's test client in one warm
process, signed in; median (and best) of repeated calls after one warm-up. The plan page draws its taper
chart on every request, which is most of its time.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import bare
from bench_insights_page import REPEAT, fresh_django, timed

PREVIEW = {
    "method": "percent",
    "dose_order": "sequential",
    "slow_end": "on",
    "country": "UK",
    "action": "preview",
    "dose-TOTAL_FORMS": "1",
    "dose-INITIAL_FORMS": "1",
    "dose-0-drug": "diazepam",
    "dose-0-amount": "10mg",
    "dose-0-time": "night",
    "medicine-TOTAL_FORMS": "0",
    "medicine-INITIAL_FORMS": "0",
}


def read_cases(saved: Any, today: dt.date) -> list[tuple[str, Callable[[], object]]]:
    """The read itself, in process: the saved plan made a ``Plan`` and laid out (no chart), and the preview's
    layout of a new plan; with the code from before, what it did instead."""
    from benzotaper.planning import make_plan
    from benzotaper.web.journal.models import SavedPlan
    from benzotaper.web.plans.display import plan_display

    plan = make_plan(saved.plan_request())
    if hasattr(SavedPlan, "readable_plan"):
        return [
            (
                "read the saved plan (`SavedPlan.plan()`, a fresh row)",
                lambda: SavedPlan(**_fields(saved)).plan(),
            ),
            (
                "lay the saved plan out for the plan page (no chart)",
                lambda: plan_display(saved.plan(), today, chart=False),
            ),
            ("lay the preview out (no chart)", lambda: plan_display(plan, None, chart=False)),
        ]
    from benzotaper.planning import plan_to_dict  # before: the JSON read by key, and Plan -> dict -> layout

    return [
        ("read the saved plan (`plan_json`, by key)", lambda: saved.plan_json),
        (
            "lay the saved plan out for the plan page (no chart)",
            lambda: plan_display(saved.plan_json, today, chart=False),
        ),
        ("lay the preview out (no chart)", lambda: plan_display(plan_to_dict(plan), None, chart=False)),
    ]


def _fields(saved: Any) -> dict[str, Any]:
    return {"pk": saved.pk, "plan_json": saved.plan_json, "request_json": saved.request_json}


def main() -> None:
    fresh_django()
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import include, path

    from benzotaper.planning import Dose, PlanRequest, make_plan
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.journal.models import SavedPlan

    setup_test_environment()  # the test client's host name is allowed
    today = dt.date.today()
    user = add_person("bench", "a long quiet benchmark 2027", time_zone="UTC", country="UK")
    regimen = (Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1)))
    start = today - dt.timedelta(days=60)
    saved = SavedPlan.store(
        user, make_plan(PlanRequest(regimen, start, crossover_to="diazepam", country="UK"))
    )
    browser = Client()
    browser.force_login(user)
    urls = ModuleType("bench_urls")  # the app's URLs and the yardstick's
    urls.urlpatterns = [path("bare/", bare), path("", include("benzotaper.web.urls"))]  # type: ignore[attr-defined]

    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            response = browser.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return call

    def preview() -> object:
        response = browser.post("/plan/new/", {**PREVIEW, "start": today.isoformat()})
        assert response.status_code == 200 and b"preview-heading" in response.content
        return response

    cases = [
        ("bare signed-in view (reads `request.user`)", get("/bare/")),
        ("Today (`GET /`)", get("/")),
        ("the plan page (`GET /plan/`, taper chart drawn)", get("/plan/")),
        ("the builder's preview (`POST /plan/new/`, chart drawn)", preview),
        ("`GET /api/v1/plans`", get("/api/v1/plans")),
    ]
    with override_settings(ROOT_URLCONF=urls):
        rows = [(name, timed(call)) for name, call in cases]
    yardstick = rows[0][1][0]
    print(f"Median of {REPEAT} calls; {len(saved.plan_json['steps'])} steps in the saved plan.\n")
    print("| What | median ms | best ms | × bare view |")
    print("|---|---:|---:|---:|")
    for name, (median, best) in rows:
        print(f"| {name} | {median:.1f} | {best:.1f} | {median / yardstick:.1f} |")
    for name, call in read_cases(saved, today):
        median, best = timed(call, 100)
        print(f"| {name}, in process (median of 100) | {median:.2f} | {best:.2f} | |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
