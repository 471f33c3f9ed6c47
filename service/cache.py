"""`Recent`: values computed once per key, the last few kept (the shapes, reports, audits).

The served store never changes, so a result named by its data version (and whatever else it
depends on) stands until another dataset is loaded; only a process that loads several (the tests)
sees more than one key, and the oldest is dropped so the cache does not grow without bound.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most `size` values by key, oldest dropped first; each computed once, under the lock."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value for `key`, computed by `compute()` when missing (concurrent callers wait)."""
        with self._lock:
            if key in self._values:
                return self._values[key]
            value = compute()
            if len(self._values) >= self._size:
                self._values.pop(next(iter(self._values)))
            self._values[key] = value
            return value

    def clear(self) -> None:
        """Forget every value (benchmarks measure cold runs with it)."""
        with self._lock:
            self._values.clear()
