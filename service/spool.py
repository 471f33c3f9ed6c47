"""Where a finished result waits for its client: in memory up to `_SPOOL_IN_MEMORY`, then in an
unlinked temporary file, within a total disk budget for all requests (`SpoolBudget`)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from typing import IO, Any, Final

from service.engine import Outcome
from service.errors import OverloadedError

_SPOOL_IN_MEMORY: Final = 2 * 1024 * 1024


@dataclass
class QueryResult:
    """A finished job: its bytes (in memory, or spooled to disk when large) and its outcome."""

    body: bytes | IO[bytes]
    size: int
    outcome: Outcome
    seconds: float
    on_close: list[Any] = field(default_factory=list)

    def close(self) -> None:
        """Release the spool (the response calls this when it is sent or abandoned)."""
        if not isinstance(self.body, bytes):
            self.body.close()
        for release in self.on_close:
            release()
        self.on_close.clear()


class SpoolBudget:
    """Bytes of results spooled to disk across all requests, capped."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, size: int) -> None:
        if self.used + size > self.limit:
            raise OverloadedError(
                "the server is holding as many large results as it may "
                f"({self.limit // (1024 * 1024)} MB, BAAP_MAX_SPOOL_BYTES); retry in a moment",
                retry_after=2,
            )
        self.used += size

    def give(self, size: int) -> None:
        self.used = max(0, self.used - size)


class Collector:
    """Receives result bytes: in memory up to _SPOOL_IN_MEMORY, then in a temporary file."""

    def __init__(self, budget: SpoolBudget) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.spooled = 0
        self.file: IO[bytes] | None = None
        self._budget = budget

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self.file is None and self.size > _SPOOL_IN_MEMORY:
            self._budget.take(self.size)
            self.spooled = self.size - len(data)
            self.file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the response)
            self.file.writelines(self.parts)
            self.parts = []
        if self.file is not None:
            if self.spooled + len(data) > self.size:  # the first chunk was reserved above
                self._budget.take(len(data))
            self.spooled += len(data)
            self.file.write(data)
        else:
            self.parts.append(data)

    def reset(self) -> None:
        self.close()
        self.parts, self.size, self.file, self.spooled = [], 0, None, 0

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self._budget.give(self.spooled)
            self.spooled = 0

    def result(self, outcome: Outcome, seconds: float) -> QueryResult:
        if self.file is None:
            return QueryResult(b"".join(self.parts), self.size, outcome, seconds)
        self.file.seek(0)
        spooled, budget = self.spooled, self._budget
        return QueryResult(self.file, self.size, outcome, seconds, [lambda: budget.give(spooled)])
