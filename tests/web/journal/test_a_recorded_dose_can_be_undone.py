"""A recorded dose shows a clear done state, with an Undo that takes the record back."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import DoseTaken, SavedPlan

HTMX = {"HTTP_HX_REQUEST": "true"}


def tap(client: Client, status: str, **extra: str) -> str:
    data = {"date": "2027-01-04", "time": "morning", "drug": "diazepam", "status": status}
    return client.post_form("/dose/", data, **extra).content.decode()


def test_a_taken_dose_shows_a_tick_and_undo_where_the_pressed_button_was(
    alice_client: Client, alice_plan: SavedPlan
) -> None:
    html = tap(alice_client, "as_planned", **HTMX)
    assert '<span class="done-mark" aria-hidden="true">✓</span> Taken as planned: 4 mg</p>' in html
    # Undo takes the id of the button that was pressed, so the focus stays where the thumb was.
    assert 'value="undo" id="dose-morning-diazepam-taken"' in html
    assert 'value="as_planned"' not in html  # the same buttons do not stay


def test_undo_takes_the_record_back_and_brings_the_buttons_back(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    tap(alice_client, "as_planned", **HTMX)
    html = tap(alice_client, "undo", **HTMX)
    assert not DoseTaken.objects.for_user(alice).exists()
    assert "Not recorded yet" in html and 'id="dose-morning-diazepam-taken">Taken as planned' in html


def test_undo_works_without_javascript(alice: User, alice_client: Client, alice_plan: SavedPlan) -> None:
    tap(alice_client, "skipped")
    response = alice_client.post_form(
        "/dose/", {"date": "2027-01-04", "time": "morning", "drug": "diazepam", "status": "undo"}
    )
    assert response.status_code == 302
    assert not DoseTaken.objects.for_user(alice).exists()
    assert "Undone: diazepam in the morning is not recorded." in alice_client.get("/").content.decode()


def test_the_journals_edit_and_delete_are_buttons(alice_client: Client, alice_plan: SavedPlan) -> None:
    tap(alice_client, "as_planned")
    html = alice_client.get("/journal/").content.decode()
    assert '<a class="button secondary small" href="/journal/dose/' in html
    assert html.count('class="button secondary small"') >= 2
