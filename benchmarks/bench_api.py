"""How long ``GET /api/v1/checkins`` takes on a two-year journal, as a ratio to a bare signed-in view.

Run: python3 -m uv run python benchmarks/bench_api.py
Prints a Markdown table. To measure another version of the code with the same script, put its
``src`` first on the path: ``PYTHONPATH=/tmp/before/src .venv/bin/python benchmarks/bench_api.py``
(docs/performance.md: how the "before" figures were taken).

The journal: 731 days of check-ins rating 10 symptoms each (7,310 ratings) and two doses a day, in a
fresh SQLite database in a temporary data folder (the app's default set-up). Requests go through
Django's test client in one warm process, signed in with a personal token as a phone app would; each
figure is the median (and best) of repeated requests after one warm-up. The yardstick is a view that
only reads ``request.user`` behind the same middleware, signed in by session: what any page costs
before it does any work. The SQL queries of one request are counted too.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

REPEAT = 15
DAYS = 731
SYMPTOMS = 10


def timed(call: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    """Median and best wall time of ``call`` in ms, after one warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def make_journal(today: dt.date) -> Any:
    """A person with two years of check-ins and doses up to ``today``; returns the user."""
    from benzotaper.journal import CheckInRecord, DoseRecord
    from benzotaper.knowledge import load_symptoms
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.journal.models import CheckIn, DoseTaken, SymptomRating

    user = add_person("bench", "a long quiet benchmark 2027", time_zone="UTC", country="UK")
    start = today - dt.timedelta(days=DAYS)
    days = [start + dt.timedelta(days=i) for i in range(DAYS)]
    CheckIn.objects.for_user(user).bulk_create(
        [CheckIn.from_record(user, CheckInRecord(day, wellbeing=i % 11)) for i, day in enumerate(days)]
    )
    mg = Decimal("0.5")
    DoseTaken.objects.for_user(user).bulk_create(
        [
            DoseTaken.from_record(user, DoseRecord(day, time, "alprazolam", mg, mg, "as_planned"))
            for day in days
            for time in ("morning", "night")
        ]
    )
    codes = [item.code for item in load_symptoms().rated_items][:SYMPTOMS]
    ratings = [
        SymptomRating(checkin=row, code=code, severity=(row.wellbeing + n) % 5)
        for row in CheckIn.objects.for_user(user)
        for n, code in enumerate(codes)
    ]
    SymptomRating.objects.for_user(user).bulk_create(ratings, batch_size=2000)
    return user


def bare(request: Any) -> Any:
    """The yardstick: a signed-in view that only reads ``request.user``."""
    from django.http import HttpResponse

    return HttpResponse(request.user.get_username())


def main() -> None:
    folder = tempfile.mkdtemp(prefix="benzotaper-bench-")
    os.environ["BENZOTAPER_DATA_DIR"] = folder
    os.environ["BENZOTAPER_CONFIG_FILE"] = str(Path(folder) / "no-config.toml")
    os.environ.pop("BENZOTAPER_DATABASE_URL", None)
    from benzotaper.web.runtime import start_django

    start_django(migrate=True)
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment
    from django.urls import include, path

    from benzotaper.web.accounts.models import ApiToken

    setup_test_environment()  # the test client's host name is allowed
    user = make_journal(dt.date.today())
    token = ApiToken.issue(user, "bench")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    browser = Client()
    browser.force_login(user)
    urls = ModuleType("bench_urls")  # the app's URLs and the yardstick's
    urls.urlpatterns = [path("bare/", bare), path("", include("benzotaper.web.urls"))]  # type: ignore[attr-defined]

    def get(client: Client, url: str) -> Callable[[], int]:
        def call() -> int:
            reset_queries()  # the log keeps 9,000 queries: counted from empty
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return len(queries)

        return call

    cases = [
        ("bare signed-in view (reads `request.user`)", get(browser, "/bare/")),
        ("GET /api/v1/checkins (default page)", get(api, "/api/v1/checkins")),
        ("GET /api/v1/checkins?limit=1000 (all 731)", get(api, "/api/v1/checkins?limit=1000")),
        ("GET /api/v1/doses (default page)", get(api, "/api/v1/doses")),
        ("GET /api/v1/doses?limit=1000", get(api, "/api/v1/doses?limit=1000")),
    ]
    with override_settings(ROOT_URLCONF=urls):
        rows = [(name, timed(call), call()) for name, call in cases]  # queries of a warm request
    yardstick = rows[0][1][0]
    print(f"{DAYS} check-ins, {DAYS * SYMPTOMS} ratings, {DAYS * 2} doses; median of {REPEAT} requests.\n")
    print("| What | SQL queries | median ms | best ms | × bare view |")
    print("|---|---:|---:|---:|---:|")
    for name, (median, best), count in rows:
        print(f"| {name} | {count} | {median:.1f} | {best:.1f} | {median / yardstick:.1f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
