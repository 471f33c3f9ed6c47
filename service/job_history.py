"""What the worker pool remembers about query texts: how long each ran lately (light or heavy),
and which crashed a worker a moment ago (refused at once for a while)."""

from __future__ import annotations

import time
from collections import OrderedDict


class Costs:
    """How long each query text took to run lately (a moving average, by the hash of the text;
    a collision only misjudges one query's weight). The newest `size` texts are kept."""

    def __init__(self, size: int = 4096) -> None:
        self._seconds: OrderedDict[int, float] = OrderedDict()
        self._size = size

    def note(self, text: str, seconds: float) -> None:
        key = hash(text)
        previous = self._seconds.get(key)
        self._seconds[key] = seconds if previous is None else 0.5 * previous + 0.5 * seconds
        self._seconds.move_to_end(key)
        while len(self._seconds) > self._size:
            self._seconds.popitem(last=False)

    def of(self, text: str) -> float:
        """The expected run time; 0 for a text not seen (new queries are presumed light)."""
        return self._seconds.get(hash(text), 0.0)


class Crashers:
    """Query texts that crashed a worker in the last `ttl_s` seconds: refused at once."""

    def __init__(self, ttl_s: float = 60.0, size: int = 1024) -> None:
        self._seen: OrderedDict[int, float] = OrderedDict()
        self._ttl = ttl_s
        self._size = size

    def note(self, text: str) -> None:
        self._seen[hash(text)] = time.monotonic()
        while len(self._seen) > self._size:
            self._seen.popitem(last=False)

    def __contains__(self, text: str) -> bool:
        seen = self._seen.get(hash(text))
        return seen is not None and time.monotonic() - seen < self._ttl
