"""Fixtures of the API tests: personal tokens and clients that use them (personas and session
clients: tests/web/conftest.py; request helpers and valid bodies: api_calls.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from api_calls import ApiClient

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def make_token(user: User) -> str:
    from benzotaper.web.accounts.models import ApiToken

    return ApiToken.issue(user, "tests")[1]


@pytest.fixture
def alice_token(alice: User) -> str:
    return make_token(alice)


@pytest.fixture
def bob_token(bob: User) -> str:
    return make_token(bob)


@pytest.fixture
def alice_api(alice_token: str) -> ApiClient:
    """Alice's API client, with her token."""
    return ApiClient(alice_token)


@pytest.fixture
def bob_api(bob_token: str) -> ApiClient:
    return ApiClient(bob_token)
