"""The zygote and its workers: the processes that run queries and parse untrusted RDF.

    supervisor (loads the store once) ──fork──> zygote ──fork──> worker 1 .. N
    app ──connects to the zygote's socket──> asks for workers, hands each a socket pair end

The zygote is single-threaded and never runs a query: it waits on its listening socket (AF_UNIX,
in a directory only this user can enter), on the app connections it accepted, and on a ping
socket from the supervisor. For each `S` frame it forks a worker that inherits the loaded store
copy-on-write (no parsing, a few milliseconds) and serves jobs on the socket the app sent. Forking
a single-threaded process is safe; the zygote imports what a worker needs (pyoxigraph, the engine,
rdflib and the SHACL engine for validations) before its first fork, so a worker starts warm.

A worker closes every descriptor it inherited but its job socket, limits its address space and
core files, and (like every process of `baap-kg serve`) runs under the network filter of
`service.sandbox`. Before each job it moves its CPU-time limit to the job's timeout plus a margin:
if the app's own kill never comes, the kernel stops the worker anyway. Each job's bytes stream
back in frames (`service.frames`); an error is a frame naming the error class. A worker ends when
its socket closes.

`service.standalone` starts a zygote that loads the files itself (for `create_app` outside
`baap-kg serve`, such as tests with an in-process client).
"""

from __future__ import annotations

import contextlib
import os
import resource
import selectors
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NoReturn

import orjson
import pyoxigraph as ox

from service import frames
from service.compression import encoder
from service.engine import Job, Outcome, run_job
from service.errors import KGError
from service.memory import release_free_memory
from service.sandbox import (
    close_other_descriptors,
    limit_cpu_for_next,
    limit_resources,
    set_process_name,
)

if TYPE_CHECKING:
    pass

_CHUNK = 1024 * 1024
_COMPRESS_FROM = 1024  # bytes: smaller results go as they are
_TRIM_AFTER = 1024 * 1024  # bytes of result after which a worker gives its free heap back
_CPU_MARGIN_S = 5.0


@dataclass(frozen=True)
class WorkerLimits:
    """What the operating system enforces on each worker."""

    memory_mb: int = 4096


# --- a worker ------------------------------------------------------------------------------------


class _Batcher:
    """Coalesces the serializer's small writes into frames of about _CHUNK bytes, compressed
    (br or gzip, as the client accepts) once a result passes _COMPRESS_FROM bytes: the worker
    pays for compression, not the app's event loop."""

    def __init__(self, sock: socket.socket, encoding: str | None = None) -> None:
        self._sock = sock
        self._parts: list[bytes] = []
        self._size = 0
        self._encoding = encoding
        self._feed: Callable[[bytes, bool], bytes] | None = None
        self.sent = 0

    def write(self, data: bytes) -> None:
        self.sent += len(data)
        self._parts.append(data)
        self._size += len(data)
        if self._encoding and self._feed is None and self._size >= _COMPRESS_FROM:
            self._feed = encoder(self._encoding, fast=True)
        if self._size >= _CHUNK:
            self.flush()

    def _take(self, last: bool) -> bytes:
        data = b"".join(self._parts)
        self._parts, self._size = [], 0
        return self._feed(data, last) if self._feed is not None else data

    def flush(self) -> None:
        if self._parts:
            frames.send(self._sock, b"C", self._take(False))

    def reset(self) -> None:
        self._parts, self._size, self._feed = [], 0, None
        frames.send(self._sock, b"R")

    def finish(self, outcome: Outcome) -> None:
        """The last bytes and the outcome in one write (one wake-up for the app), with what
        this worker has made private of the shared memory so far (the app retires it past
        `BAAP_WORKER_RECYCLE_MB`)."""
        encoded = self._feed is not None
        data = self._take(True)
        if encoded:
            outcome = replace(outcome, encoding=self._encoding)
        done = orjson.dumps(
            {"outcome": outcome, "private_mb": private_estimate_mb(), "written": self.sent}
        )
        self._sock.sendall((frames.frame(b"C", data) if data else b"") + frames.frame(b"D", done))


_PAGE = os.sysconf("SC_PAGESIZE")


def private_estimate_mb() -> int:
    """Memory this process has made its own since it was forked, in MB, estimated from its minor
    page faults (each copy-on-write copy, each new page is one): a system call, where reading
    /proc/self/smaps_rollup takes tens of milliseconds on a large store."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt * _PAGE // (1024 * 1024)


def _run(store: ox.Store, kind: bytes, payload: bytes, sock: socket.socket) -> int:
    """Run one job, stream its result; the bytes written."""
    header: dict[str, Any] = orjson.loads(payload)
    batcher = _Batcher(sock, header.get("encoding"))
    limit_cpu_for_next(float(header.get("timeout", 600.0)) + _CPU_MARGIN_S)
    try:
        if kind == b"Q":
            outcome = run_job(store, Job.from_json(header["job"]), batcher.write, batcher.reset)
        elif kind == b"V":
            _, candidate = frames.recv(sock)
            from service.candidates import run_candidate_job

            outcome = run_candidate_job(store, header["job"], candidate, batcher.write)
        elif kind == b"G":
            from service.dumps import run_dump

            outcome = run_dump(store, header["job"], batcher.write)
        else:
            raise KGError(f"unknown job kind {kind!r}")
        batcher.finish(outcome)
    except KGError as error:
        report = {
            "kind": type(error).__name__,
            "message": str(error),
            "extensions": getattr(error, "extensions", None) or {},
            "private_mb": private_estimate_mb(),
        }
        frames.send(sock, b"E", orjson.dumps(report))
    return batcher.sent


def worker_main(store: ox.Store, sock: socket.socket, limits: WorkerLimits) -> NoReturn:
    """A worker's life: run jobs from `sock` until it closes, then exit."""
    close_other_descriptors({sock.fileno()})
    set_process_name("baap-kg worker")
    limit_resources(limits.memory_mb)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the supervisor, which stops all
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    code = 0
    try:
        while True:
            try:
                kind, payload = frames.recv(sock)
            except (frames.PeerGoneError, OSError):
                break
            if _run(store, kind, payload, sock) > _TRIM_AFTER:
                release_free_memory()  # a large result's buffers are freed; give the pages back
    except BaseException:  # noqa: BLE001  (a worker never returns into the zygote's loop)
        code = 1
    os._exit(code)


# --- the zygote ----------------------------------------------------------------------------------


def _warm_imports() -> None:
    """What a worker may need, imported once before the first fork (not in each worker)."""
    import pyshacl_turbo  # noqa: F401
    import rdflib  # noqa: F401

    import service.candidates  # noqa: F401


class _Zygote:
    """The zygote's state: its sockets, and how its recent workers ended."""

    def __init__(
        self,
        store: ox.Store,
        listener: socket.socket,
        limits: WorkerLimits,
        supervisor: socket.socket | None,
    ) -> None:
        self.store = store
        self.listener = listener
        self.limits = limits
        self.supervisor = supervisor
        self.selector = selectors.DefaultSelector()
        self.connections: list[socket.socket] = []
        #: pid -> wait status of workers that ended (the newest `_STATUSES_KEPT`).
        self.statuses: dict[int, int] = {}
        self.wake_read, self.wake_write = socket.socketpair()

    def serve(self) -> NoReturn:
        self.wake_read.setblocking(False)
        self.wake_write.setblocking(False)
        signal.set_wakeup_fd(self.wake_write.fileno())
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the loop; reaped below
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        self.selector.register(self.wake_read, selectors.EVENT_READ, "wake")
        if self.supervisor is not None:
            self.selector.register(self.supervisor, selectors.EVENT_READ, "supervisor")
        while True:
            for key, _ in self.selector.select():
                sock: socket.socket = key.fileobj  # type: ignore[assignment]
                if key.data == "accept":
                    self._accept()
                elif key.data == "wake":
                    with contextlib.suppress(BlockingIOError, InterruptedError):
                        sock.recv(4096)
                    self._reap()
                else:
                    self._message(sock, key.data)

    def _accept(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            connection, _ = self.listener.accept()
            connection.setblocking(True)
            self.connections.append(connection)
            self.selector.register(connection, selectors.EVENT_READ, "app")

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.statuses[pid] = status
            while len(self.statuses) > _STATUSES_KEPT:
                del self.statuses[next(iter(self.statuses))]

    def _message(self, sock: socket.socket, source: str) -> None:
        try:
            message, fds, _, _ = socket.recv_fds(sock, frames.HEADER.size + 64, 4)
        except OSError:
            message, fds = b"", []
        if not message:
            if source == "supervisor":
                os._exit(0)  # the supervisor is gone: so is the service
            self.selector.unregister(sock)
            self.connections.remove(sock)
            sock.close()
            return
        kind, payload = message[:1], message[frames.HEADER.size :]
        reply = b""
        if kind == b"?":
            reply = frames.frame(b"!")
        elif kind == b"S" and fds:
            reply = frames.frame(b"P", str(self._fork(fds.pop(0))).encode())
        elif kind == b"W":
            self._reap()
            status = self.statuses.get(int(payload or b"0"))
            reply = frames.frame(b"X", str(status).encode()) if status is not None else b"U"
        for fd in fds:
            os.close(fd)
        if reply:
            with contextlib.suppress(OSError):
                sock.sendall(reply)

    def _fork(self, fd: int) -> int:
        job_socket = socket.socket(fileno=fd)
        pid = os.fork()
        if pid == 0:
            signal.set_wakeup_fd(-1)
            self.selector.close()
            for other in (self.listener, self.supervisor, self.wake_read, self.wake_write):
                if other is not None:
                    other.close()
            for connection in self.connections:
                connection.close()
            worker_main(self.store, job_socket, self.limits)
        job_socket.close()
        return pid


_STATUSES_KEPT = 4096


def zygote_main(
    store: ox.Store,
    listener: socket.socket,
    limits: WorkerLimits,
    supervisor: socket.socket | None = None,
) -> NoReturn:
    """Serve `S` (fork a worker), `W` (how did worker N end) and `?` (ping) frames until the
    supervisor goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    set_process_name("baap-kg zygote")
    _warm_imports()
    release_free_memory()
    _Zygote(store, listener, limits, supervisor).serve()
