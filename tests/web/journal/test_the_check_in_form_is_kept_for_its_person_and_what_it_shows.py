"""The check-in's form, when it shows a saved or blank check-in, is written once for everything it shows
and kept: after every kind of change the page reads exactly as with nothing kept, a posted form is
written each time, and one person's form is never shown to another nor kept after their account."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.web.journal.models import CheckIn, CustomSymptom, SymptomRating, SymptomShortList

view = importlib.import_module("benzotaper.web.journal.views.checkin")
TODAY = dt.date(2027, 1, 4)  # the journal tests' stopped clock (conftest.py)
SECRET = 'Alice\'s note: <slept badly> & "woke" at 4'


@pytest.fixture(autouse=True)
def forget_kept_forms() -> None:
    view._kept_forms.forget()  # a form an earlier test kept (ids are used again) must not count here


@pytest.fixture
def written() -> Iterator[mock.MagicMock]:
    """Counts each time a check-in form is written apart to be kept."""
    with mock.patch.object(view, "render_to_string", wraps=view.render_to_string) as spy:
        yield spy


def page(client: Any, url: str = "/checkin/") -> str:
    """The page without what changes from request to request (the CSRF token)."""
    html = client.get(url).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'<meta name="csrf-token" content="[^"]*"', "", html)


def page_with_nothing_kept(client: Any, url: str = "/checkin/") -> str:
    view._kept_forms.forget()
    return page(client, url)


def alices_check_in(alice: User) -> CheckIn:
    row = CheckIn.from_record(
        alice, CheckInRecord(TODAY, wellbeing=6, notes=SECRET, symptoms=(SymptomScore("anxiety", 2),))
    )
    row.save()
    row.set_scores([SymptomScore("anxiety", 2), SymptomScore("insomnia", 1)])
    return row


def test_a_check_in_shown_again_is_written_once(
    alice: User, alice_client: Any, written: mock.MagicMock
) -> None:
    alices_check_in(alice)
    first = page(alice_client)
    assert page(alice_client) == first
    assert "&lt;slept badly&gt;" in first
    assert written.call_count == 1


def test_a_posted_form_is_written_each_time(alice_client: Any, written: mock.MagicMock) -> None:
    for _ in range(2):
        html = alice_client.post_form("/checkin/", {"version": "0", "wellbeing": "eleven"}).content.decode()
        assert 'value="eleven"' in html and "is not saved yet" in html
    assert written.call_count == 0


def save_through_the_page(alice: User, client: Any) -> None:
    row = CheckIn.objects.for_user(alice).get(date=TODAY)
    answers = {"version": str(row.version), "wellbeing": "3", "symptom_panic": "4", "notes": "calmer"}
    assert client.post_form("/checkin/", answers).status_code == 302
    client.get("/")  # where it goes, showing "Check-in saved."


def rate_in_bulk(alice: User, client: Any) -> None:
    SymptomRating.objects.for_user(alice).update(severity=4)


def edit_the_notes(alice: User, client: Any) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY).update(notes="something else", version=9)


def add_an_own_symptom(alice: User, client: Any) -> None:
    CustomSymptom.objects.create(user=alice, name="Buzzing")


def rename_an_own_symptom(alice: User, client: Any) -> None:
    CustomSymptom.objects.for_user(alice).filter(name="Tinnitus").update(name="Ringing ears")


def switch_an_own_symptom_off(alice: User, client: Any) -> None:
    CustomSymptom.objects.for_user(alice).filter(name="Tinnitus").update(active=False)


def choose_a_short_list(alice: User, client: Any) -> None:
    SymptomShortList.choose(alice, ["panic", "tremor"])


def delete_the_check_in(alice: User, client: Any) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY).delete()


CHANGES: list[Callable[[User, Any], None]] = [
    save_through_the_page,
    rate_in_bulk,
    edit_the_notes,
    add_an_own_symptom,
    rename_an_own_symptom,
    switch_an_own_symptom_off,
    choose_a_short_list,
    delete_the_check_in,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_after_each_kind_of_change_the_page_reads_as_with_nothing_kept(
    alice: User, alice_client: Any, change: Callable[[User, Any], None]
) -> None:
    alices_check_in(alice)
    CustomSymptom.objects.create(user=alice, name="Tinnitus")
    before = page(alice_client)
    change(alice, alice_client)
    after = page(alice_client)
    assert after == page_with_nothing_kept(alice_client)
    assert after != before


@pytest.mark.parametrize("url", ["/checkin/?date=2027-01-03", "/checkin/?same=yesterday"])
def test_another_day_and_yesterdays_ratings_are_their_own(alice: User, alice_client: Any, url: str) -> None:
    alices_check_in(alice)
    page(alice_client)
    assert page(alice_client, url) == page_with_nothing_kept(alice_client, url)


def test_one_persons_form_is_never_shown_to_another(
    alice: User, alice_client: Any, bob: User, bob_client: Any
) -> None:
    alices_check_in(alice)
    assert "slept badly" in page(alice_client)
    bobs = page(bob_client)
    assert "slept badly" not in bobs
    assert {key[0][0] for key in view._kept_forms._kept} == {alice.pk, bob.pk}


def test_a_deleted_account_leaves_no_form_kept(alice: User, alice_client: Any) -> None:
    alices_check_in(alice)
    page(alice_client)
    alice.delete()
    assert not view._kept_forms._kept
