"""When the worker pool replaces a worker with a fresh fork, to give memory back.

Queries write to the store's pages as they read them, so a worker slowly makes its own copy of
what it touches; a fresh worker pays to copy those pages again on its first query (at 300x the
data, a second or more for an analytic query). So workers keep their pages while the pool's
workers together hold at most `budget_mb` of private memory (by default half the store's size,
`store_budget_mb`: the process tree then stays within about 1.5 times one copy of the store);
past it, idle workers with the most private memory are replaced first, and a worker that just
wrote a large result is replaced at once. A dirty worker idle for `long_idle_s` is replaced
whatever the budget, so memory falls back to one shared copy once the load is over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

#: A result this large (bytes written, before compression) leaves buffers and copied pages.
LARGE_RESULT: Final = 8 * 1024 * 1024


class Held(Protocol):
    """What the policy reads of a worker."""

    private_mb: int
    idle_since: float


@dataclass(frozen=True)
class Recycling:
    """The policy's knobs: `worker_mb` (below it a worker counts as clean; 0 never recycles),
    `budget_mb` (all workers' private memory together), the idle times."""

    worker_mb: int
    budget_mb: int
    idle_s: float = 2.0
    long_idle_s: float = 30.0

    def after_job(self, written: int, worker: Held, workers: Sequence[Held]) -> bool:
        """Replace this worker at once: it wrote a large result and the pool is over budget."""
        if self.worker_mb <= 0 or written <= LARGE_RESULT or worker.private_mb <= self.worker_mb:
            return False
        return sum(w.private_mb for w in workers) > self.budget_mb

    def idle_to_replace(self, idle: Sequence[Held], busy: Sequence[Held], now: float) -> list[int]:
        """Indexes into `idle` of the workers to replace now."""
        if self.worker_mb <= 0:
            return []
        total = sum(w.private_mb for w in [*idle, *busy])
        chosen = []
        dirty = sorted(
            (i for i, w in enumerate(idle) if w.private_mb > self.worker_mb),
            key=lambda i: -idle[i].private_mb,
        )
        for index in dirty:
            waited = now - idle[index].idle_since
            if waited >= self.long_idle_s or (total > self.budget_mb and waited >= self.idle_s):
                chosen.append(index)
                total -= idle[index].private_mb
        return chosen


def store_budget_mb(worker_mb: int, status: Path = Path("/proc/self/status")) -> int:
    """Half the anonymous memory this process holds (the store, shared with the workers forked
    after it was loaded), at least `worker_mb`; `worker_mb` where /proc cannot be read."""
    try:
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("RssAnon:"):
                return max(worker_mb, int(line.split()[1]) // 2048)
    except (OSError, ValueError, IndexError):
        pass
    return worker_mb
