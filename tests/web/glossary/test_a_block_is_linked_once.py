"""A block of a page is linked once and its links kept (``linking._linked``): a plan's table of steps is
the same on every view of the plan page. Kept in memory only, and dropped with any deleted account."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from benzotaper.web.glossary import linking


def test_the_same_block_is_linked_once_per_entry_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    link_terms = linking.link_terms

    def counted(html: str, *args: Any, **kwargs: Any) -> str:
        calls.append(html)
        return link_terms(html, *args, **kwargs)

    monkeypatch.setattr(linking, "link_terms", counted)
    block = "A taper cut, then a hold (test_the_same_block_is_linked_once)."
    first = linking.glossary_links(block)
    assert linking.glossary_links(block) == first
    assert '<a class="term" href="/glossary/#hold">hold</a>' in first
    assert len(calls) == 1
    without_hold = linking.glossary_links(block, "hold")
    assert "#hold" not in without_hold and "#taper" in without_hold
    assert len(calls) == 2


def test_a_deleted_account_takes_every_kept_block_with_it(alice: User) -> None:
    linking.glossary_links("Alice's taper: 5 mg diazepam (test_a_deleted_account_takes_every_kept_block)")
    assert linking._linked.cache_info().currsize > 0
    alice.delete()
    assert linking._linked.cache_info().currsize == 0
