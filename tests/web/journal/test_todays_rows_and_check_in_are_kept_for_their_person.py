"""Today's dose rows and quick check-in are written once for what they show and kept
(``web.kept_fragments``): a tap or a saved check-in shows at once, each person sees their own, a form
with errors is written with them, every kept form carries the page's own CSRF token, and nothing is
kept once an account is deleted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.planning import Plan
from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.journal.views.today import _kept_quick_forms, _kept_rows


def _today(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _tap(client: Client, status: str, token: str, mg: str = "") -> int:
    data = {"date": "2027-01-04", "time": "morning", "drug": "diazepam", "status": status, "mg": mg}
    return int(client.post("/dose/", {**data, "csrfmiddlewaretoken": token}).status_code)


def _token(page: str) -> str:
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert meta is not None
    fields = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert fields == {meta.group(1)}  # every form on the page, kept or not, has the page's token
    assert "the form's CSRF field" not in page
    return meta.group(1)


def test_a_tap_shows_at_once_on_a_kept_row(alice_client: Client, alice_plan: SavedPlan) -> None:
    _today(alice_client)
    page = _today(alice_client)
    assert page.count("Not recorded yet") == 2
    assert _tap(alice_client, "as_planned", _token(page)) == 302
    page = _today(alice_client)
    assert "Taken as planned: 4 mg" in page and page.count("Not recorded yet") == 1
    assert _tap(alice_client, "undo", _token(page)) == 302
    assert _today(alice_client).count("Not recorded yet") == 2


def test_each_person_sees_their_own_rows_of_the_same_plan(
    bob: User,
    alice_client: Client,
    bob_client: Client,
    alice_plan: SavedPlan,
    plan_from: Callable[[dt.date], Plan],
) -> None:
    SavedPlan.store(bob, plan_from(dt.date(2027, 1, 4)))
    _today(bob_client)
    assert _tap(alice_client, "skipped", _token(_today(alice_client))) == 302
    assert "</span> Skipped</p>" in _today(alice_client)
    bobs = _today(bob_client)
    assert "</span> Skipped</p>" not in bobs and bobs.count("Not recorded yet") == 2


def test_a_row_with_errors_is_written_with_them_and_then_kept_without(
    alice_client: Client, alice_plan: SavedPlan
) -> None:
    page = _today(alice_client)
    answer = alice_client.post(
        "/dose/",
        {
            "date": "2027-01-04",
            "time": "morning",
            "drug": "diazepam",
            "status": "different",
            "mg": "lots",
            "csrfmiddlewaretoken": _token(page),
        },
    )
    assert answer.status_code == 200 and '<details class="dose-different" open>' in answer.content.decode()
    assert '<details class="dose-different" open>' not in _today(alice_client)


def test_a_saved_quick_check_in_shows_at_once(alice_client: Client) -> None:
    page = _today(alice_client)
    assert 'name="wellbeing" ' in page and 'name="wellbeing" value=' not in page
    data = {"date": "2027-01-04", "version": "0", "wellbeing": "7", "sleep_hours": "6.5", "notes": "calm"}
    saved = alice_client.post("/checkin/quick/", {**data, "csrfmiddlewaretoken": _token(page)})
    assert saved.status_code == 302
    page = _today(alice_client)
    assert 'name="wellbeing" value="7"' in page and 'name="version" value="1"' in page
    assert ">\ncalm</textarea>" in page


def test_nothing_is_kept_once_an_account_is_deleted(
    alice_client: Client, alice_plan: SavedPlan, bob: User
) -> None:
    _today(alice_client)
    assert _kept_rows._kept and _kept_quick_forms._kept
    bob.delete()
    assert not _kept_rows._kept and not _kept_quick_forms._kept
