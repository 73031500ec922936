"""Fixtures of the report and sharing tests: a stopped clock and a person with six months of a taper.

The history is the demo's (``benzotaper.web.demo``): a plan with a crossover, a hold with its reason,
doses (a few different, two skipped), daily check-ins with windows and waves, the person's own symptom,
events and other medicines. It ends on ``TODAY``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from report_story import NOW, TODAY

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@pytest.fixture(autouse=True)
def now() -> Iterator[dt.datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def tapering(db: None) -> User:
    """A person with six months of a taper (the demo's story), signed in as "demo"."""
    from benzotaper.web.demo import make_demo

    return make_demo(today=TODAY)


@pytest.fixture
def tapering_client(tapering: User, csrf_client: Any) -> Any:
    """A CSRF-enforcing client signed in as the tapering person (``post_form`` posts as a form does)."""
    csrf_client.force_login(tapering)
    return csrf_client


@pytest.fixture
def report_of(tapering: User) -> Callable[..., Any]:
    """``report_of(**options)``: the ``ReportInput`` of the tapering person, made at ``NOW``; the
    options default to the last 90 days."""
    from benzotaper.reports.report import ReportOptions
    from benzotaper.web.sharing.report_data import report_input

    def make(**options: Any) -> Any:
        chosen = {"date_from": TODAY - dt.timedelta(days=89), "date_to": TODAY, **options}
        return report_input(tapering, ReportOptions(**chosen), NOW)

    return make
