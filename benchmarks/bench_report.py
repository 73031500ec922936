"""How long the doctor's report, the exports and the import take for two years of journal.

Run: python3 -m uv run python benchmarks/bench_report.py
Prints a Markdown table.

The history is the Insights page benchmark's (``bench_insights_page.make_history``: 731 days, about 20,000
symptom ratings, about 1,000 doses, a two-year plan, four medicines), in a fresh SQLite database in a
temporary data folder (the app's default set-up). Each figure is the median (and best) of repeated runs in
one warm process after one warm-up run, so the first import of typst, matplotlib and numpy is left out.
The report covers the whole two years. Aims: the report < 1 s; export and import < 2 s each.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_insights_page import DAYS, forget_charts, fresh_django, make_history, print_table, timed

REPEAT = 7


def main() -> None:
    fresh_django()
    from django.utils import timezone

    from benzotaper.reports import backup, calendar, fhir, journal_csv
    from benzotaper.reports.report import ReportOptions, report_pdf, report_preview_png
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.sharing import exports
    from benzotaper.web.sharing.gather import account_of, restore
    from benzotaper.web.sharing.report_data import report_input

    today = dt.date.today()
    user = make_history(today)
    options = ReportOptions(today - dt.timedelta(days=DAYS - 1), today)
    now = timezone.now()
    data = report_input(user, options, now)  # type: ignore[arg-type]
    account = account_of(user)  # type: ignore[arg-type]
    text = backup.backup_json(account)
    # Fresh empty accounts made beforehand: making one hashes its password (Argon2), not part of an import.
    people = iter([add_person(f"restored{n}", "a long quiet benchmark 2027") for n in range(REPEAT + 1)])

    def whole_report_drawn() -> None:
        forget_charts(user)
        report_pdf(report_input(user, options, now))  # type: ignore[arg-type]

    def import_into_a_new_account() -> None:
        restore(next(people), backup.read_backup(text))

    plan = account.active_plan.plan()  # type: ignore[union-attr]
    rows = [
        ("Report, whole: gather, analyse, draw both charts, typst PDF", timed(whole_report_drawn, REPEAT)),
        (
            "Report, whole, charts from the cache",
            timed(lambda: report_pdf(report_input(user, options, now)), REPEAT),
        ),  # type: ignore[arg-type]
        ("of which typst PDF from the gathered data (`report_pdf`)", timed(lambda: report_pdf(data), REPEAT)),
        ("Preview of page 1 as PNG (`report_preview_png`)", timed(lambda: report_preview_png(data), REPEAT)),
        ("Gather the account (`account_of`)", timed(lambda: account_of(user), REPEAT)),  # type: ignore[arg-type]
        (
            "Export JSON backup, whole (`exports.export`)",
            timed(lambda: exports.export(user, "json", now), REPEAT),
        ),  # type: ignore[arg-type]
        ("Export CSV, whole", timed(lambda: exports.export(user, "csv", now), REPEAT)),  # type: ignore[arg-type]
        ("Export FHIR, whole", timed(lambda: exports.export(user, "fhir", now), REPEAT)),  # type: ignore[arg-type]
        (
            "Export iCalendar with reminders, whole",
            timed(lambda: exports.calendar(user, now, reminders=True), REPEAT),
        ),  # type: ignore[arg-type]
        ("of which `backup_json`", timed(lambda: backup.backup_json(account), REPEAT)),
        (
            "of which `journal_csv`",
            timed(lambda: journal_csv.journal_csv(account.doses, account.checkins), REPEAT),
        ),
        ("of which `fhir_json`", timed(lambda: fhir.fhir_json(account, now), REPEAT)),
        (
            "of which `plan_calendar`",
            timed(lambda: calendar.plan_calendar(plan, "UTC", now, reminders=True), REPEAT),
        ),
        (
            "Import: read and check the backup, restore into a new account",
            timed(import_into_a_new_account, REPEAT),
        ),
        ("of which `read_backup`", timed(lambda: backup.read_backup(text), REPEAT)),
    ]
    ratings = sum(len(c.symptoms) for c in account.checkins)
    print(
        f"{len(account.checkins)} check-ins, {ratings} ratings, {len(account.doses)} dose records, "
        f"{len(plan.steps)} plan steps; backup {len(text) / 1e6:.1f} MB; median of {REPEAT} warm runs.\n"
    )
    print_table(rows)


if __name__ == "__main__":
    main()
