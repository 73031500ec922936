"""Creating an account: the one way both the sign-up page and ``benzotaper adduser`` use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction

from benzotaper.web.accounts.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class PersonExistsError(ValueError):
    """There is already an account with this name."""


def name_taken(username: str) -> bool:
    """Whether an account has this name, ignoring case (Alice and alice are one person)."""
    return get_user_model()._default_manager.filter(username__iexact=username).exists()


def add_person(username: str, password: str, *, time_zone: str = "UTC", country: str = "US") -> User:
    """Create an account with its profile. ``ValidationError`` for a weak password,
    ``PersonExistsError`` when the name is taken."""
    user_model = get_user_model()
    if name_taken(username):
        raise PersonExistsError(f"There is already an account named {username}.")
    validate_password(password, user_model(username=username))
    try:
        with transaction.atomic():
            user = user_model._default_manager.create_user(username=username, password=password)
            Profile(user=user, time_zone=time_zone, country=country).save()
    except IntegrityError:  # created at the same instant by another request
        raise PersonExistsError(f"There is already an account named {username}.") from None
    return user
