"""A page or API answer reads the person's profile once (the middleware's ``request.profile``, or the API's
``profile_of``), and never writes it: the journal's readers take that profile instead of reading it again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benzotaper.planning import Dose, PlanRequest, make_plan
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import SavedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

PROFILE_TABLE = Profile._meta.db_table


PAGES = ["/", "/checkin/", "/plan/", "/insights/", "/api/v1/insights"]
EXPORTS = ["/report/export/json/", "/report/export/ics/"]


@pytest.mark.parametrize("path", [*PAGES, *EXPORTS])
def test_the_profile_is_read_once_and_never_written(alice: User, alice_client: Client, path: str) -> None:
    start = Profile.of(alice).today() - dt.timedelta(days=20)
    SavedPlan.store(
        alice, make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal(10)),), start=start))
    )
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get(path).status_code == 200
    touching = [q["sql"] for q in queries.captured_queries if PROFILE_TABLE in q["sql"]]
    assert len(touching) == 1 and touching[0].lstrip().upper().startswith("SELECT"), touching
