"""How long the Insights page takes for two years of daily check-ins, with every chart drawn.

Run: python3 -m uv run python benchmarks/bench_insights_page.py
Prints a Markdown table.

The history: 731 days of check-ins rating 30 symptoms each (windows and waves as in
tests/insights/synthetic_histories.py, about 8 % of days missed: some 20,000 ratings), a dose record for
every planned dose (about 1,000), a diazepam plan from 20 mg a day cut every 46 days and in its last step
today, and three other medicines. It is stored in a fresh SQLite database in a temporary data folder (the
app's default set-up) and the page is fetched with Django's test client, signed in, as the browser would:
the database reads, the analysis, four charts and the template. Each figure is the median (and best) of
repeated requests in one warm process after one warm-up request, so it leaves out the first import of
matplotlib and numpy. Drawn charts are kept by their input (``chart_store``, in memory and in the
database): the first view of a day draws all four, the first view after a new check-in the two it
changes (symptoms and cuts), and a view with nothing new takes them from the cache; each is measured.
Aim: < 300 ms.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPEAT = 15
DAYS = 731
SYMPTOMS = 30

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "insights"))


def timed(
    call: Callable[[], object], repeat: int = REPEAT, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, float]:
    """Median and best time of ``call`` in ms by ``clock`` (the wall clock unless told), after one
    warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        started = clock()
        call()
        times.append((clock() - started) * 1000)
    return statistics.median(times), min(times)


def make_history(today: dt.date, days: int = DAYS) -> object:
    """A person with ``days`` of journal up to ``today`` (two years unless told); returns the user."""
    from synthetic_histories import history

    from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord
    from benzotaper.knowledge import load_symptoms
    from benzotaper.planning import Dose, PlanRequest, make_plan
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication, SavedPlan, SymptomRating

    user = add_person("bench", "a long quiet benchmark 2027", time_zone="UTC", country="UK")
    start = today - dt.timedelta(days=days - 1)
    plan = make_plan(
        PlanRequest(
            regimen=(Dose("diazepam", "evening", Decimal(10)), Dose("diazepam", "night", Decimal(10))),
            start=start,
            every_days=46,  # 10 % of the first dose every 46 days: still in its last step after two years
            country="UK",
        )
    )
    SavedPlan.store(user, plan, name="two years")
    items = [item.code for item in load_symptoms().rated_items][:SYMPTOMS]
    burden = history(days, seed=7).values
    checkins, doses = [], []
    for index, value in enumerate(burden):
        day = start + dt.timedelta(days=index)
        if not math.isnan(value):
            checkins.append(CheckIn.from_record(user, CheckInRecord(day, wellbeing=6)))
        step = plan.step_on(day)
        for dose in step.doses if step is not None else ():
            record = DoseRecord(day, dose.time, dose.drug, dose.mg, dose.mg, "as_planned")
            doses.append(DoseTaken.from_record(user, record))
    CheckIn.objects.for_user(user).bulk_create(checkins)
    DoseTaken.objects.for_user(user).bulk_create(doses)
    saved = {row.date: row for row in CheckIn.objects.for_user(user)}
    ratings = []
    for index, value in enumerate(burden):
        day = start + dt.timedelta(days=index)
        if math.isnan(value):
            continue
        mean = value / 25  # the severity (0-4) that gives this burden, spread over the items
        for number, code in enumerate(items):
            severity = min(4, max(0, round(mean + ((number * 7 + index) % 5 - 2) * 0.4)))
            ratings.append(SymptomRating(checkin=saved[day], code=code, severity=severity))
    SymptomRating.objects.for_user(user).bulk_create(ratings, batch_size=2000)
    try:  # each check-in's answer in the API, kept as a restored backup keeps it after its bulk writes
        from benzotaper.web.journal.kept_answers import keep_answers
    except ImportError:  # the code before round five (docs/performance.md), measured with this script
        pass
    else:
        keep_answers(user, CheckIn.objects.for_user(user))
    for medicine in (
        MedicationRecord("diazepam", "benzodiazepine", "10mg", "night", started=start),
        MedicationRecord("Tramadol 50mg", "other", "50mg", "morning"),
        MedicationRecord("warfarin", "other", "3mg", "evening"),
        MedicationRecord("omeprazole 20 mg", "other", "20mg", "morning"),
    ):
        Medication.from_record(user, medicine).save()
    return user


def forget_charts(user: object, names: tuple[str, ...] | None = None) -> None:
    """Forget ``user``'s drawn charts (those ``names``, else all), in memory and stored, and the kept
    analysis (in memory and stored), as a change of the journal does: they are made again on the next
    view."""
    forget_charts_in_memory()
    try:
        from benzotaper.web.insights.models import KeptAnalysis
    except ImportError:  # the code before the analysis was stored
        pass
    else:
        KeptAnalysis.objects.for_user(user).delete()  # type: ignore[arg-type]
    try:
        from benzotaper.web.insights.models import DrawnChart
    except ImportError:  # the code before the chart store (docs/performance.md: "before")
        return
    stored = DrawnChart.objects.for_user(user)  # type: ignore[arg-type]
    (stored.filter(name__in=names) if names else stored).delete()


def forget_charts_in_memory() -> None:
    """Forget the charts (and the analysis) this process holds, as a new server process starts; the
    database keeps what it stores of them."""
    try:
        from benzotaper.web.insights import analysis_cache
    except ImportError:  # the code before the analysis was kept
        pass
    else:
        analysis_cache.forget_all()
    try:
        from benzotaper.web.insights import chart_store
    except ImportError:  # the code before the chart store kept them in ``display._cache`` only
        from benzotaper.web.insights import display

        display._cache.clear()  # type: ignore[attr-defined]
        return
    chart_store.forget_in_memory()


def fresh_django() -> None:
    """Django set up on a fresh SQLite database in a temporary data folder (the app's default)."""
    folder = tempfile.mkdtemp(prefix="benzotaper-bench-")
    os.environ["BENZOTAPER_DATA_DIR"] = folder
    os.environ["BENZOTAPER_CONFIG_FILE"] = str(Path(folder) / "no-config.toml")
    os.environ.pop("BENZOTAPER_DATABASE_URL", None)
    from benzotaper.web.runtime import start_django

    start_django(migrate=True)


def main() -> None:
    fresh_django()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from benzotaper.web.insights import display
    from benzotaper.web.insights.data import analyse, journal_of
    from benzotaper.web.journal.models import SymptomRating

    setup_test_environment()  # the test client's host name is allowed
    today = dt.date.today()
    user = make_history(today)
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]

    def page() -> None:
        response = client.get("/insights/")
        assert response.status_code == 200, response.status_code

    def page_drawn() -> None:
        forget_charts(user)
        page()

    def page_after_a_check_in() -> None:
        # A new check-in changes what the symptom and the cut-response charts show, nothing else.
        forget_charts(user, ("insights:symptoms", "insights:cuts"))
        page()

    def charts_drawn() -> None:
        forget_charts(user)
        display.insights_page(journal, result, user)  # type: ignore[arg-type]

    journal = journal_of(user)  # type: ignore[arg-type]
    result = analyse(journal)
    ratings = SymptomRating.objects.for_user(user).count()  # type: ignore[arg-type]
    rows = [
        ("GET /insights/, drawing every chart (the first view of a day)", timed(page_drawn)),
        ("of which reading the journal (`journal_of`)", timed(lambda: journal_of(user))),  # type: ignore[arg-type]
        ("of which the analysis (`insights`)", timed(lambda: analyse(journal))),
        ("of which drawing the four charts, with their text and tables", timed(charts_drawn)),
        ("GET /insights/ after a new check-in (two charts drawn again)", timed(page_after_a_check_in)),
        ("GET /insights/ again, charts from the cache (nothing new logged)", timed(page)),
        ("GET / (Today, with the alerts)", timed(lambda: client.get("/"))),
    ]
    print(
        f"{len(journal.checkins)} check-ins, {ratings} ratings, {len(journal.doses)} dose records, "
        f"{len(journal.plan.steps) if journal.plan else 0} plan steps; median of {REPEAT} warm requests.\n"
    )
    print_table(rows)


def print_table(rows: list[tuple[str, tuple[float, float]]]) -> None:
    """The rows as a Markdown table of median and best milliseconds, as docs/performance.md shows them."""
    print("| What | median ms | best ms |")
    print("|---|---:|---:|")
    for name, (median, best) in rows:
        print(f"| {name} | {median:.0f} | {best:.0f} |")


if __name__ == "__main__":
    main()
