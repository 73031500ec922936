"""Every page and API list against a bare signed-in view, in one process with Django's test client.

Run: python3 -m uv run python benchmarks/bench_pages.py
Prints a Markdown table: SQL queries of one warm request, median and best ms of repeated requests after
one warm-up, and the ratio of each median to the yardstick's (a view behind the same middleware that only
reads ``request.user``, defined here and mounted at ``/bare/`` for the run only; see ``bench_api``).

The journal: half a year (180 days) of the Insights page benchmark's history (``make_history``: a check-in
rating 30 symptoms on about 92 % of days, a dose record for every planned dose, a diazepam plan and three
other medicines) in a fresh SQLite database in a temporary data folder (the app's default set-up). Pages
are fetched signed in by session, as a browser does; API lists with a personal token, as a phone app does.

The Insights page is measured three ways: "first view" is the first request of a new process (charts
and the analysis from what the database keeps, none in memory), "repeat view" the same page again, and
"drawing every chart" a view after the journal changed so that it is analysed and each chart drawn again.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import BARE, clients, get, measure
from bench_insights_page import forget_charts, forget_charts_in_memory, fresh_django, make_history

DAYS = 180


def main() -> None:
    fresh_django()
    from benzotaper.web.journal.models import SavedPlan

    user = make_history(dt.date.today(), DAYS)
    browser, api = clients(user)
    plan_id = SavedPlan.objects.for_user(user).get().pk  # type: ignore[arg-type]

    def forget_every_chart() -> None:
        forget_charts(user)

    measure(
        [
            (BARE, get(browser, "/bare/")),
            ("Today `/`", get(browser, "/")),
            ("Check-in `/checkin/`", get(browser, "/checkin/")),
            ("Symptom short list `/checkin/list/`", get(browser, "/checkin/list/")),
            ("Journal `/journal/`", get(browser, "/journal/")),
            ("Plan `/plan/` (the active plan and its chart)", get(browser, "/plan/")),
            (f"Plan `/plan/{plan_id}/`", get(browser, f"/plan/{plan_id}/")),
            ("Plan history `/plan/history/`", get(browser, "/plan/history/")),
            ("New plan `/plan/new/` (the builder)", get(browser, "/plan/new/")),
            ("Insights `/insights/`, first view", get(browser, "/insights/", forget_charts_in_memory)),
            ("Insights `/insights/`, repeat view", get(browser, "/insights/")),
            ("Insights `/insights/`, drawing every chart", get(browser, "/insights/", forget_every_chart)),
            ("Report `/report/`", get(browser, "/report/")),
            ("Settings `/accounts/settings/`", get(browser, "/accounts/settings/")),
            ("Tokens `/accounts/tokens/`", get(browser, "/accounts/tokens/")),
            ("Glossary `/glossary/`", get(browser, "/glossary/")),
            ("GET /api/v1/checkins", get(api, "/api/v1/checkins")),
            ("GET /api/v1/doses", get(api, "/api/v1/doses")),
            ("GET /api/v1/medications", get(api, "/api/v1/medications")),
            ("GET /api/v1/plans", get(api, "/api/v1/plans")),
            ("GET /api/v1/symptoms", get(api, "/api/v1/symptoms")),
            ("GET /api/v1/insights", get(api, "/api/v1/insights")),
        ]
    )


if __name__ == "__main__":
    main()
