"""The alerts of Today and the check-in are worked out once for what they read (the tallies of the
check-ins, the plan, the country, today) and kept for the person: after every kind of journal write the
page shows what working them out afresh shows, and one person's kept alerts never reach another."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from insight_history import LATEST_CUT, NOW, TODAY

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.web.accounts.models import Profile
from benzotaper.web.insights import alerts_panel
from benzotaper.web.journal.models import CheckIn, SavedPlan, SymptomRating

WARNING = "Your taper may be going too fast"


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    alerts_panel._kept.clear()
    yield
    alerts_panel._kept.clear()


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each time the alerts are worked out (not taken from what is kept)."""
    calls: list[object] = []
    real = alerts_panel.alerts_of

    def counted(journal: Any) -> Any:
        calls.append(journal)
        return real(journal)

    monkeypatch.setattr(alerts_panel, "alerts_of", counted)
    return calls


def alerts_shown(client: Any, url: str = "/") -> str:
    """The page's alerts block ("" when it shows none)."""
    html = client.get(url).content.decode()
    found = re.search(r'<section class="insight-alerts".*?</section>', html, re.S)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", found.group(0)) if found else ""


def test_an_unchanged_journal_is_worked_out_once(
    alice_client: Any, alice_history: SavedPlan, worked_out: list[object]
) -> None:
    today = alerts_shown(alice_client)
    assert WARNING in today
    assert alerts_shown(alice_client) == today
    assert WARNING in alerts_shown(alice_client, "/checkin/")  # today's check-in is saved
    assert len(worked_out) == 1


def edit_a_check_in(alice: User) -> None:
    row = CheckIn.objects.for_user(alice).get(date=TODAY)
    row.wellbeing = 9
    row.save()


def rate_again(alice: User) -> None:
    for row in CheckIn.objects.for_user(alice).filter(date__gt=LATEST_CUT):
        row.set_scores([SymptomScore("anxiety", 0)])


def delete_the_wave(alice: User) -> None:
    CheckIn.objects.for_user(alice).filter(date__gt=LATEST_CUT).delete()


def update_ratings_in_bulk(alice: User) -> None:
    SymptomRating.objects.for_user(alice).filter(checkin__date__gt=LATEST_CUT).update(severity=0)


def update_check_ins_in_bulk(alice: User) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY).update(red_flags=["seizure"])


def restore_a_check_in(alice: User) -> None:
    CheckIn.objects.for_user(alice).filter(date=TODAY).delete()
    CheckIn.objects.for_user(alice).bulk_create(
        [CheckIn.from_record(alice, CheckInRecord(TODAY, wellbeing=2))]
    )


def stop_the_plan(alice: User) -> None:
    SavedPlan.objects.for_user(alice).update(status="superseded")


def move_country(alice: User) -> None:
    Profile.objects.filter(user=alice).update(country="US")


WRITES: list[Callable[[User], None]] = [
    edit_a_check_in,
    rate_again,
    delete_the_wave,
    update_ratings_in_bulk,
    update_check_ins_in_bulk,
    restore_a_check_in,
    stop_the_plan,
    move_country,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
def test_after_each_kind_of_write_the_alerts_are_worked_out_afresh(
    alice: User,
    alice_client: Any,
    alice_history: SavedPlan,
    worked_out: list[object],
    write: Callable[[User], None],
) -> None:
    alerts_shown(alice_client)
    write(alice)
    shown = alerts_shown(alice_client)
    assert len(worked_out) == 2
    alerts_panel._kept.clear()
    assert shown == alerts_shown(alice_client)  # what working them out with nothing kept shows


def test_the_wave_gone_the_warning_goes(alice: User, alice_client: Any, alice_history: SavedPlan) -> None:
    assert WARNING in alerts_shown(alice_client)
    update_ratings_in_bulk(alice)
    assert WARNING not in alerts_shown(alice_client)


def test_a_new_day_is_worked_out_afresh(
    alice_client: Any, alice_history: SavedPlan, worked_out: list[object]
) -> None:
    alerts_shown(alice_client)
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        alerts_shown(alice_client)
    assert len(worked_out) == 2


def test_a_persons_kept_alerts_never_reach_another(
    alice_client: Any,
    bob: User,
    bob_client: Any,
    alice_history: SavedPlan,
    give_history: Callable[[User], Any],
) -> None:
    alices = alerts_shown(alice_client)
    assert f'action="/plan/{alice_history.pk}/hold/"' in alices
    assert alerts_shown(bob_client) == ""
    bobs_plan = give_history(bob)  # the same journal: his own alerts, with his own plan
    bobs = alerts_shown(bob_client)
    assert WARNING in bobs
    assert f'action="/plan/{bobs_plan.pk}/hold/"' in bobs
    assert f"/plan/{alice_history.pk}/" not in bobs


def test_a_deleted_accounts_alerts_are_forgotten(
    alice: User, alice_client: Any, alice_history: SavedPlan
) -> None:
    alerts_shown(alice_client)
    assert alice.pk in alerts_panel._kept
    alice.delete()
    assert not alerts_panel._kept
