"""A symptom of the person's own stays on their check-in day after day, until they switch it off."""

from __future__ import annotations

from collections.abc import Callable

import time_machine
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import SymptomScore
from benzotaper.web.journal.models import CheckIn, CustomSymptom

Answers = Callable[..., dict[str, str]]


def test_an_added_symptom_is_rated_and_asked_again_the_next_day(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/", answers(new_symptom="Jaw  ache", new_symptom_severity="2"))
    symptom = CustomSymptom.objects.for_user(alice).get()
    assert (symptom.name, symptom.active) == ("Jaw ache", True)
    record = CheckIn.objects.for_user(alice).get().to_record()
    assert SymptomScore("Jaw ache", 2, custom=True) in record.symptoms

    with time_machine.travel("2027-01-05 10:00Z", tick=False):
        html = alice_client.get("/checkin/").content.decode()
        assert f'name="custom_{symptom.pk}" value="0"' in html
        assert "<legend>Jaw ache</legend>" in html
        alice_client.post_form("/checkin/", answers(**{f"custom_{symptom.pk}": "3"}))
    day_two = CheckIn.objects.for_user(alice).get(date="2027-01-05").to_record()
    assert SymptomScore("Jaw ache", 3, custom=True) in day_two.symptoms


def test_a_symptom_can_be_switched_off_and_its_past_ratings_stay(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/", answers(new_symptom="Jaw ache", new_symptom_severity="2"))
    symptom = CustomSymptom.objects.for_user(alice).get()
    alice_client.post_form(
        "/checkin/", answers(version="1", **{f"custom_{symptom.pk}": "1", f"off_{symptom.pk}": "on"})
    )
    symptom.refresh_from_db()
    assert not symptom.active
    assert (
        SymptomScore("Jaw ache", 1, custom=True) in CheckIn.objects.for_user(alice).get().to_record().symptoms
    )
    with time_machine.travel("2027-01-05 10:00Z", tick=False):
        assert "Jaw ache" not in alice_client.get("/checkin/").content.decode()
    # The day it was rated still shows it.
    assert "<legend>Jaw ache</legend>" in alice_client.get("/checkin/?date=2027-01-04").content.decode()


def test_adding_a_switched_off_symptom_again_asks_about_it_again(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    CustomSymptom.objects.create(user=alice, name="Jaw ache", active=False)
    alice_client.post_form("/checkin/", answers(new_symptom="jaw ache", new_symptom_severity="1"))
    symptom = CustomSymptom.objects.for_user(alice).get()
    assert symptom.active
    assert symptom.ratings.count() == 1


def test_a_new_symptom_needs_a_rating_and_a_name_not_already_asked(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    html = alice_client.post_form("/checkin/", answers(new_symptom="Jaw ache")).content.decode()
    assert "Rate the symptom you added, from 0 to 4." in html
    assert 'value="Jaw ache"' in html
    html = alice_client.post_form(
        "/checkin/", answers(new_symptom="anxiety", new_symptom_severity="2")
    ).content.decode()
    assert "anxiety is already on the checklist above: rate it there." in html
    assert not CheckIn.objects.for_user(alice).exists()


def test_another_persons_symptoms_are_not_asked(alice: User, bob: User, bob_client: Client) -> None:
    CustomSymptom.objects.create(user=alice, name="Jaw ache")
    assert "Jaw ache" not in bob_client.get("/checkin/").content.decode()
