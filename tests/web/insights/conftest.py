"""Fixtures of the insights tests: a stopped clock and Alice's history (see insight_history.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from insight_history import NOW, give_history_to

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@pytest.fixture(autouse=True)
def now() -> Iterator[dt.datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def give_history() -> Callable[[User], Any]:
    """Give a person Alice's history; returns the saved plan."""
    return give_history_to


@pytest.fixture
def alice_history(alice: User) -> Any:
    """Alice's history; her active ``SavedPlan``."""
    return give_history_to(alice)
