"""Query workers: processes that run SPARQL queries and can be killed when they run too long.

Neither pyoxigraph nor rdflib can cancel a running query, and a thread cannot be killed, so every
query runs in a worker process. The layout:

    app process ──control socket──> zygote ──fork──> worker 1 .. N
        │                                               ▲
        └──────────── one socket pair per worker ───────┘

The zygote is a fresh, single-threaded Python process (only pyoxigraph and this package's light
modules imported) that loads the dataset once from an N-Quads dump of the app's store. Workers are
forked from it, so they share the loaded store copy-on-write and start in milliseconds; forking a
single-threaded process is safe, forking the multi-threaded app process would not be. The app
hands each worker a socket (SCM_RIGHTS) and sends it jobs; the worker serializes the result and
sends bytes back. On timeout the app SIGKILLs the worker (the CPU is free at once) and asks the
zygote for a new one. A result is only answered once it is complete, so a client never receives
a 200 with a cut-off body.

Frames on every socket: 1 byte kind, 4 bytes big-endian length, payload.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import resource
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

import orjson
import pyoxigraph as ox

from service.engine import Job, Outcome, run_job
from service.errors import (
    KGError,
    OverloadedError,
    QueryEngineError,
    QuerySyntaxError,
    QueryTimeoutError,
)
from service.memory import release_free_memory

_HEADER: Final = struct.Struct(">cI")
_CHUNK: Final = 256 * 1024
_SPOOL_IN_MEMORY: Final = 8 * 1024 * 1024
_RECEIVE: Final = 1024 * 1024
_TRIM_AFTER: Final = 1024 * 1024  # bytes of result after which a worker trims its heap
#: Errors a worker may report, by class name.
_WORKER_ERRORS: Final[dict[str, type[KGError]]] = {
    "QuerySyntaxError": QuerySyntaxError,
    "QueryEngineError": QueryEngineError,
}


class WorkerDiedError(Exception):
    """The worker's socket closed while it was running a job."""


def _send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    sock.sendall(_HEADER.pack(kind, len(payload)) + payload)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    parts: list[bytes] = []
    while size:
        part = sock.recv(min(size, 1 << 20))
        if not part:
            raise WorkerDiedError
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _recv(sock: socket.socket) -> tuple[bytes, bytes]:
    kind, size = _HEADER.unpack(_recv_exact(sock, _HEADER.size))
    return kind, _recv_exact(sock, size) if size else b""


# --- inside a worker process ------------------------------------------------------------------


class _Batcher:
    """Coalesces the serializer's small writes into frames of about _CHUNK bytes."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._parts: list[bytes] = []
        self._size = 0
        self.sent = 0

    def write(self, data: bytes) -> None:
        self.sent += len(data)
        self._parts.append(data)
        self._size += len(data)
        if self._size >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            _send(self._sock, b"C", b"".join(self._parts))
            self._parts, self._size = [], 0

    def reset(self) -> None:
        self._parts, self._size = [], 0
        _send(self._sock, b"R")

    def finish(self, outcome: Outcome) -> None:
        """The last bytes and the outcome in one write (one wake-up for the app)."""
        done = orjson.dumps(outcome)  # orjson writes dataclasses natively (asdict deep-copies)
        frames = b""
        if self._parts:
            data = b"".join(self._parts)
            frames = _HEADER.pack(b"C", len(data)) + data
        self._sock.sendall(frames + _HEADER.pack(b"D", len(done)) + done)


def _serve_jobs(store: ox.Store, sock: socket.socket) -> None:
    """A worker's life: run jobs from `sock` until it closes."""
    while True:
        try:
            _, payload = _recv(sock)
        except (WorkerDiedError, OSError):
            return
        job = Job.from_json(orjson.loads(payload))
        batcher = _Batcher(sock)
        try:
            batcher.finish(run_job(store, job, batcher.write, batcher.reset))
        except KGError as error:
            _send(sock, b"E", orjson.dumps({"kind": type(error).__name__, "message": str(error)}))
        if batcher.sent > _TRIM_AFTER:
            release_free_memory()  # a large result's buffers are freed; give the pages back


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def zygote_main(control_fd: int, dump: str, memory_mb: int) -> None:
    """The zygote: load the dump, then fork a worker for every socket the app sends."""
    store = ox.Store()
    store.load(path=dump, format=ox.RdfFormat.N_QUADS)
    release_free_memory()
    control = socket.socket(fileno=control_fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the app, which closes `control`
    children: set[int] = set()
    _send(control, b"Y", str(len(store)).encode())
    try:
        while True:
            message, fds, _, _ = socket.recv_fds(control, 16, 1)
            if not message:
                return
            worker_sock = socket.socket(fileno=fds[0])
            pid = os.fork()
            if pid == 0:  # the worker
                control.close()
                _limit_memory(memory_mb)
                try:
                    _serve_jobs(store, worker_sock)
                finally:
                    os._exit(0)
            worker_sock.close()
            children.add(pid)
            _send(control, b"P", str(pid).encode())
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


# --- inside the app process ----------------------------------------------------------------------


@dataclass
class _Worker:
    sock: socket.socket
    pid: int


@dataclass
class QueryResult:
    """A finished query: its bytes (in memory, or spooled to disk when large) and its outcome."""

    body: bytes | IO[bytes]
    size: int
    outcome: Outcome
    seconds: float


class _Collector:
    """Receives result bytes: in memory up to _SPOOL_IN_MEMORY, then in a temporary file."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.file: IO[bytes] | None = None

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self.file is None and self.size > _SPOOL_IN_MEMORY:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the response)
            self.file.writelines(self.parts)
            self.parts = []
        if self.file is not None:
            self.file.write(data)
        else:
            self.parts.append(data)

    def reset(self) -> None:
        self.close()
        self.parts, self.size, self.file = [], 0, None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()

    def body(self) -> bytes | IO[bytes]:
        if self.file is None:
            return b"".join(self.parts)
        self.file.seek(0)
        return self.file


async def _receive(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> bytes:
    data = await loop.sock_recv(sock, _RECEIVE)
    if not data:
        raise WorkerDiedError
    return data


class WorkerPool:
    """`size` query workers; `await run(job, timeout)` runs one job on an idle one."""

    def __init__(self, store: ox.Store, size: int, memory_mb: int = 0) -> None:
        self._store = store
        self._size = size
        self._memory_mb = memory_mb
        # Last in, first out: the worker that just answered is reused while its caches are warm.
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._dir = tempfile.TemporaryDirectory(prefix="baap-kg-")
        self._dump = Path(self._dir.name) / "dataset.nq"
        self._zygote: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._closed = False

    def start(self) -> None:
        """Dump the store, start the zygote and fork the workers."""
        self._store.dump(output=str(self._dump), format=ox.RdfFormat.N_QUADS)
        self._start_zygote()
        for _ in range(self._size):
            self._idle.put(self._spawn())

    @property
    def size(self) -> int:
        return self._size

    def _start_zygote(self) -> None:
        ours, theirs = socket.socketpair()
        self._zygote = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from service.workers import zygote_main; "
                "zygote_main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))",
                str(theirs.fileno()),
                str(self._dump),
                str(self._memory_mb),
            ],
            pass_fds=(theirs.fileno(),),
            cwd=Path(__file__).resolve().parent.parent,
        )
        theirs.close()
        ours.settimeout(300)
        kind, payload = _recv(ours)
        if kind != b"Y" or int(payload) != len(self._store):
            raise RuntimeError(f"the query zygote loaded {payload!r} quads, not {len(self._store)}")
        ours.settimeout(None)
        self._control = ours

    def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        with self._lock:
            if self._control is None or (self._zygote and self._zygote.poll() is not None):
                self._start_zygote()
            assert self._control is not None
            socket.send_fds(self._control, [b"S"], [theirs.fileno()])
            theirs.close()
            kind, payload = _recv(self._control)
        ours.setblocking(False)
        return _Worker(ours, int(payload))

    def _replace(self, worker: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.sock.close()
        if not self._closed:
            self._idle.put(self._spawn())

    async def run(self, job: Job, timeout: float) -> QueryResult:
        """Run `job` on an idle worker; kill it if it takes longer than `timeout` seconds.

        The exchange runs on the event loop (non-blocking socket I/O), so waiting for a worker
        costs no thread. Only a worker that finished its reply goes back to the idle queue; any
        other ending (timeout, death, cancellation) kills it and forks a replacement.
        """
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            raise OverloadedError(
                f"all {self._size} query workers are busy; retry in a moment "
                "(BAAP_MAX_CONCURRENT_QUERIES sets how many queries run at once)"
            ) from None
        started = time.monotonic()
        collector = _Collector()
        finished = False
        try:
            async with asyncio.timeout(timeout):
                outcome = await self._exchange(worker, job, collector)
            finished = True
        except TimeoutError:
            raise QueryTimeoutError(
                f"the query ran longer than {timeout:g} s and was stopped; make it more "
                "selective (add LIMIT, narrow the patterns) or split it"
            ) from None
        except WorkerDiedError:
            raise QueryEngineError(
                "the query engine crashed on this query (nested too deeply, or it needed more "
                "memory than a query may use); simplify it or make it more selective"
            ) from None
        except KGError:
            finished = True  # the worker reported the error and is ready for the next job
            raise
        finally:
            if finished:
                self._idle.put(worker)
            else:
                collector.close()
                await asyncio.to_thread(self._replace, worker)
        return QueryResult(collector.body(), collector.size, outcome, time.monotonic() - started)

    @staticmethod
    async def _exchange(worker: _Worker, job: Job, collector: _Collector) -> Outcome:
        """Send the job, then read frames until the outcome (or an error) arrives."""
        loop = asyncio.get_running_loop()
        sock = worker.sock
        buffer = bytearray()
        try:
            payload = orjson.dumps(job)
            await loop.sock_sendall(sock, _HEADER.pack(b"J", len(payload)) + payload)
            while True:
                while len(buffer) < _HEADER.size:
                    buffer += await _receive(loop, sock)
                kind, size = _HEADER.unpack_from(buffer)
                end = _HEADER.size + size
                while len(buffer) < end:
                    buffer += await _receive(loop, sock)
                payload = bytes(buffer[_HEADER.size : end])
                del buffer[:end]
                if kind == b"C":
                    collector.add(payload)
                elif kind == b"R":
                    collector.reset()
                elif kind == b"D":
                    return Outcome(**orjson.loads(payload))
                else:
                    error = orjson.loads(payload)
                    raise _WORKER_ERRORS.get(error["kind"], QueryEngineError)(error["message"])
        except OSError as error:
            raise WorkerDiedError from error

    def close(self) -> None:
        """Stop the workers and the zygote; remove the dump."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
            worker.sock.close()
        if self._control is not None:
            self._control.close()
        if self._zygote is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._zygote.wait(timeout=5)
            if self._zygote.poll() is None:
                self._zygote.kill()
                self._zygote.wait()
        self._dir.cleanup()
