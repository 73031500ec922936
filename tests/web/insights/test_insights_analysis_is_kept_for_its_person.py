"""The Insights' analysis kept in the database (``KeptAnalysis``) is its person's only: another person
never gets it, even with the same journal or with her row copied over his; only rows this app signed
are read back (anything else is analysed again and replaced); storing is best effort; and it goes with
the account."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError
from insight_history import TODAY, give_history_to, save_checkin

from benzotaper.journal import CheckInRecord
from benzotaper.web.accounts.models import Profile
from benzotaper.web.insights import analysis_cache
from benzotaper.web.insights.analysis_cache import journal_and_insights
from benzotaper.web.insights.data import analyse, journal_of
from benzotaper.web.insights.models import KeptAnalysis
from benzotaper.web.journal.models import CheckIn, DoseTaken, Medication


@pytest.fixture(autouse=True)
def nothing_in_memory() -> None:
    analysis_cache.forget_all()  # person ids come again from test to test


def kept(user: User) -> Any:
    return journal_and_insights(user, Profile.of(user))[1]


def fresh(user: User) -> dict[str, Any]:
    return analyse(journal_of(user)).to_dict()


def analyses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The journals analysed from now on."""
    analysed: list[object] = []
    monkeypatch.setattr(
        analysis_cache, "analyse", lambda journal: analysed.append(journal) or analyse(journal)
    )
    return analysed


def test_bob_with_the_same_journal_never_gets_alices(
    alice: User, bob: User, alice_history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    give_history_to(bob)
    alices = kept(alice)
    analysis_cache.forget_all()
    analysed = analyses(monkeypatch)
    bobs = kept(bob)
    assert analysed  # his own, made from his journal
    assert bobs.to_dict() == fresh(bob)
    assert KeptAnalysis.objects.for_user(bob).get().data != KeptAnalysis.objects.for_user(alice).get().data
    assert kept(alice).to_dict() == alices.to_dict()


def test_her_row_copied_over_his_is_not_read(
    alice: User, bob: User, alice_history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept(alice)
    save_checkin(bob, CheckInRecord(TODAY, wellbeing=5))
    kept(bob)
    his = KeptAnalysis.objects.for_user(bob).get()
    hers = KeptAnalysis.objects.for_user(alice).get()
    KeptAnalysis.objects.for_user(bob).update(data=hers.data)  # his digest, her signed bytes
    analysis_cache.forget_all()
    analysed = analyses(monkeypatch)
    assert kept(bob).to_dict() == fresh(bob) != fresh(alice)
    assert len(analysed) == 1
    assert bytes(KeptAnalysis.objects.for_user(bob).get().data) == bytes(his.data)  # replaced by his own


@pytest.mark.parametrize("damage", [b"", b"not signed", bytes(32) + b"pickled bytes from anywhere"])
def test_a_row_this_app_did_not_write_is_analysed_again(
    alice: User, alice_history: Any, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    kept(alice)
    KeptAnalysis.objects.for_user(alice).update(data=damage)
    analysis_cache.forget_all()
    analysed = analyses(monkeypatch)
    assert kept(alice).to_dict() == fresh(alice)
    assert len(analysed) == 1


def test_a_change_of_the_analysing_code_analyses_again(
    alice: User, alice_history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept(alice)
    analysis_cache.forget_all()
    monkeypatch.setattr(analysis_cache, "code_version", lambda: "the next version of the code")
    analysed = analyses(monkeypatch)
    kept(alice)
    assert len(analysed) == 1


def test_a_database_that_cannot_store_it_still_answers(
    alice: User, alice_history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*args: object, **kwargs: object) -> None:
        raise DatabaseError("database is locked")

    monkeypatch.setattr("benzotaper.web.records.PersonalQuerySet.update_or_create", busy)
    assert kept(alice).to_dict() == fresh(alice)
    assert not KeptAnalysis.objects.for_user(alice).exists()


def test_what_the_person_wrote_in_words_is_not_kept(alice: User, alice_history: Any) -> None:
    row = CheckIn.objects.for_user(alice).get(date=TODAY)
    row.notes, row.events = "private words", [{"kind": "stress", "text": "private words"}]
    row.save()
    DoseTaken.objects.for_user(alice).filter(date=TODAY).update(note="private words")
    Medication.objects.for_user(alice).filter(name="warfarin").update(notes="private words")
    before = fresh(alice)
    kept(alice)
    analysis_cache.forget_all()
    journal, result = journal_and_insights(alice, Profile.of(alice))
    assert result.to_dict() == before
    assert not [c for c in journal.checkins if c.notes or any(e.text for e in c.events)]
    assert not [d for d in journal.doses if d.note] and not [m for m in journal.medications if m.notes]
    assert b"private words" not in zlib.decompress(
        bytes(KeptAnalysis.objects.for_user(alice).get().data)[32:]
    )


def test_an_empty_journal_is_analysed_at_once_and_not_stored(alice: User) -> None:
    assert kept(alice).to_dict() == fresh(alice)
    assert not KeptAnalysis.objects.for_user(alice).exists()


def test_deleting_the_account_deletes_its_analysis(alice: User, bob: User, alice_history: Any) -> None:
    give_history_to(bob)
    kept(alice)
    kept(bob)
    alice_id = alice.pk
    alice.delete()
    assert not KeptAnalysis.objects.filter(user_id=alice_id).exists()
    assert KeptAnalysis.objects.for_user(bob).exists()
