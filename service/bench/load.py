"""A closed-loop HTTP load generator: N clients on keep-alive connections, each sending its next
request as soon as the last one is answered, for a fixed time.

A minimal asyncio HTTP/1.1 client (fixed request bytes, Content-Length or chunked responses), so
that the load generator's own CPU stays small beside the servers it measures on the same machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote


@dataclass(frozen=True)
class Request:
    """One request a client may send: its bytes and a name for the report."""

    name: str
    data: bytes


def get(host: str, port: int, path: str, query: str | None, accept: str, name: str) -> Request:
    """A GET of `path` (with `?query=` when given) as raw bytes."""
    target = path + (f"?query={quote(query, safe='')}" if query is not None else "")
    head = (
        f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: {accept}\r\n"
        "User-Agent: baap-bench\r\n\r\n"
    )
    return Request(name, head.encode())


@dataclass
class LoadResult:
    """What a load run measured."""

    seconds: float
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        """Requests answered 2xx."""
        return sum(n for status, n in self.statuses.items() if 200 <= status < 300)

    @property
    def refused(self) -> int:
        """Requests answered 429 or 503."""
        return self.statuses[429] + self.statuses[503]

    def rate(self) -> float:
        """Answered requests per second."""
        return self.answered / self.seconds if self.seconds else 0.0

    def p(self, name: str, quantile: float) -> float | None:
        """A latency quantile (seconds) of the 2xx answers to requests called `name`."""
        values = sorted(self.latencies.get(name, []))
        if not values:
            return None
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[int(quantile * 100) - 1]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; its status and whether the server closes the connection after it."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length, chunked, close = None, False, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"connection" and b"close" in value.lower():
            close = True
    if chunked:
        while True:
            line = await reader.readuntil(b"\r\n")
            chunk = int(line.split(b";")[0], 16)
            await reader.readexactly(chunk + 2)
            if chunk == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    return status, close


async def _client(
    host: str,
    port: int,
    requests: Sequence[Request],
    deadline: float,
    result: LoadResult,
    offset: int,
    timeout: float,
) -> None:
    reader = writer = None
    index = offset
    while time.monotonic() < deadline:
        request = requests[index % len(requests)]
        index += 1
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None
            started = time.monotonic()
            writer.write(request.data)
            status, close = await asyncio.wait_for(_read_response(reader), timeout)
            elapsed = time.monotonic() - started
            result.statuses[status] += 1
            if 200 <= status < 300:
                result.latencies.setdefault(request.name, []).append(elapsed)
            if close:
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as error:
            result.errors[type(error).__name__] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()


async def _run(
    host: str, port: int, mixes: Sequence[tuple[int, Sequence[Request]]], seconds: float,
    timeout: float,
) -> LoadResult:  # fmt: skip
    result = LoadResult(seconds)
    deadline = time.monotonic() + seconds
    tasks = []
    for clients, requests in mixes:
        for number in range(clients):
            tasks.append(_client(host, port, requests, deadline, result, number, timeout))
    await asyncio.gather(*tasks)
    return result


def run_load(
    host: str,
    port: int,
    mixes: Sequence[tuple[int, Sequence[Request]]],
    seconds: float,
    timeout: float = 30.0,
) -> LoadResult:
    """Run each (clients, requests) group concurrently for `seconds`; every client cycles
    through its requests in a closed loop."""
    return asyncio.run(_run(host, port, mixes, seconds, timeout))
