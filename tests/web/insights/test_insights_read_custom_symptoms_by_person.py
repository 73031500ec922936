"""On PostgreSQL the insights read a person's own symptoms through the index on their owner, never by
scanning every person's custom symptoms (with 10,000 people the scan was the slow part of the read).

A small test database makes PostgreSQL prefer a scan whatever the query, so scans are switched off for
the EXPLAIN: a query that can reach the table by its owner's index then shows that index and condition,
one that cannot (a join of the ratings to every person's symptoms) has no owner condition to show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.web.insights.data import journal_of
from benzotaper.web.journal.models import CheckIn, CustomSymptom

pytestmark = pytest.mark.postgres

TABLE = CustomSymptom._meta.db_table


def test_the_custom_symptoms_are_read_by_their_owner_through_an_index(alice: User, bob: User) -> None:
    for person in (alice, bob):
        record = CheckInRecord(
            date=dt.date(2027, 1, 4),
            symptoms=(SymptomScore("anxiety", 2), SymptomScore("jaw ache", 1, custom=True)),
        )
        row = CheckIn.from_record(person, record)
        row.save()
        row.set_scores(record.symptoms)
    with CaptureQueriesContext(connection) as queries:
        journal = journal_of(alice)
    assert journal.checkins[0].symptoms[-1] == SymptomScore("jaw ache", 1, custom=True)
    reads = [q["sql"] for q in queries.captured_queries if f'"{TABLE}"' in q["sql"]]
    assert reads, "the insights read the person's custom symptoms"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in reads:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(line for (line,) in cursor.fetchall())
            assert f"Seq Scan on {TABLE}" not in plan, plan
            assert f"Index Cond: (user_id = {alice.pk})" in plan, plan
