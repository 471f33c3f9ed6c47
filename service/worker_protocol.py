"""One job's exchange with a worker: send the job's frames, read result frames (`service.frames`)
until the outcome or an error arrives. Non-blocking socket I/O on the event loop."""

from __future__ import annotations

import asyncio
import socket
from typing import Final, Protocol

import orjson

from service import frames
from service.engine import Outcome
from service.spool import Collector
from service.worker_faults import reported_error

_RECEIVE: Final = 1024 * 1024


class WorkerDied(Exception):
    """The worker's socket closed while it ran a job."""


class WorkerWasGone(Exception):
    """The worker was dead before the job reached it (the job did not start: safe to retry)."""


class Peer(Protocol):
    """What the exchange needs of a worker: its socket, and a place for its memory report."""

    sock: socket.socket
    private_mb: int
    written: int


async def exchange(worker: Peer, message: bytes, collector: Collector) -> Outcome:
    """Send the job, then read frames until the outcome (or an error) arrives.

    Raises WorkerWasGone (the job never reached the worker), WorkerDied (it died mid-job), or
    the KGError the worker reported."""
    loop = asyncio.get_running_loop()
    sock = worker.sock
    buffer = bytearray()
    header = frames.HEADER
    try:
        await loop.sock_sendall(sock, message)
    except OSError as error:
        raise WorkerWasGone from error  # its end of the socket was closed: it had died
    try:
        while True:
            while len(buffer) < header.size:
                buffer += await _receive(loop, sock)
            kind, size = header.unpack_from(buffer)
            end = header.size + size
            while len(buffer) < end:
                buffer += await _receive(loop, sock)
            payload = bytes(buffer[header.size : end])
            del buffer[:end]
            if kind == b"C":
                collector.add(payload)
            elif kind == b"R":
                collector.reset()
            elif kind == b"D":
                done = orjson.loads(payload)
                worker.private_mb = int(done["private_mb"])
                worker.written = int(done.get("written", 0))
                return Outcome(**done["outcome"])
            else:
                report = orjson.loads(payload)
                worker.private_mb = int(report.get("private_mb", 0))
                raise reported_error(report)
    except OSError as error:
        raise WorkerDied from error


async def _receive(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> bytes:
    data = await loop.sock_recv(sock, _RECEIVE)
    if not data:
        raise WorkerDied
    return data
