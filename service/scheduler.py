"""Who gets the next free worker: a fair queue over clients, with a lane for heavy jobs.

Requests that find no idle worker wait here (never longer than their wait budget). When a worker
frees up, the next job goes to the client that has the fewest jobs running, so one client
resubmitting queries cannot crowd out everyone else: the others are served between its requests.
Among a client's requests (and all clients behind one address share one), light ones (queries
known to run fast, or new) go before heavy ones, so an ASK does not wait behind a queue of
searches; a request that has waited `_AGING_S` counts as light, so none waits forever; then the
oldest goes first. Heavy jobs (validations, and queries this server has seen run long)
take at most `heavy_slots` workers at once (all but one, by default), so light queries always
find a worker soon.

Pure bookkeeping, no I/O: `service.workers` drives it from the event loop.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Final, Generic, TypeVar

T = TypeVar("T")
#: A heavy request that has waited this long is served like a light one.
_AGING_S: Final = 1.0


@dataclass(eq=False)
class Waiter(Generic[T]):
    """One request waiting for a worker."""

    client: str
    heavy: bool
    future: asyncio.Future[T]
    order: int = 0
    queued: bool = True
    light: bool = True
    since: float = field(default_factory=time.monotonic)


@dataclass
class FairQueue(Generic[T]):
    """Waiting requests by client; `pick` chooses who is served next."""

    heavy_slots: int
    _waiting: dict[str, deque[Waiter[T]]] = field(default_factory=dict)
    _counter: itertools.count[int] = field(default_factory=itertools.count)
    running: Counter[str] = field(default_factory=Counter)
    heavy_running: int = 0

    def __len__(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    def waiting(self, client: str) -> int:
        """How many requests of `client` wait."""
        queue = self._waiting.get(client)
        return len(queue) if queue else 0

    def add(
        self, client: str, heavy: bool, future: asyncio.Future[T], light: bool = True
    ) -> Waiter[T]:
        """Queue a request; `light`: expected to run fast."""
        waiter = Waiter(client, heavy, future, next(self._counter), light=light)
        self._waiting.setdefault(client, deque()).append(waiter)
        return waiter

    def remove(self, waiter: Waiter[T]) -> None:
        """Forget a request that stopped waiting (timed out, cancelled); picked ones are gone."""
        if not waiter.queued:
            return
        waiter.queued = False
        queue = self._waiting.get(waiter.client)
        if queue is not None:
            queue.remove(waiter)  # present: only here is `queued` cleared
            if not queue:
                del self._waiting[waiter.client]

    def heavy_allowed(self) -> bool:
        """Whether a heavy job may start now."""
        return self.heavy_running < self.heavy_slots

    def has_eligible(self) -> bool:
        """Whether some waiting request could start now."""
        return self._best() is not None

    def pick(self) -> Waiter[T] | None:
        """The request to serve next, removed from the queue (None: nobody can start)."""
        waiter = self._best()
        if waiter is not None:
            self.remove(waiter)
        return waiter

    def _best(self) -> Waiter[T] | None:
        best: Waiter[T] | None = None
        best_key: tuple[int, int, int] | None = None
        heavy_ok = self.heavy_allowed()
        now = time.monotonic()
        for client, queue in self._waiting.items():
            running = self.running[client]
            for waiter in queue:
                if waiter.future.done() or (waiter.heavy and not heavy_ok):
                    continue
                light = waiter.light or now - waiter.since >= _AGING_S
                key = (running, 0 if light else 1, waiter.order)
                if best_key is None or key < best_key:
                    best, best_key = waiter, key
                if light:
                    break  # the rest of this client's queue is newer
        return best

    def started(self, client: str, heavy: bool) -> None:
        """Count a job that got a worker."""
        self.running[client] += 1
        if heavy:
            self.heavy_running += 1

    def finished(self, client: str, heavy: bool) -> None:
        """Count a job that gave its worker back (or lost it)."""
        self.running[client] -= 1
        if self.running[client] <= 0:
            del self.running[client]
        if heavy:
            self.heavy_running -= 1
