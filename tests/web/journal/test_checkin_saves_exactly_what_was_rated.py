"""What a check-in saves is exactly what the person rated: every rated item with its rating, 0
included, and nothing for an item left "not rated" (property-based, on the form and the API)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benzotaper.knowledge import load_symptoms
from benzotaper.web.accounts.models import ApiToken
from benzotaper.web.journal.models import CheckIn

Answers = Callable[..., dict[str, str]]
CODES = [item.code for item in load_symptoms().rated_items]
ratings = st.dictionaries(st.sampled_from(CODES), st.integers(0, 4), max_size=len(CODES))
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def saved_ratings(user: User) -> dict[str, int]:
    row = CheckIn.objects.for_user(user).get(date="2027-01-04")
    return {rating.code: rating.severity for rating in row.ratings.all()}


@EXAMPLES
@given(rated=ratings)
def test_the_form_saves_the_rated_items_and_only_them(
    alice: User, alice_client: Client, answers: Answers, rated: dict[str, int]
) -> None:
    CheckIn.objects.for_user(alice).delete()
    posted = answers(**{f"symptom_{code}": str(severity) for code, severity in rated.items()})
    assert alice_client.post_form("/checkin/", posted).status_code == 302
    assert saved_ratings(alice) == rated


@EXAMPLES
@given(rated=ratings)
def test_the_api_saves_the_rated_items_and_only_them(alice: User, rated: dict[str, int]) -> None:
    CheckIn.objects.for_user(alice).delete()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(alice, 'tests')[1]}")
    body = {"date": "2027-01-04", "symptoms": [{"symptom": c, "severity": s} for c, s in rated.items()]}
    assert client.post("/api/v1/checkins", body, content_type="application/json").status_code == 201
    assert saved_ratings(alice) == rated


def test_an_untouched_check_in_saves_no_rating(alice: User, alice_client: Client, answers: Answers) -> None:
    alice_client.post_form("/checkin/", answers(flag_seizure="on"))
    assert saved_ratings(alice) == {}
