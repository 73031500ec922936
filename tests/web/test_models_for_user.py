"""Alice sees only her own rows through ``for_user``, and Bob only his; nobody signed out sees any."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import models

from benzotaper.web.records import PersonalQuerySet


def personal_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if isinstance(m._default_manager.all(), PersonalQuerySet)]


def test_every_model_that_points_to_a_person_is_personal() -> None:
    personal = set(personal_models())
    for model in apps.get_models():
        if model._meta.app_label not in ("accounts", "journal"):
            continue
        owners = [f for f in model._meta.get_fields() if f.is_relation and f.related_model is User]
        reaches_a_person = owners or getattr(model, "owner_path", None)
        if reaches_a_person:
            assert model in personal, f"{model.__name__} holds personal data but has no for_user()"


def test_alice_and_bob_see_only_their_own_rows(
    alice: User, bob: User, make_rows: Callable[[User], dict[str, Any]]
) -> None:
    alices, bobs = make_rows(alice), make_rows(bob)
    checked = set()
    for model in personal_models():
        name = model.__name__
        assert name in alices, f"make_rows makes no {name}: add one so its isolation is tested"
        mine = set(model.objects.for_user(alice).values_list("pk", flat=True))  # type: ignore[attr-defined]
        assert alices[name].pk in mine
        assert bobs[name].pk not in mine, f"alice sees bob's {name}"
        theirs = set(model.objects.for_user(bob).values_list("pk", flat=True))  # type: ignore[attr-defined]
        assert not mine & theirs
        checked.add(name)
    assert {"Profile", "ApiToken", "CheckIn", "SymptomRating", "SavedPlan"} <= checked


def test_nobody_signed_out_gets_anyones_rows(alice: User) -> None:
    for model in personal_models():
        with pytest.raises(PermissionDenied):
            model.objects.for_user(AnonymousUser())  # type: ignore[attr-defined]
