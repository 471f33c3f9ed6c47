"""The sink and counter that bound a result while Oxigraph writes it (see `service.engine`)."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Iterator

import pyoxigraph as ox

Sink = Callable[[bytes], None]


class CapReached(Exception):
    """Raised inside Oxigraph's serializer to stop it once a cap may be passed."""


class CountingSink:
    """A file-like object for Oxigraph: forwards bytes, counts them and bounds the rows (by the
    occurrences of `mark`, or of each of several marks)."""

    def __init__(
        self, sink: Sink, mark: bytes | tuple[bytes, ...], offset: int, max_rows: int,
        max_bytes: int,
    ) -> None:  # fmt: skip
        self._sink = sink
        marks = (mark,) if isinstance(mark, bytes) else mark
        self._marks = [m for m in marks if m]
        self._tails = [b""] * len(self._marks)
        self._max_rows = max_rows
        self._max_bytes = max_bytes
        self.bound = offset
        self.size = 0

    @classmethod
    def bytes_only(cls, sink: Sink, max_bytes: int) -> CountingSink:
        """A sink bounded by bytes alone (no marks: rows are not counted)."""
        return cls(sink, b"", 0, 0, max_bytes)

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        if self.size > self._max_bytes:
            raise CapReached
        if self._marks:
            for index, mark in enumerate(self._marks):
                self.bound += (self._tails[index] + chunk).count(mark)
                self._tails[index] = chunk[-(len(mark) - 1) :] if len(mark) > 1 else b""
            if self.bound > self._max_rows:
                raise CapReached
        self._sink(chunk)
        return len(chunk)

    def flush(self) -> None:
        """Nothing to flush: every write is forwarded at once."""


class Counter:
    """Counts what an iterator yields, with no Python frame per item (C-level zip and map)."""

    def __init__(self, iterator: Iterator[ox.Triple]) -> None:
        self._counter = itertools.count()
        self._zipped = zip(iterator, self._counter, strict=False)

    def __iter__(self) -> Iterator[ox.Triple]:
        return map(first_item, self._zipped)

    @property
    def count(self) -> int:
        """Items taken so far (a copy of the counter is advanced, not the counter)."""
        return next(copy.copy(self._counter))


def first_item(pair: tuple[ox.Triple, int]) -> ox.Triple:
    return pair[0]
