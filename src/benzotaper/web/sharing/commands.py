"""What ``benzotaper report``, ``export`` and ``import`` do, once the command line has read its options
(``cli.py`` holds only their declarations). Each returns the line to print, or raises ``CommandProblem``
with the person's message (``error: what is wrong. What to do.``) and the exit status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class CommandProblem(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def person(name: str) -> User:
    user = get_user_model()._default_manager.filter(username=name).first()
    if user is None:
        raise CommandProblem(f"error: there is no account named {name}. Check the name with the person.", 2)
    return user


def _write(out: Path, body: bytes) -> None:
    """Write a report or an export for its owner's eyes only (0600, like the database): it is health data."""
    from benzotaper.config import create_private_file

    path = out.expanduser()
    try:
        create_private_file(path)
        path.write_bytes(body)
    except OSError as error:
        raise CommandProblem(
            f"error: cannot write {out}: {error.strerror or error}. Choose a folder you can write to.",
            1,
        ) from None


def write_report(name: str, out: Path, date_from: dt.date | None, date_to: dt.date | None) -> str:
    """The PDF report of NAME for the period (by default the last 90 days to NAME's today)."""
    from benzotaper.reports.report import ReportOptions, report_pdf
    from benzotaper.web.accounts.models import Profile
    from benzotaper.web.sharing.forms import DEFAULT_DAYS
    from benzotaper.web.sharing.report_data import report_input

    user = person(name)
    profile = Profile.of(user)
    last = date_to or profile.today()
    first = date_from or last - dt.timedelta(days=DEFAULT_DAYS - 1)
    try:
        options = ReportOptions(first, last, time_zone=profile.time_zone)
    except ValueError as error:
        raise CommandProblem(f"error: {error}", 2) from None
    pdf = report_pdf(report_input(user, options))
    _write(out, pdf)
    return f"Wrote the report of {name} for {first.isoformat()} to {last.isoformat()} to {out}."


def write_export(name: str, kind: str, out: Path) -> str:
    from benzotaper.web.sharing.exports import export

    body, _, _ = export(person(name), kind, timezone.now())
    _write(out, body)
    return f"Wrote the {kind} export of {name} to {out}."


def import_backup(name: str, path: Path) -> str:
    """Restore the backup file at ``path`` into NAME's empty account: all of it or, on any problem,
    nothing."""
    from benzotaper.reports.backup import BackupError, read_backup
    from benzotaper.web.sharing.gather import AccountNotEmptyError, restore

    user = person(name)
    try:
        text = path.expanduser().read_bytes()
    except OSError as error:
        problem = f"error: cannot read {path}: {error.strerror or error}. Check the path."
        raise CommandProblem(problem, 2) from None
    try:
        account = read_backup(text)
        restore(user, account)
    except (BackupError, AccountNotEmptyError) as error:
        raise CommandProblem(f"error: {error}", 1) from None
    counts = f"{len(account.plans)} plans, {len(account.doses)} doses, {len(account.checkins)} check-ins"
    return f"Imported {counts} and {len(account.medications)} medicines into {name}."
