"""The insights' warnings (a taper going too fast) also show on Today and on the check-in page once a
check-in is saved, with the same one-click hold. Red flags are not repeated there: those pages already
show them in their own emergency panel."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from insight_history import TODAY

from benzotaper.web.journal.models import CheckIn, SavedPlan


def test_today_shows_the_warning_and_the_hold(alice_client: Any, alice_history: SavedPlan) -> None:
    html = alice_client.get("/").content.decode()
    assert "Your taper may be going too fast" in html
    assert "Since the cut on 2027-03-27 your symptom burden rose" in html
    assert f'action="/plan/{alice_history.pk}/hold/"' in html
    assert 'href="/insights/"' in html and "See all your insights" in html
    assert html.index('id="insight-alerts-heading"') < html.index('id="quick-heading"')


def test_the_check_in_page_shows_them_after_saving(alice_client: Any, alice_history: SavedPlan) -> None:
    html = alice_client.get("/checkin/").content.decode()  # today's check-in is saved
    assert "Your taper may be going too fast" in html
    assert 'id="id_insights-hold-reason"' in html


def test_a_check_in_not_yet_saved_shows_no_alerts(
    alice: User, alice_client: Any, alice_history: SavedPlan
) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY).delete()
    html = alice_client.get("/checkin/").content.decode()
    assert "insight-alerts" not in html


def test_red_flags_are_not_shown_twice(alice: User, alice_client: Any, alice_history: SavedPlan) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY).update(red_flags=["seizure"])
    html = alice_client.get("/").content.decode()
    assert html.count("Get help now") == 1  # the journal's own panel
    assert "You answered yes to: " not in html  # the insights' emergency alert is left out
    assert "Your taper may be going too fast" in html


def test_a_person_without_warnings_sees_nothing_extra(alice_client: Any) -> None:
    html = alice_client.get("/").content.decode()
    assert "insight-alerts" not in html  # not even the "no check-in lately" note: Today asks already
