"""A check-in answer that cannot be right is refused with a reason, and every answer typed stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import CheckIn

Answers = Callable[..., dict[str, str]]


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        ("symptom_anxiety", "7", "Choose a rating from 0 (none) to 4 (very severe); 7 is not one of them."),
        ("symptom_anxiety", "lots", "Choose a rating from 0 (none) to 4 (very severe)"),
        ("sleep_hours", "30", "Hours of sleep go from 0 to 24: a day has 24 hours."),
        ("sleep_hours", "-1", "Hours of sleep go from 0 to 24."),
        ("sleep_hours", "six", "Write the hours as a number, like 6.5."),
        ("wellbeing", "11", "Wellbeing goes from 0 (worst) to 10 (best)."),
        ("wellbeing", "abc", "Write a whole number from 0 to 10."),
        ("event_other", "x" * 501, "Keep it to 500 characters or fewer."),
    ],
)
def test_a_bad_answer_is_named_explained_and_kept(
    alice: User, alice_client: Client, answers: Answers, field: str, typed: str, reason: str
) -> None:
    data = answers(notes="kept as typed", symptom_tremor="3", flag_confusion="on", **{field: typed})
    response = alice_client.post_form("/checkin/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your check-in is not saved yet." in html
    assert reason in html
    assert f'id="id_{field}_error"' in html  # the error sits with its field
    assert "kept as typed</textarea>" in html
    assert 'value="3" class="scale" id="id_symptom_tremor_4" checked' in html
    assert 'name="flag_confusion" id="id_flag_confusion" checked' in html
    if not field.startswith("symptom_"):
        assert f'value="{typed}"' in html
    assert not CheckIn.objects.for_user(alice).exists()


def test_the_quick_check_in_refuses_bad_answers_and_keeps_them(alice: User, alice_client: Client) -> None:
    data = {"date": "2027-01-04", "version": "0", "wellbeing": "12", "sleep_hours": "30", "notes": "typed"}
    response = alice_client.post_form("/checkin/quick/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wellbeing goes from 0 (worst) to 10 (best)." in html
    assert "a day has 24 hours" in html
    assert 'name="wellbeing" value="12"' in html
    assert 'name="sleep_hours" value="30"' in html
    assert "typed</textarea>" in html
    assert not CheckIn.objects.for_user(alice).exists()


def test_the_quick_check_in_refuses_a_day_that_has_not_come(alice: User, alice_client: Client) -> None:
    data = {"date": "2027-01-09", "version": "0", "wellbeing": "5"}
    html = alice_client.post_form("/checkin/quick/", data).content.decode()
    assert "2027-01-09 has not happened yet" in html
    assert not CheckIn.objects.for_user(alice).exists()


def test_a_forged_version_is_refused_without_an_error_page(alice_client: Client, answers: Answers) -> None:
    assert alice_client.post_form("/checkin/", answers(version="-3")).status_code == 200
    assert alice_client.post_form("/checkin/", answers(version="x")).status_code == 200
