"""The journal lists doses and check-ins newest day first, by date range, a page of days at a time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import CheckInRecord, DoseRecord, SymptomScore
from benzotaper.web.journal.models import CheckIn, DoseTaken
from benzotaper.web.journal.views.history import DAYS_PER_PAGE


def record_dose(
    user: User, day: str, time: str = "night", taken: str | None = "5", status: str = "as_planned"
) -> DoseTaken:
    row = DoseTaken.from_record(
        user,
        DoseRecord(
            dt.date.fromisoformat(day),
            time,
            "diazepam",
            Decimal(5),
            Decimal(taken) if taken else None,
            status,
        ),
    )
    row.save()
    return row


def record_checkin(user: User, day: str, **answers: Any) -> CheckIn:
    row = CheckIn.from_record(user, CheckInRecord(date=dt.date.fromisoformat(day), **answers))
    row.save()
    return row


def test_it_lists_the_days_newest_first_with_doses_and_check_ins(alice: User, alice_client: Client) -> None:
    record_dose(alice, "2027-01-02")
    record_dose(alice, "2027-01-03", taken="4.5", status="different")
    record_dose(alice, "2027-01-03", time="morning", taken=None, status="skipped")
    checkin = record_checkin(
        alice, "2027-01-03", wellbeing=4, sleep_hours=Decimal("5.5"), notes="rough night"
    )
    checkin.set_scores([SymptomScore("anxiety", 3), SymptomScore("tremor", 0)])
    html = alice_client.get("/journal/").content.decode()
    assert html.index("Sunday 3 January 2027") < html.index("Saturday 2 January 2027")
    day = html[html.index("Sunday 3 January 2027") : html.index("Saturday 2 January 2027")]
    assert day.index("Morning: diazepam") < day.index("Night: diazepam")
    assert "skipped" in day
    assert "4.5 mg (planned 5 mg)" in day
    assert "<dd>4 of 10</dd>" in day
    assert "5.5 hours" in day
    assert "Anxiety 3 (severe)" in day
    assert "Shaking" not in day  # tremor was rated 0: only symptoms above 0 are listed
    assert "rough night" in day
    assert 'href="/checkin/?date=2027-01-03"' in day
    assert f'href="/journal/checkin/{checkin.pk}/delete/"' in day
    assert "Add a check-in" in html[html.index("Saturday 2 January 2027") :]


def test_it_filters_by_a_date_range(alice: User, alice_client: Client) -> None:
    for day in ("2026-12-20", "2026-12-25", "2027-01-02"):
        record_dose(alice, day)
    record_checkin(alice, "2026-12-24", wellbeing=5)
    html = alice_client.get("/journal/?from=2026-12-21&to=2026-12-31").content.decode()
    assert "Friday 25 December 2026" in html
    assert "Thursday 24 December 2026" in html
    assert "20 December" not in html
    assert "2 January" not in html
    assert 'value="2026-12-21"' in html  # the filter keeps its values
    assert "Show all" in html
    only_from = alice_client.get("/journal/?from=2027-01-01").content.decode()
    assert "Saturday 2 January 2027" in only_from and "December" not in only_from


def test_an_empty_range_says_so(alice: User, alice_client: Client) -> None:
    record_dose(alice, "2027-01-02")
    assert (
        "Nothing recorded in these days."
        in alice_client.get("/journal/?from=2026-01-01&to=2026-01-31").content.decode()
    )


def test_an_empty_journal_says_where_entries_come_from(alice_client: Client) -> None:
    assert "Nothing recorded yet." in alice_client.get("/journal/").content.decode()


def test_a_bad_range_is_explained_and_everything_is_shown(alice: User, alice_client: Client) -> None:
    record_dose(alice, "2027-01-02")
    response = alice_client.get("/journal/?from=2027-02-01&to=2027-01-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The last day comes before the first: swap them." in html
    garbled = alice_client.get("/journal/?from=soon").content.decode()
    assert "Write the day as YYYY-MM-DD, like 2027-01-04." in garbled
    assert 'value="soon"' in garbled
    assert "Saturday 2 January 2027" in garbled


def test_it_shows_a_page_of_days_at_a_time(alice: User, alice_client: Client) -> None:
    start = dt.date(2026, 11, 1)
    for offset in range(DAYS_PER_PAGE + 3):
        record_dose(alice, (start + dt.timedelta(days=offset)).isoformat())
    first = alice_client.get("/journal/").content.decode()
    assert first.count('<section class="day"') == DAYS_PER_PAGE
    assert "Page 1 of 2" in first
    second = alice_client.get("/journal/?page=2").content.decode()
    assert second.count('<section class="day"') == 3
    assert "Sunday 1 November 2026" in second
    filtered = alice_client.get("/journal/?from=2026-11-01&page=2").content.decode()
    assert 'href="?from=2026-11-01&amp;page=1"' in filtered
    assert alice_client.get("/journal/?page=99").status_code == 200
    assert alice_client.get("/journal/?page=x").status_code == 200
