"""Two tabs editing the same check-in: the second save does not silently undo the first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from benzotaper.journal import CheckInRecord
from benzotaper.web.journal.models import CheckIn
from benzotaper.web.records import StaleEditError

DAY = dt.date(2027, 1, 4)


@pytest.fixture
def checkin(alice: User) -> CheckIn:
    row = CheckIn.from_record(alice, CheckInRecord(DAY, wellbeing=5, notes="slept badly"))
    row.save()
    return row


def two_tabs(alice: User) -> tuple[CheckIn, CheckIn]:
    rows = CheckIn.objects.for_user(alice)
    return rows.get(date=DAY), rows.get(date=DAY)


def test_a_new_record_starts_at_version_1(checkin: CheckIn) -> None:
    assert checkin.version == 1


def test_each_save_counts_the_version_up(checkin: CheckIn) -> None:
    checkin.wellbeing = 6
    checkin.save()
    checkin.notes = "better"
    checkin.save()
    checkin.refresh_from_db()
    assert (checkin.version, checkin.wellbeing, checkin.notes) == (3, 6, "better")


def test_the_second_of_two_tabs_is_told_instead_of_overwriting(alice: User, checkin: CheckIn) -> None:
    first, second = two_tabs(alice)
    first.wellbeing = 7
    first.save()
    second.notes = "a wave in the afternoon"
    with pytest.raises(StaleEditError) as raised:
        second.save()
    assert isinstance(raised.value.current, CheckIn)
    assert raised.value.current.wellbeing == 7
    stored = CheckIn.objects.for_user(alice).get(date=DAY)
    assert (stored.wellbeing, stored.notes, stored.version) == (7, "slept badly", 2)
    assert second.version == 1


def test_a_save_over_the_current_version_goes_through(alice: User, checkin: CheckIn) -> None:
    first, second = two_tabs(alice)
    first.wellbeing = 7
    first.save()
    second.refresh_from_db()
    second.notes = "merged by hand"
    second.save()
    stored = CheckIn.objects.for_user(alice).get(date=DAY)
    assert (stored.wellbeing, stored.notes, stored.version) == (7, "merged by hand", 3)


def test_a_form_sets_the_version_it_was_shown_with(alice: User, checkin: CheckIn) -> None:
    shown_version = checkin.version
    checkin.wellbeing = 2
    checkin.save()
    late = CheckIn.objects.for_user(alice).get(date=DAY)
    late.version = shown_version  # the hidden field of a form opened before the save
    late.notes = "from the old tab"
    with pytest.raises(StaleEditError):
        late.save()


def test_saving_only_some_fields_still_checks_and_counts_the_version(alice: User, checkin: CheckIn) -> None:
    first, second = two_tabs(alice)
    first.notes = "first"
    first.save(update_fields=["notes"])
    second.notes = "second"
    with pytest.raises(StaleEditError):
        second.save(update_fields=["notes"])
    assert CheckIn.objects.for_user(alice).get(date=DAY).version == 2


def test_an_edit_of_a_deleted_record_is_stale(alice: User, checkin: CheckIn) -> None:
    first, second = two_tabs(alice)
    first.delete()
    second.notes = "too late"
    with pytest.raises(StaleEditError) as raised:
        second.save()
    assert raised.value.current is None
