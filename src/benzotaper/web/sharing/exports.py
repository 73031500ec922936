"""Every export of a person's data, by kind, for the web page and the command line alike."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from benzotaper.web.accounts.models import Profile
from benzotaper.web.sharing.gather import account_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Person = AbstractBaseUser | AnonymousUser

# kind: (what it is, file extension, content type)
KINDS = {
    "json": ("Backup of everything (JSON)", "json", "application/json"),
    "csv": ("Doses and check-ins for a spreadsheet (CSV)", "csv", "text/csv; charset=utf-8"),
    "fhir": ("Health record (FHIR R4 JSON)", "fhir.json", "application/fhir+json"),
    "ics": ("Plan for a calendar (iCalendar)", "ics", "text/calendar; charset=utf-8"),
}


def export(
    user: Person, kind: str, now: dt.datetime, *, profile: Profile | None = None
) -> tuple[bytes, str, str]:
    """The export of ``kind`` (a key of ``KINDS``): its bytes, content type and a file name. ``profile``
    is the person's when the caller has it (``request.profile``); else it is read (never written)."""
    from benzotaper.reports import backup, fhir, journal_csv

    _, extension, content_type = KINDS[kind]
    if kind == "ics":
        body = calendar(user, now, reminders=False, profile=profile)
    else:
        account = account_of(user, profile=profile)
        if kind == "json":
            text = backup.backup_json(account)
        elif kind == "csv":
            text = journal_csv.journal_csv(account.doses, account.checkins)
        else:
            text = fhir.fhir_json(account, now)
        body = text.encode("utf-8")
    return body, content_type, f"benzotaper-{now.date().isoformat()}.{extension}"


def calendar(user: Person, now: dt.datetime, *, reminders: bool, profile: Profile | None = None) -> bytes:
    """The active plan as iCalendar (no events without a plan)."""
    from benzotaper.reports.calendar import plan_calendar
    from benzotaper.web.journal.planned import active_plan

    saved = active_plan(user)
    # A stored plan that cannot be read gives an empty calendar rather than an error.
    plan = saved.readable_plan() if saved is not None else None
    return plan_calendar(plan, (profile or Profile.of(user)).time_zone, now, reminders=reminders)
