"""Someone who has not checked in yet (or only a few times) sees what the page will show and how many
more check-ins it needs, never an empty page or an error."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from insight_history import TODAY, save_checkin

from benzotaper.journal import CheckInRecord, SymptomScore


def test_a_new_person_is_told_what_the_page_needs(alice_client: Client) -> None:
    response = alice_client.get("/insights/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing to show yet" in html
    assert "14 more check-ins to go" in html
    assert "No other medicines are listed in your journal" in html
    assert "There is no check-in from the last 7 days" in html  # the note, not a warning
    assert "hold-suggestion" not in html


def test_a_few_check_ins_say_how_many_more_are_needed(alice: User, alice_client: Client) -> None:
    for back in range(5):
        day = TODAY.fromordinal(TODAY.toordinal() - back)
        save_checkin(alice, CheckInRecord(day, symptoms=(SymptomScore("anxiety", 1),)))
    html = alice_client.get("/insights/").content.decode()
    assert "9 more check-ins to go" in html
    assert "Nothing to show yet" not in html


def test_signing_in_is_needed(client: Client) -> None:
    response = client.get("/insights/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
