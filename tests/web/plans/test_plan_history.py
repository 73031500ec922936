"""The plan history lists every version; an old one stays viewable, read-only."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.knowledge import load_knowledge
from benzotaper.web.journal.models import SavedPlan


def test_the_history_lists_every_version_newest_first(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    alice_client.post_form(
        f"/plan/{alice_plan.pk}/hold/", {"hold-step": "2", "hold-days": "7", "hold-reason": "a bad week"}
    )
    held = SavedPlan.objects.for_user(alice).get(status="active")
    html = alice_client.get("/plan/history/").content.decode()
    assert html.index(f'href="/plan/{held.pk}/"') < html.index(f'href="/plan/{alice_plan.pk}/"')
    assert "Hold, from" in html and "a bad week" in html
    assert "Created, from" in html and "agreed with Dr Lee" in html
    assert html.count(load_knowledge().version) == 2
    assert "(current)" in html


def test_an_old_version_is_shown_as_it_was_without_actions(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    alice_client.post_form(
        f"/plan/{alice_plan.pk}/hold/", {"hold-step": "2", "hold-days": "7", "hold-reason": "a bad week"}
    )
    held = SavedPlan.objects.for_user(alice).get(status="active")
    response = alice_client.get(f"/plan/{alice_plan.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This version was replaced" in html and f'href="/plan/{held.pk}/"' in html
    assert "Hold 7 more days" not in html  # the old steps, as saved
    assert '<form method="post" action="/plan/' not in html  # nothing to change here
    assert '<table class="steps cards">' in html and "<svg" in html
    assert "Hold 7 more days: a bad week" in alice_client.get(f"/plan/{held.pk}/").content.decode()


def test_the_history_without_plans_points_to_the_builder(alice_client: Client) -> None:
    html = alice_client.get("/plan/history/").content.decode()
    assert "You have not saved a plan yet." in html and 'href="/plan/new/"' in html
