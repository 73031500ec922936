"""The alerts of Today and the check-in read each check-in of the last weeks as a tally (how many
symptoms it rated and their sum, counted by the database) in one query, and give the alerts the
whole analysis gives, on a journal with the person's own symptoms, red flags, low days and check-ins
that rated nothing (counted as none rated, never as 0)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from insight_history import TODAY, save_checkin

from benzotaper.journal import CheckInRecord, CheckInTally, SymptomScore
from benzotaper.web.insights.data import alerts_journal, alerts_of, insights_for, journal_of
from benzotaper.web.journal.models import CheckIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from benzotaper.web.journal.models import SavedPlan


@pytest.fixture
def rich_history(alice: User, alice_history: SavedPlan) -> None:
    """Alice's history, with her own symptom rated on the last ten days, a red flag yesterday, two days
    rated nothing at all and three low days this week."""
    for back in range(10):
        row = CheckIn.objects.for_user(alice).get(date=TODAY - dt.timedelta(days=back))
        scores = row.to_record().symptoms
        row.set_scores([*scores, SymptomScore("jaw ache", back % 5, custom=True)])
    CheckIn.objects.for_user(alice).filter(date=TODAY - dt.timedelta(days=1)).update(red_flags=["seizure"])
    CheckIn.objects.for_user(alice).filter(date__gte=TODAY - dt.timedelta(days=3)).update(wellbeing=1)
    for back in (12, 20):
        day = TODAY - dt.timedelta(days=back)
        CheckIn.objects.for_user(alice).filter(date=day).delete()
        save_checkin(alice, CheckInRecord(day, wellbeing=5))


def tallies_of_the_records(alice: User, since: dt.date) -> tuple[CheckInTally, ...]:
    return tuple(
        CheckInTally(c.date, c.wellbeing, c.red_flags, c.rated, c.severity_sum)
        for c in journal_of(alice).checkins
        if c.date >= since
    )


def test_the_tallies_are_the_check_ins_own(alice: User, rich_history: None) -> None:
    journal = alerts_journal(alice)
    assert journal.checkins == tallies_of_the_records(alice, journal.checkins[0].date)
    unrated = [tally for tally in journal.checkins if tally.date == TODAY - dt.timedelta(days=12)]
    assert unrated == [CheckInTally(TODAY - dt.timedelta(days=12), 5, (), 0, 0)]


@pytest.mark.parametrize("days_back", [0, 1, 2, 5, 11, 13, 21])
def test_the_alerts_from_tallies_equal_the_whole_analysis(
    alice: User, rich_history: None, days_back: int
) -> None:
    day = TODAY - dt.timedelta(days=days_back)
    found = alerts_of(alerts_journal(alice, day))
    assert found == insights_for(alice, day).alerts
    if days_back <= 1:
        assert {"seizure", "intolerable_symptoms"} <= {alert.code for alert in found}


def test_another_persons_journal_gives_no_tally(alice: User, bob: User, rich_history: None) -> None:
    journal = alerts_journal(bob)
    assert (journal.checkins, journal.plan) == ((), None)


def test_the_tallies_take_the_same_few_queries_for_any_journal(
    alice: User, bob: User, rich_history: None, django_assert_num_queries: Any
) -> None:
    # The profile, the active plan, and the check-ins with their ratings' counts and sums.
    for person in (alice, bob):
        with django_assert_num_queries(3):
            alerts_journal(person)
