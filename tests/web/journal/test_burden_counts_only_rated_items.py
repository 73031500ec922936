"""The burden averages the rated items only, and Insights says how many were rated: anxiety rated 3 of
4, and nothing else rated, is a burden of 75, not 2 out of 100."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import ApiToken

Answers = Callable[..., dict[str, str]]


def test_one_item_rated_3_of_4_is_a_burden_of_75(alice: User, alice_client: Client, answers: Answers) -> None:
    alice_client.post_form("/checkin/", answers(symptom_anxiety="3"))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(alice, 'tests')[1]}")
    burden = client.get("/api/v1/insights").json()["burden"]
    assert burden["values"][-1] == 75.0 and burden["items_rated"][-1] == 1
    html = alice_client.get("/insights/").content.decode()
    assert "Only rated items count: an item you did not rate is not a 0." in html
    assert "Your last check-in rated 1 item; on average you rate 1." in html
