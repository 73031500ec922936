"""``LastUsed``, the one bounded store in a server process's memory: it keeps the most recently used
values up to its size, and is emptied when any account is deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benzotaper.web.last_used import LastUsed

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_it_drops_the_value_used_longest_ago() -> None:
    kept: LastUsed[str, int] = LastUsed(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the most recently used
    kept.put("c", 3)
    assert list(kept) == ["a", "c"] and "b" not in kept and kept.get("b") is None
    assert len(kept) == 2 and kept.any_key(lambda key: key == "c") and not kept.any_key(str.isdigit)


def test_it_is_emptied_when_an_account_is_deleted(alice: User, bob: User) -> None:
    kept: LastUsed[int, str] = LastUsed(8)
    kept.put(alice.pk, "alice's")
    kept.put(bob.pk, "bob's")
    bob.delete()
    assert not kept
