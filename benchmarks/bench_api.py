"""How long ``GET /api/v1/checkins`` takes on a two-year journal, as a ratio to a bare signed-in view.

Run: python3 -m uv run python benchmarks/bench_api.py
Prints a Markdown table. To measure another version of the code with the same script, put its
``src`` first on the path: ``PYTHONPATH=/tmp/before/src .venv/bin/python benchmarks/bench_api.py``
(docs/performance.md: how the "before" figures were taken).

The journal: the Insights page benchmark's two years (``bench_insights_page.make_history``: 665
check-ins rating 30 symptoms each, about 1,000 dose records), in a fresh SQLite database in a temporary
data folder (the app's default set-up). Requests go through Django's test client in one warm process,
signed in with a personal token as a phone app would; each figure is the median (and best) of repeated
requests after one warm-up. The yardstick is a view that only reads ``request.user`` behind the same
middleware, signed in by session: what any page costs before it does any work. The SQL queries of one
request are counted too.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_insights_page import REPEAT, fresh_django, make_history, timed

BARE = "bare signed-in view (reads `request.user`)"


def bare(request: Any) -> Any:
    """The yardstick: a signed-in view that only reads ``request.user``."""
    from django.http import HttpResponse

    return HttpResponse(request.user.get_username())


def bench_urls() -> ModuleType:
    """The app's URLs and the yardstick's, at ``/bare/`` (never in the app's own URLs)."""
    from django.urls import include, path

    urls = ModuleType("bench_urls")
    urls.urlpatterns = [path("bare/", bare), path("", include("benzotaper.web.urls"))]  # type: ignore[attr-defined]
    return urls


def clients(user: Any) -> tuple[Any, Any]:
    """A browser signed in by session and a phone app with a personal token, both for ``user``."""
    from django.test import Client

    from benzotaper.web.accounts.models import ApiToken

    token = ApiToken.issue(user, "bench")[1]
    browser = Client()
    browser.force_login(user)
    return browser, Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def get(client: Any, url: str, before: Callable[[], object] = lambda: None) -> Callable[[], int]:
    """A call that fetches ``url`` (after ``before``), checks it answered 200 and returns its SQL
    query count."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    def call() -> int:
        before()
        reset_queries()  # the log keeps 9,000 queries: counted from empty
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(queries)

    return call


def measure(cases: list[tuple[str, Callable[[], int]]]) -> None:
    """Time each case (the first is the yardstick) with the benchmark's URLs and print the table: the
    wall clock's median and best, and the CPU time of the thread (median), which moves much less when
    other work shares the machine; the ratios are the CPU medians over the yardstick's."""
    from django.test.utils import override_settings

    # Not Django's test environment: it copies every template's context for a test to inspect, which a
    # server does not do (it took a third of a form-heavy page's time). The test client's host instead:
    with override_settings(ROOT_URLCONF=bench_urls(), ALLOWED_HOSTS=["testserver"]):
        rows = [
            (name, timed(call), timed(call, clock=time.thread_time)[0], call())  # queries of a warm request
            for name, call in cases
        ]
    yardstick = rows[0][2]
    print(f"Median of {REPEAT} requests; CPU: the thread's CPU time.\n")
    print("| What | SQL queries | median ms | best ms | CPU ms | × bare (CPU) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (median, best), cpu, count in rows:
        print(f"| {name} | {count} | {median:.1f} | {best:.1f} | {cpu:.1f} | {cpu / yardstick:.1f} |")
    sys.stdout.flush()


def main() -> None:
    fresh_django()
    browser, api = clients(make_history(dt.date.today()))
    measure(
        [
            (BARE, get(browser, "/bare/")),
            ("GET /api/v1/checkins (default page)", get(api, "/api/v1/checkins")),
            ("GET /api/v1/checkins?limit=1000 (all)", get(api, "/api/v1/checkins?limit=1000")),
            ("GET /api/v1/doses (default page)", get(api, "/api/v1/doses")),
            ("GET /api/v1/doses?limit=1000", get(api, "/api/v1/doses?limit=1000")),
        ]
    )


if __name__ == "__main__":
    main()
