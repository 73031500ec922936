"""Every change to a plan needs the CSRF token a real page form carries."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan

BuilderData = Callable[..., dict[str, str]]


def test_posts_without_a_token_are_refused(
    alice: User, csrf_client: Client, alice_plan: SavedPlan, builder_data: BuilderData
) -> None:
    csrf_client.force_login(alice)
    posts = {
        "/plan/new/": builder_data(action="save"),
        f"/plan/{alice_plan.pk}/hold/": {"hold-step": "2", "hold-days": "7", "hold-reason": "x"},
        f"/plan/{alice_plan.pk}/replan/": {"replan-reason": "x"},
    }
    for path, data in posts.items():
        assert csrf_client.post(path, data).status_code == 403, path
    assert SavedPlan.objects.for_user(alice).count() == 1


def test_the_same_post_with_the_token_is_accepted(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    assert alice_client.post_form("/plan/new/", builder_data(action="save")).status_code == 302
