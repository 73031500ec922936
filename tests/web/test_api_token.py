"""Personal API tokens: shown once, stored hashed, revocable."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import User

from benzotaper.web.accounts.models import ApiToken


def test_a_token_finds_its_person(alice: User, bob: User) -> None:
    _, token = ApiToken.issue(alice, "phone")
    assert token.startswith("bzt_")
    assert ApiToken.authenticate(token) == alice


def test_only_the_hash_of_the_token_is_stored(alice: User) -> None:
    row, token = ApiToken.issue(alice, "phone")
    row.refresh_from_db()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {row.token_hash, row.prefix, row.name}
    assert token.startswith(f"bzt_{row.prefix}")


def test_an_unknown_or_malformed_token_finds_nobody(alice: User) -> None:
    _, token = ApiToken.issue(alice, "phone")
    assert ApiToken.authenticate(token + "x") is None
    assert ApiToken.authenticate(token[4:]) is None
    assert ApiToken.authenticate("") is None


def test_a_revoked_token_finds_nobody(alice: User) -> None:
    row, token = ApiToken.issue(alice, "phone")
    row.revoke()
    assert ApiToken.authenticate(token) is None


def test_a_token_of_a_deactivated_account_finds_nobody(alice: User) -> None:
    _, token = ApiToken.issue(alice, "phone")
    alice.is_active = False
    alice.save()
    assert ApiToken.authenticate(token) is None


def test_using_a_token_records_when(alice: User) -> None:
    row, token = ApiToken.issue(alice, "phone")
    assert row.last_used is None
    ApiToken.authenticate(token)
    row.refresh_from_db()
    assert row.last_used is not None
