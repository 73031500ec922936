"""Today reads the active saved plan once: its alerts (``insights_alerts()``) take the page's own read
rather than reading the plan again (that they still warn from it: tests/web/insights/
test_insights_alerts_on_today_and_the_check_in.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benzotaper.planning import Dose, PlanRequest, make_plan
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import SavedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client


def test_today_reads_the_active_plan_once(alice: User, alice_client: Client) -> None:
    start = Profile.of(alice).today() - dt.timedelta(days=20)
    SavedPlan.store(
        alice, make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=start))
    )
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get("/").status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if f'FROM "{SavedPlan._meta.db_table}"' in q["sql"]]
    assert len(reads) == 1, reads
