"""The report's data for one person and period: the records of the period, their analysis as of its last
day and the same taper and symptom charts the Insights page draws (``insights.display``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from benzotaper import records
from benzotaper.reports.account import Account
from benzotaper.reports.report import ReportInput, ReportOptions
from benzotaper.web.insights.data import analyse, journal_of
from benzotaper.web.insights.display import insights_page
from benzotaper.web.sharing.gather import saved_plans

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from benzotaper.web.accounts.models import Profile


def report_input(
    user: AbstractBaseUser | AnonymousUser,
    options: ReportOptions,
    now: dt.datetime | None = None,
    *,
    profile: Profile | None = None,
) -> ReportInput:
    """What the report of ``options`` shows for the person, made at ``now`` (the present by default);
    ``profile`` is the person's when the caller has it (``request.profile``)."""
    journal = journal_of(user, options.date_to, profile=profile)
    inside = records.replace(
        journal,
        checkins=tuple(c for c in journal.checkins if c.date >= options.date_from),
        doses=tuple(d for d in journal.doses if d.date >= options.date_from),
    )
    result = analyse(inside)
    charts = insights_page(inside, result, user, kept_as="report").charts
    account = Account(
        medications=journal.medications, plans=saved_plans(user), doses=inside.doses, checkins=inside.checkins
    )
    return ReportInput(
        options=options,
        account=account,
        insights=result,
        generated_at=now or timezone.now(),
        charts={name: chart.svg for name, chart in charts.items()},
    )
