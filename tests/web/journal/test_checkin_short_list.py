"""The person's short list is asked first, every other item one tap away; "same as yesterday"
starts from yesterday's ratings; Save is always in reach."""

from __future__ import annotations

from collections.abc import Callable

import time_machine
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.knowledge import load_symptoms
from benzotaper.web.journal.models import CheckIn, SymptomShortList

Answers = Callable[..., dict[str, str]]


def split(html: str) -> tuple[str, str]:
    """The page's short list part and its "all items" part."""
    short, _, rest = html.partition('<details class="all-items">')
    return short, rest


def test_a_new_person_sees_the_whole_checklist_open(alice_client: Client) -> None:
    html = alice_client.get("/checkin/").content.decode()
    assert '<details class="all-items">' not in html
    for item in load_symptoms().rated_items:
        assert f'name="symptom_{item.code}"' in html
    assert '<div class="save-bar">' in html


def test_the_items_rated_recently_become_the_list_and_the_rest_wait_one_tap_away(
    alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/", answers(symptom_anxiety="2", symptom_tremor="0"))
    with time_machine.travel("2027-01-05 10:00Z", tick=False):
        short, rest = split(alice_client.get("/checkin/").content.decode())
    assert 'name="symptom_anxiety"' in short and 'name="symptom_tremor"' in short
    assert 'name="symptom_insomnia"' not in short and 'name="symptom_insomnia"' in rest
    others = len(load_symptoms().rated_items) - 2
    assert f"All items: {others} more" in rest


def test_the_person_chooses_their_own_list(alice: User, alice_client: Client) -> None:
    page = alice_client.get("/checkin/list/").content.decode()
    assert 'name="codes" value="anxiety"' in page
    response = alice_client.post_form("/checkin/list/", {"codes": ["insomnia", "headache"]})
    assert response.status_code == 302
    assert SymptomShortList.objects.for_user(alice).get().codes == ["insomnia", "headache"]
    short, _ = split(alice_client.get("/checkin/").content.decode())
    assert 'name="symptom_insomnia"' in short and 'name="symptom_anxiety"' not in short


def test_an_unknown_item_in_the_list_is_refused(alice: User, alice_client: Client) -> None:
    response = alice_client.post_form("/checkin/list/", {"codes": ["flying"]})
    assert response.status_code == 200
    assert "flying is not an item of the checklist" in response.content.decode()
    assert not SymptomShortList.objects.for_user(alice).exists()


def test_same_as_yesterday_fills_in_yesterdays_ratings_to_check_and_save(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/?date=2027-01-03", answers(symptom_anxiety="3", flag_seizure="on"))
    html = alice_client.get("/checkin/?same=yesterday").content.decode()
    assert "Yesterday's ratings are filled in" in html
    assert 'value="3" class="scale" id="id_symptom_anxiety_4" checked' in html
    assert 'name="flag_seizure" id="id_flag_seizure" checked' not in html  # red flags are asked afresh
    assert not CheckIn.objects.for_user(alice).filter(date="2027-01-04").exists()  # nothing saved yet


def test_same_as_yesterday_says_when_there_is_nothing_to_copy(alice_client: Client) -> None:
    html = alice_client.get("/checkin/?same=yesterday").content.decode()
    assert "There are no ratings from yesterday to copy." in html
