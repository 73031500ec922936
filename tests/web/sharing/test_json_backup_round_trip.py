"""The JSON backup restores into an empty account exactly, and refuses what it cannot restore as it is."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_a_backup_restored_into_an_empty_account_has_every_record(tapering: User, bob: User) -> None:
    from benzotaper.reports.backup import backup_json, read_backup
    from benzotaper.web.sharing.gather import account_of, restore

    original = account_of(tapering)
    restore(bob, read_backup(backup_json(original)))
    restored = account_of(bob)

    assert restored.profile == original.profile
    assert restored.medications == original.medications
    assert restored.custom_symptoms == original.custom_symptoms
    assert restored.plans == original.plans
    assert restored.doses == original.doses
    assert restored.checkins == original.checkins
    assert len(original.checkins) > 150 and len(original.doses) > 300 and len(original.plans) == 2


def test_an_unrated_symptom_stays_absent_after_the_round_trip(tapering: User, bob: User) -> None:
    from benzotaper.reports.backup import backup_dict, read_backup
    from benzotaper.web.sharing.gather import account_of, restore

    data = backup_dict(account_of(tapering))
    data["checkins"][0]["symptoms"] = data["checkins"][0]["symptoms"][:1]
    restore(bob, read_backup(json.dumps(data)))
    first = account_of(bob).checkins[0]
    assert len(first.symptoms) == 1


def test_it_refuses_an_account_that_has_data(tapering: User, alice: User, make_rows: object) -> None:
    from benzotaper.reports.backup import backup_json, read_backup
    from benzotaper.web.sharing.gather import AccountNotEmptyError, account_of, restore

    make_rows(alice)  # type: ignore[operator]
    before = account_of(alice)
    with pytest.raises(AccountNotEmptyError, match="only into an empty account"):
        restore(alice, read_backup(backup_json(account_of(tapering))))
    assert account_of(alice) == before


def test_it_refuses_a_backup_from_a_newer_version(tapering: User) -> None:
    from benzotaper.reports.backup import VERSION, BackupError, backup_dict, read_backup
    from benzotaper.web.sharing.gather import account_of

    data = backup_dict(account_of(tapering))
    data["version"] = VERSION + 1
    with pytest.raises(BackupError, match=r"made by a newer benzotaper.*Update benzotaper"):
        read_backup(json.dumps(data))


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (lambda d: d["checkins"][-1].update(date="2027-02-30"), r"checkins\[\d+\]\.date"),
        (lambda d: d["checkins"][0].update(date="0026-01-04"), r"checkins\[0\]\.date: 0026-01-04 is before"),
        (lambda d: d["doses"][0].update(date="2999-01-04"), r"doses\[0\]\.date: 2999-01-04 has not happened"),
        (lambda d: d["checkins"][1].update(notes="x" * 10_001), r"checkins\[1\]\.notes: is longer than"),
        (lambda d: d["doses"][3].update(status="skipped"), r"doses\[3\]: a skipped dose"),
        (lambda d: d["checkins"][2]["symptoms"][0].update(severity=9), r"checkins\[2\]\.symptoms\[0\]"),
        (lambda d: d["plans"][0].update(plan={"steps": "no"}), r"plans\[0\]: the plan cannot be read"),
        (lambda d: d.pop("doses"), r"doses: is missing"),
    ],
)
def test_a_broken_file_says_where_and_changes_nothing(
    tapering: User, bob: User, damage: object, where: str
) -> None:
    from benzotaper.reports.backup import BackupError, backup_dict, read_backup
    from benzotaper.web.sharing.gather import account_of, has_data

    data = backup_dict(account_of(tapering))
    damage(data)  # type: ignore[operator]
    with pytest.raises(BackupError, match=where):
        read_backup(json.dumps(data))
    assert not has_data(bob)


def test_it_refuses_a_file_that_is_not_a_backup() -> None:
    from benzotaper.reports.backup import BackupError, read_backup

    with pytest.raises(BackupError, match="not JSON"):
        read_backup("date,wellbeing\n2027-01-01,5\n")
    with pytest.raises(BackupError, match="not a benzotaper backup"):
        read_backup('{"resourceType": "Bundle"}')


def test_a_failure_while_writing_leaves_the_account_empty(
    tapering: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benzotaper.reports.backup import backup_json, read_backup
    from benzotaper.web.journal.models import CheckIn
    from benzotaper.web.sharing import gather

    account = read_backup(backup_json(gather.account_of(tapering)))

    made = []
    real = CheckIn.from_record

    def fail_on_the_hundredth(user: object, record: object) -> object:
        made.append(record)
        if len(made) == 100:
            raise RuntimeError("disk full")
        return real(user, record)  # type: ignore[arg-type]

    # Plans, medicines and doses are written by then: they must all go too.
    monkeypatch.setattr(CheckIn, "from_record", fail_on_the_hundredth)
    with pytest.raises(RuntimeError):
        gather.restore(bob, account)
    assert len(made) == 100
    assert not gather.has_data(bob)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda d: d["checkins"].append(dict(d["checkins"][0])), "UNIQUE constraint|duplicate key"),
        (lambda d: d["profile"].update(time_zone="Mars/Olympus"), "Mars/Olympus is not a time zone"),
        (lambda d: d["doses"][0].update(time="teatime"), "CHECK constraint|check constraint"),
    ],
)
def test_what_only_the_journal_can_check_is_refused_and_changes_nothing(
    tapering: User, bob: User, damage: object, problem: str
) -> None:
    from benzotaper.reports.backup import BackupError, backup_dict, read_backup
    from benzotaper.web.accounts.models import Profile
    from benzotaper.web.sharing.gather import account_of, has_data, restore

    data = backup_dict(account_of(tapering))
    damage(data)  # type: ignore[operator]
    zone = Profile.of(bob).time_zone
    with pytest.raises(BackupError, match=rf"cannot keep .*({problem}).*Nothing was imported"):
        restore(bob, read_backup(json.dumps(data)))
    assert not has_data(bob)
    assert Profile.of(bob).time_zone == zone
