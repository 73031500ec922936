"""The check-in: one per day, made, edited and back-filled; a day that has not come is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import Event, SymptomScore
from benzotaper.knowledge import load_red_flags, load_symptoms
from benzotaper.web.journal.models import CheckIn

Answers = Callable[..., dict[str, str]]


def saved(user: User, day: str = "2027-01-04") -> CheckIn:
    return CheckIn.objects.for_user(user).get(date=day)


def test_the_page_asks_the_red_flags_first_then_the_checklist_by_group(alice_client: Client) -> None:
    html = alice_client.get("/checkin/").content.decode()
    assert "Monday 4 January 2027" in html
    flags = html.index("<legend>Red flags")
    symptoms = html.index('<h2 id="symptoms-heading">')
    assert flags < symptoms
    for flag in load_red_flags().emergency_signs:
        assert f'<input type="checkbox" name="flag_{flag.code}" id="id_flag_{flag.code}">' in html
        assert flag.question in html
    checklist = load_symptoms()
    for item in checklist.rated_items:
        assert f'name="symptom_{item.code}" value="0"' in html
    for group in checklist.groups:
        assert f"<h3>{group.label}</h3>" in html
    for word in ("0 none", "1 mild", "2 moderate", "3 severe", "4 very severe"):
        assert word in html
    # Not rated until tapped: "0 none" is an answer, not a default.
    assert 'value="" class="scale" id="id_symptom_anxiety_0" checked' in html
    assert 'value="0" class="scale" id="id_symptom_anxiety_1">' in html


def test_saving_makes_the_days_check_in_with_every_answer(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    data = answers(
        wellbeing="6",
        sleep_hours="6.5",
        notes="a wave in the afternoon",
        symptom_anxiety="3",
        symptom_insomnia="2",
        event_stress="work deadline",
        event_illness="",
    )
    response = alice_client.post_form("/checkin/", data)
    assert response.status_code == 302
    assert response["Location"] == "/"
    record = saved(alice).to_record()
    assert (record.wellbeing, record.sleep_hours, record.notes) == (
        6,
        Decimal("6.5"),
        "a wave in the afternoon",
    )
    assert SymptomScore("anxiety", 3) in record.symptoms
    assert SymptomScore("insomnia", 2) in record.symptoms
    assert len(record.symptoms) == 2  # only what was rated: every other item stays not rated
    assert record.events == (Event("stress", "work deadline"),)
    assert record.red_flags == ()
    assert "Check-in saved." in alice_client.get("/").content.decode()


def test_saving_again_edits_the_same_check_in(alice: User, alice_client: Client, answers: Answers) -> None:
    alice_client.post_form("/checkin/", answers(wellbeing="4", symptom_anxiety="3"))
    html = alice_client.get("/checkin/").content.decode()
    assert 'name="version" value="1"' in html
    assert 'name="wellbeing" value="4"' in html
    assert 'value="3" class="scale" id="id_symptom_anxiety_4" checked' in html
    alice_client.post_form("/checkin/", answers(version="1", wellbeing="7", symptom_anxiety="1"))
    assert CheckIn.objects.for_user(alice).count() == 1
    row = saved(alice)
    assert (row.wellbeing, row.version) == (7, 2)
    assert row.ratings.get(code="anxiety").severity == 1


def test_a_past_day_can_be_filled_in_and_edited(alice: User, alice_client: Client, answers: Answers) -> None:
    html = alice_client.get("/checkin/?date=2026-12-30").content.decode()
    assert "Wednesday 30 December 2026" in html
    assert "You are filling in a past day." in html
    assert 'action="/checkin/?date=2026-12-30"' in html
    response = alice_client.post_form("/checkin/?date=2026-12-30", answers(wellbeing="5"))
    assert response["Location"] == "/journal/?from=2026-12-30&to=2026-12-30"
    assert saved(alice, "2026-12-30").wellbeing == 5
    assert not CheckIn.objects.for_user(alice).filter(date="2027-01-04").exists()
    alice_client.post_form("/checkin/?date=2026-12-30", answers(version="1", wellbeing="8"))
    assert saved(alice, "2026-12-30").wellbeing == 8


def test_a_day_that_has_not_come_is_refused_with_a_reason(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    response = alice_client.get("/checkin/?date=2027-01-05")
    assert response.status_code == 400
    assert "Tuesday 5 January 2027 cannot have a check-in: 2027-01-05 has not happened yet" in (
        response.content.decode()
    )
    posted = alice_client.post_form("/checkin/?date=2027-01-05", answers(wellbeing="5"))
    assert posted.status_code == 400
    assert not CheckIn.objects.for_user(alice).exists()


def test_a_day_that_is_not_a_date_is_refused_with_a_reason(alice_client: Client) -> None:
    response = alice_client.get("/checkin/?date=yesterday")
    assert response.status_code == 400
    assert "is not a day. Write it as YYYY-MM-DD" in response.content.decode()


def test_the_day_follows_the_persons_time_zone(alice: User, alice_client: Client) -> None:
    from benzotaper.web.accounts.models import Profile

    profile = Profile.of(alice)
    profile.time_zone = "Pacific/Kiritimati"  # UTC+14: already 5 January there
    profile.save()
    assert alice_client.get(f"/checkin/?date={dt.date(2027, 1, 5)}").status_code == 200


def test_it_can_be_deleted_after_confirming(alice: User, alice_client: Client, answers: Answers) -> None:
    alice_client.post_form("/checkin/", answers(symptom_anxiety="2"))
    row = saved(alice)
    page = alice_client.get(f"/journal/checkin/{row.pk}/delete/")
    assert "Delete the check-in of Monday 4 January 2027, with its symptom ratings?" in page.content.decode()
    assert CheckIn.objects.for_user(alice).exists()  # asking deletes nothing
    response = alice_client.post_form(f"/journal/checkin/{row.pk}/delete/")
    assert response.status_code == 302
    assert not CheckIn.objects.for_user(alice).exists()
