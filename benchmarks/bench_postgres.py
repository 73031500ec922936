"""One person's pages on PostgreSQL with 10, 1,000 and 10,000 people of 180 days each: they stay flat.

Run: python3 -m uv run python benchmarks/bench_postgres.py [--people 10,1000,10000]
Prints, for each number of people, a Markdown table (SQL queries, median and best ms of one person's
pages and API lists) and the EXPLAIN of the Insights page's custom-symptom read. It needs the PostgreSQL
server binaries (as the PostgreSQL test pass does) and takes about 13 minutes for the three sizes on the
(loaded) project machine, 10 of them loading the 10,000 people; ``--people 10,1000`` takes about two.

How: a throwaway cluster (``tests/conftest.py``'s ``PostgresCluster``, the one the test pass uses; fsync
off), migrated by the app. The measured person, alice, is made through the models: a saved diazepam plan
and 180 days up to yesterday of two doses, a check-in rating five checklist symptoms and two of her own
symptoms, and a medicine. Everyone else is a copy of alice, made inside PostgreSQL with
``INSERT ... SELECT`` over her rows (a few thousand people per statement), so loading takes seconds per
thousand people rather than minutes; then ``ANALYZE``. The database grows from one size to the next.
Requests go through Django's test client signed in as alice, in one warm process; each figure is the
median (and best) of repeated requests after one warm-up, and the query count is of one warm request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_insights_page import timed  # noqa: E402
from conftest import PostgresCluster  # noqa: E402

DAYS = 180
REPEAT = 10
PER_STATEMENT = 2000  # people copied by one INSERT ... SELECT
CHECKLIST = ("anxiety", "insomnia", "muscle_tension", "tremor", "headache")
OWN_SYMPTOMS = ("jaw ache", "ear pressure")
PAGES = (
    ("Today (`/`)", "/"),
    ("Journal (`/journal/`)", "/journal/"),
    ("Plan (`/plan/`)", "/plan/"),
    ("Insights (`/insights/`)", "/insights/"),
    ("`GET /api/v1/checkins`", "/api/v1/checkins"),
    ("`GET /api/v1/doses`", "/api/v1/doses"),
)


def make_alice() -> Any:
    """The measured person: 180 days of journal up to yesterday, made through the models."""
    from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord, SymptomScore
    from benzotaper.planning import Dose, PlanRequest, make_plan
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication, SavedPlan

    user = add_person("alice", "a long quiet benchmark 2027", time_zone="UTC", country="UK")
    last = dt.date.today() - dt.timedelta(days=1)
    first = last - dt.timedelta(days=DAYS - 1)
    regimen = (Dose("diazepam", "morning", Decimal(5)), Dose("diazepam", "night", Decimal(5)))
    plan = make_plan(PlanRequest(regimen=regimen, start=first, country="UK"))
    SavedPlan.store(user, plan, name="180 days")
    doses = []
    for i in range(DAYS):
        day = first + dt.timedelta(days=i)
        symptoms = tuple(SymptomScore(code, (i + n) % 5) for n, code in enumerate(CHECKLIST))
        symptoms += tuple(SymptomScore(name, (i + n) % 3, custom=True) for n, name in enumerate(OWN_SYMPTOMS))
        record = CheckInRecord(date=day, wellbeing=i % 11, symptoms=symptoms)
        row = CheckIn.from_record(user, record)
        row.save()
        row.set_scores(record.symptoms)
        step = plan.step_on(day)
        for dose in step.doses if step is not None else ():
            record = DoseRecord(day, dose.time, dose.drug, dose.mg, dose.mg, "as_planned")
            doses.append(DoseTaken.from_record(user, record))
    DoseTaken.objects.for_user(user).bulk_create(doses)
    Medication.from_record(user, MedicationRecord("diazepam", "benzodiazepine", "5mg", "night")).save()
    return user


def _columns(model: Any, *, leave_out: Sequence[str] = ()) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if not f.primary_key and f.column not in leave_out]


def copy_alice(alice: Any, first: int, last: int) -> None:
    """People ``first``..``last`` (numbered), each a copy of alice's rows, made inside PostgreSQL."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from benzotaper.web.accounts.models import Profile
    from benzotaper.web.journal.models import CheckIn, CustomSymptom, DoseTaken, Medication, SymptomRating

    user_table = get_user_model()._meta.db_table
    user_columns = _columns(get_user_model())
    picked = ", ".join("'person' || g" if c == "username" else f"a.{c}" for c in user_columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {user_table} ({', '.join(user_columns)}) SELECT {picked} "
            f"FROM {user_table} a, generate_series(%s, %s) g WHERE a.id = %s",
            [first, last, alice.pk],
        )
        for model in (Profile, CustomSymptom, CheckIn, DoseTaken, Medication):
            table, columns = model._meta.db_table, _columns(model, leave_out=("user_id",))
            cursor.execute(
                f"INSERT INTO {table} (user_id, {', '.join(columns)}) "
                f"SELECT u.id, {', '.join('r.' + c for c in columns)} FROM {table} r, {user_table} u "
                f"WHERE r.user_id = %s AND u.username IN "
                f"(SELECT 'person' || g FROM generate_series(%s, %s) g)",
                [alice.pk, first, last],
            )
        ratings, checkins = SymptomRating._meta.db_table, CheckIn._meta.db_table
        own = CustomSymptom._meta.db_table
        cursor.execute(
            f"INSERT INTO {ratings} (checkin_id, code, custom_id, severity) "
            f"SELECT c2.id, r.code, s2.id, r.severity FROM {ratings} r "
            f"JOIN {checkins} c ON c.id = r.checkin_id AND c.user_id = %s "
            f"JOIN {user_table} u ON u.username IN (SELECT 'person' || g FROM generate_series(%s, %s) g) "
            f"JOIN {checkins} c2 ON c2.user_id = u.id AND c2.date = c.date "
            f"LEFT JOIN {own} s ON s.id = r.custom_id "
            f"LEFT JOIN {own} s2 ON s2.user_id = u.id AND s2.name = s.name",
            [alice.pk, first, last],
        )


def grow_to(alice: Any, people: int, have: int) -> None:
    """Copies of alice until there are ``people`` people, ``PER_STATEMENT`` at a time; then ANALYZE."""
    from django.db import connection

    for first in range(have + 1, people + 1, PER_STATEMENT):
        copy_alice(alice, first, min(people, first + PER_STATEMENT - 1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client: Any) -> list[tuple[str, int, float, float]]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    rows = []
    for name, url in PAGES:

        def call(url: str = url) -> int:
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return len(queries)

        median, best = timed(call, REPEAT)
        rows.append((name, call(), median, best))
    return rows


def explain_custom_symptoms(client: Any) -> str:
    """EXPLAIN of the Insights page's queries that read custom symptoms (by their SQL, as sent)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benzotaper.web.journal.models import CustomSymptom

    table = CustomSymptom._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        client.get("/insights/")
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if f'"{table}"' in query["sql"] and query["sql"].lstrip().upper().startswith("SELECT"):
                cursor.execute("EXPLAIN " + query["sql"])
                plans.append(query["sql"] + "\n" + "\n".join(line for (line,) in cursor.fetchall()))
    return "\n\n".join(plans)


def main(sizes: Sequence[int]) -> None:
    root = Path(tempfile.mkdtemp(prefix="benzotaper-bench-postgres-"))
    # Its own folder, as in the test pass: the server's user must reach it, and ``root`` is private.
    cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="benzotaper-bench-cluster-")))
    data = root / "data"
    try:
        cluster.start()
        import psycopg

        # The cluster has only the maintenance database; the app's is made here (the tests' is made by
        # pytest-django).
        with psycopg.connect(cluster.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
            server.execute("CREATE DATABASE benzotaper")
        os.environ.update(
            BENZOTAPER_DATABASE_URL=cluster.url,
            BENZOTAPER_DATA_DIR=str(data),
            BENZOTAPER_CONFIG_FILE=str(root / "no-config.toml"),
        )
        from benzotaper.web.runtime import start_django

        start_django(migrate=True)
        from django.test import Client
        from django.test.utils import setup_test_environment

        from benzotaper.web.accounts.models import ApiToken

        setup_test_environment()  # the test client's host name is allowed
        alice = make_alice()
        browser, api = Client(), Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(alice, 'bench')[1]}")
        browser.force_login(alice)

        class Either:  # pages through the browser's session, API lists with the token
            def get(self, url: str) -> Any:
                return (api if url.startswith("/api/") else browser).get(url)

        have = 1
        for people in sorted(sizes):
            started = time.perf_counter()
            grow_to(alice, people, have)
            have = people
            loaded = time.perf_counter() - started
            print(f"\n### {people:,} people of {DAYS} days (loaded in {loaded:.0f} s)\n")
            print("| Page | SQL queries | median ms | best ms |")
            print("|---|---:|---:|---:|")
            for name, count, median, best in measure(Either()):
                print(f"| {name} | {count} | {median:.1f} | {best:.1f} |")
            print("\nEXPLAIN of the Insights page's custom-symptom read:\n")
            print("```\n" + explain_custom_symptoms(Either()) + "\n```")
    finally:
        from django.db import connections

        connections.close_all()
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=_sizes, default=[10, 1000, 10000], help="e.g. 10,1000,10000")
    main(parser.parse_args().people)
