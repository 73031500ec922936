"""Two tabs, one check-in: the later save is not written over the earlier one. The page comes back
with what the person typed and what is saved now, so neither edit is lost unseen."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import CheckInRecord
from benzotaper.web.journal.models import CheckIn

Answers = Callable[..., dict[str, str]]


def test_a_stale_edit_keeps_what_was_typed_and_shows_what_is_saved(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/", answers(wellbeing="5"))  # version 1, open in two tabs
    alice_client.post_form("/checkin/", answers(version="1", wellbeing="7", notes="from the phone"))
    response = alice_client.post_form(
        "/checkin/", answers(version="1", wellbeing="3", notes="from the laptop", symptom_tremor="2")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This check-in was changed in another tab or on another device" in html
    assert "<dd>7 of 10</dd>" in html and "from the phone" in html  # what is saved now
    assert 'name="wellbeing" value="3"' in html  # what was typed
    assert "from the laptop</textarea>" in html
    assert 'value="2" class="scale" id="id_symptom_tremor_3" checked' in html
    assert 'name="version" value="2"' in html  # saving again is a deliberate replace
    row = CheckIn.objects.for_user(alice).get()
    assert (row.wellbeing, row.notes, row.version) == (7, "from the phone", 2)

    alice_client.post_form("/checkin/", answers(version="2", wellbeing="3", notes="from the laptop"))
    row.refresh_from_db()
    assert (row.wellbeing, row.notes) == (3, "from the laptop")


def test_a_check_in_made_in_another_tab_meanwhile_is_not_overwritten(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    CheckIn.from_record(alice, CheckInRecord(date=alice_today(), wellbeing=8)).save()
    html = alice_client.post_form("/checkin/", answers(version="0", wellbeing="2")).content.decode()
    assert "was changed in another tab" in html
    assert 'name="wellbeing" value="2"' in html
    assert CheckIn.objects.for_user(alice).get().wellbeing == 8


def test_a_check_in_deleted_meanwhile_can_be_saved_again(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    html = alice_client.post_form("/checkin/", answers(version="4", wellbeing="2")).content.decode()
    assert "was deleted in another tab or on another device" in html
    assert 'name="version" value="0"' in html
    alice_client.post_form("/checkin/", answers(version="0", wellbeing="2"))
    assert CheckIn.objects.for_user(alice).get().wellbeing == 2


def test_the_quick_check_in_on_today_also_keeps_both(alice: User, alice_client: Client) -> None:
    quick = {"date": "2027-01-04", "version": "0", "wellbeing": "6", "sleep_hours": "7", "notes": "calm"}
    alice_client.post_form("/checkin/quick/", quick)
    alice_client.post_form("/checkin/quick/", quick | {"version": "1", "wellbeing": "8"})
    html = alice_client.post_form(
        "/checkin/quick/", quick | {"version": "1", "wellbeing": "2"}
    ).content.decode()
    assert "Today's check-in was changed in another tab" in unescape(html)
    assert "<dd>8 of 10</dd>" in html
    assert 'name="wellbeing" value="2"' in html
    assert CheckIn.objects.for_user(alice).get().wellbeing == 8


def alice_today() -> str:
    return "2027-01-04"
