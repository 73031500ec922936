"""The Insights' analysis is kept (in memory, and in the database for a new process) while the person's
journal is unchanged, and made again after any change to what it reads: every kind of write, bulk ones
included, the profile and a new day, in this process and in a new one. It is kept per person: Bob never
gets Alice's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from insight_history import FIRST_CHECKIN, NOW, TODAY, give_history_to, save_checkin, the_plan

from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord, SymptomScore
from benzotaper.web.accounts.models import Profile
from benzotaper.web.insights import analysis_cache
from benzotaper.web.insights.analysis_cache import journal_and_insights, journal_fingerprint
from benzotaper.web.insights.data import analyse, journal_of
from benzotaper.web.journal.models import CheckIn, CustomSymptom, DoseTaken, Medication, SavedPlan
from benzotaper.web.plans.stored import hold_saved_plan
from benzotaper.web.sharing.gather import account_of, restore


def kept(user: User) -> Any:
    return journal_and_insights(user, Profile.of(user))[1]


def fresh(user: User) -> dict[str, Any]:
    return analyse(journal_of(user)).to_dict()


def test_a_repeat_view_of_an_unchanged_journal_is_not_analysed_again(alice: User, alice_history: Any) -> None:
    assert kept(alice) is kept(alice)
    assert kept(alice).to_dict() == fresh(alice)


def test_a_repeat_view_reads_the_journals_fingerprint_in_one_query(
    alice: User, bob: User, alice_history: Any, django_assert_num_queries: Any
) -> None:
    profile = Profile.of(alice)
    kept(alice)
    with django_assert_num_queries(1):
        journal_and_insights(alice, profile)
    assert journal_fingerprint(alice, profile, TODAY) != journal_fingerprint(bob, profile, TODAY)


def _first_dose(alice: User) -> DoseTaken:
    return DoseTaken.objects.for_user(alice).order_by("id").first()  # type: ignore[return-value]


def _first_checkin(alice: User) -> CheckIn:
    return CheckIn.objects.for_user(alice).order_by("id").first()  # type: ignore[return-value]


def _edit_dose(alice: User) -> None:
    dose = _first_dose(alice)
    dose.taken_mg, dose.status = Decimal("1"), "different"
    dose.save()


def _edit_checkin(alice: User) -> None:
    checkin = _first_checkin(alice)
    checkin.wellbeing = 1
    checkin.save()


def _rerate_checkin(alice: User) -> None:
    # Ratings written again without saving the check-in itself.
    _first_checkin(alice).set_scores((SymptomScore("anxiety", 4),))


def _edit_medicine(alice: User) -> None:
    medicine = Medication.objects.for_user(alice).get(name="warfarin")
    medicine.stopped = TODAY - dt.timedelta(days=3)
    medicine.save()


def _hold(alice: User) -> None:
    hold_saved_plan(alice, SavedPlan.objects.for_user(alice).active().get(), 1, 7, "a wave", TODAY)


def _change_profile(**fields: str) -> Callable[[User], None]:
    def change(alice: User) -> None:
        profile = Profile.of(alice)
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()

    return change


CHANGES: dict[str, Callable[[User], object]] = {
    "a dose added": lambda alice: DoseTaken.from_record(
        alice, DoseRecord(FIRST_CHECKIN, "morning", "diazepam", None, Decimal(2), "different")
    ).save(),
    "a dose edited": _edit_dose,
    "a dose deleted": lambda alice: _first_dose(alice).delete(),
    "doses deleted in bulk": lambda alice: DoseTaken.objects.for_user(alice).filter(date=TODAY).delete(),
    "a check-in added": lambda alice: save_checkin(
        alice, CheckInRecord(FIRST_CHECKIN - dt.timedelta(days=1), wellbeing=2)
    ),
    "a check-in edited": _edit_checkin,
    "a check-in's ratings written again": _rerate_checkin,
    "a check-in deleted": lambda alice: _first_checkin(alice).delete(),
    "a medicine added": lambda alice: Medication.from_record(
        alice, MedicationRecord("alprazolam", "benzodiazepine", "0.5mg", "night")
    ).save(),
    "a medicine edited": _edit_medicine,
    "a medicine deleted": lambda alice: Medication.objects.for_user(alice).filter(name="warfarin").delete(),
    "a new plan": lambda alice: SavedPlan.store(alice, the_plan(), name="again"),
    "a hold": _hold,
    "the country changed": _change_profile(country="DE"),
    "the time zone changed": _change_profile(time_zone="Pacific/Kiritimati"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_change_to_the_journal_makes_it_analyse_again(
    alice: User, alice_history: Any, change: Callable[[User], object]
) -> None:
    before = kept(alice)
    change(alice)
    after = kept(alice)
    assert after is not before
    assert after.to_dict() == fresh(alice)


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_new_process_sees_every_change_too(
    alice: User, alice_history: Any, change: Callable[[User], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept(alice)  # stored in the database too
    change(alice)
    analysis_cache.forget_all()  # as a new server process starts with nothing in memory
    analysed = []
    monkeypatch.setattr(
        analysis_cache, "analyse", lambda journal: analysed.append(journal) or analyse(journal)
    )
    assert kept(alice).to_dict() == fresh(alice)
    assert len(analysed) == 1  # made again, not read back from before the change


def test_a_new_process_reads_an_unchanged_journals_analysis_back(
    alice: User, alice_history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = kept(alice)
    analysis_cache.forget_all()

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("read or analysed again")

    monkeypatch.setattr(analysis_cache, "journal_of", not_again)
    monkeypatch.setattr(analysis_cache, "analyse", not_again)
    after = kept(alice)
    assert after is not before and after.to_dict() == before.to_dict() == fresh(alice)


def test_a_renamed_custom_symptom_makes_it_analyse_again(alice: User, alice_history: Any) -> None:
    symptom = CustomSymptom.objects.create(user=alice, name="jaw ache")
    day = FIRST_CHECKIN - dt.timedelta(days=1)
    save_checkin(alice, CheckInRecord(day, symptoms=(SymptomScore("jaw ache", 3, custom=True),)))
    before = kept(alice)
    symptom.name = "tight jaw"
    symptom.save()
    after = kept(alice)
    assert after is not before
    assert after.to_dict() == fresh(alice)


def test_a_new_day_makes_it_analyse_again(alice: User, alice_history: Any) -> None:
    before = kept(alice)
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        after = kept(alice)
        assert after is not before
        assert after.to_dict() == fresh(alice)


def test_an_imported_backup_makes_it_analyse_again(alice: User, bob: User) -> None:
    give_history_to(bob)
    before = kept(alice)  # an empty journal
    restore(alice, account_of(bob))
    after = kept(alice)
    assert after is not before
    assert after.to_dict() == fresh(alice) != before.to_dict()


def test_bob_never_gets_alices_analysis(alice: User, bob: User, alice_history: Any) -> None:
    alices = kept(alice)
    bobs = kept(bob)
    assert bobs is not alices
    assert bobs.to_dict() == fresh(bob) != alices.to_dict()


def test_a_deleted_account_leaves_no_analysis_behind(alice: User, alice_history: Any) -> None:
    kept(alice)
    pk = alice.pk
    alice.delete()
    assert not [key for key in analysis_cache._kept if key[0] == pk]
