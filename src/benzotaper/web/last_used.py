"""The last values used, by key, kept in this process's memory: the one bounded store behind the pages'
kept parts, the alerts, the analysis and the charts.

A store keeps at most ``size`` values, dropping the one used longest ago; it is safe to share between a
server's threads. Every store is emptied when any account is deleted (``web/erasure.py``): what it
keeps is a person's, by their id, and ids are not reused, but nothing of a deleted person should stay.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

from benzotaper.web.erasure import forget_when_an_account_is_deleted

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LastUsed(Generic[K, V]):
    """At most ``size`` values by key, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        forget_when_an_account_is_deleted(self.clear)

    def get(self, key: K) -> V | None:
        """The value kept for ``key`` (now the most recently used), or None."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._size:
                self._values.popitem(last=False)

    def any_key(self, test: Callable[[K], bool]) -> bool:
        with self._lock:
            return any(test(key) for key in self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[K]:
        with self._lock:
            return iter(list(self._values))
