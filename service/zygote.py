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

`python -m service.zygote` starts a zygote that loads the files itself (for `create_app` outside
`baap-kg serve`, such as tests with an in-process client).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import orjson
import pyoxigraph as ox

from service import frames
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
    from service.config import Settings

_CHUNK = 256 * 1024
_TRIM_AFTER = 1024 * 1024  # bytes of result after which a worker gives its free heap back
_CPU_MARGIN_S = 5.0


@dataclass(frozen=True)
class WorkerLimits:
    """What the operating system enforces on each worker."""

    memory_mb: int = 4096


# --- a worker ------------------------------------------------------------------------------------


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
            frames.send(self._sock, b"C", b"".join(self._parts))
            self._parts, self._size = [], 0

    def reset(self) -> None:
        self._parts, self._size = [], 0
        frames.send(self._sock, b"R")

    def finish(self, outcome: Outcome) -> None:
        """The last bytes and the outcome in one write (one wake-up for the app), with what
        this worker has made private of the shared memory so far (the app retires it past
        `BAAP_WORKER_RECYCLE_MB`)."""
        done = orjson.dumps({"outcome": outcome, "private_mb": private_estimate_mb()})
        data = b"".join(self._parts)
        self._sock.sendall((frames.frame(b"C", data) if data else b"") + frames.frame(b"D", done))


_PAGE = os.sysconf("SC_PAGESIZE")


def private_estimate_mb() -> int:
    """Memory this process has made its own since it was forked, in MB, estimated from its minor
    page faults (each copy-on-write copy, each new page is one): a system call, where reading
    /proc/self/smaps_rollup takes tens of milliseconds on a large store."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt * _PAGE // (1024 * 1024)


def _run(store: ox.Store, kind: bytes, payload: bytes, sock: socket.socket) -> int:
    """Run one job, stream its result; the bytes written."""
    batcher = _Batcher(sock)
    header: dict[str, Any] = orjson.loads(payload)
    limit_cpu_for_next(float(header.get("timeout", 600.0)) + _CPU_MARGIN_S)
    try:
        if kind == b"Q":
            outcome = run_job(store, Job.from_json(header["job"]), batcher.write, batcher.reset)
        elif kind == b"V":
            _, candidate = frames.recv(sock)
            from service.candidates import run_candidate_job

            outcome = run_candidate_job(store, header["job"], candidate, batcher.write)
        else:
            raise KGError(f"unknown job kind {kind!r}")
        batcher.finish(outcome)
    except KGError as error:
        report = {
            "kind": type(error).__name__,
            "message": str(error),
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


# --- a zygote that loads the data itself ---------------------------------------------------------


class StandaloneZygote:
    """A zygote in a process of its own that loads the data files itself: what `create_app`
    uses outside `baap-kg serve` (tests with an in-process client, `uvicorn --factory`)."""

    def __init__(
        self, process: subprocess.Popen[bytes], directory: Path, ready: socket.socket
    ) -> None:
        self.process = process
        self.directory = directory
        self.path = directory / "zygote.sock"
        self._ready = ready  # closing it tells the zygote to exit

    @classmethod
    def start(cls, settings: Settings) -> StandaloneZygote:
        """Start it and wait until it has loaded the data (DataLoadError if it cannot)."""
        from service.errors import DataLoadError
        from service.store import files_of

        directory = Path(tempfile.mkdtemp(prefix="baap-kg-"))
        ours, theirs = socket.socketpair()
        specs = [f"{f.graph or ''}={f.path}" for f in files_of(settings)]
        command = [
            sys.executable, "-m", "service.zygote", "--socket", str(directory / "zygote.sock"),
            "--ready", str(theirs.fileno()), "--memory-mb", str(settings.worker_memory_mb),
            "--base-iri", settings.base_iri, "--files", *specs,
        ]  # fmt: skip
        process = subprocess.Popen(
            command, pass_fds=(theirs.fileno(),), cwd=Path(__file__).resolve().parent.parent
        )
        theirs.close()
        ours.settimeout(600)
        try:
            kind, payload = frames.recv(ours)
        except (frames.PeerGoneError, OSError) as error:
            process.kill()
            raise DataLoadError(f"the query zygote did not start: {error}") from error
        if kind != b"Y":
            process.wait()
            raise DataLoadError(payload.decode("utf-8", "replace"))
        return cls(process, directory, ours)

    def stop(self) -> None:
        """Stop the zygote (its workers end when their sockets close)."""
        self._ready.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m service.zygote --socket PATH --ready FD [--memory-mb N] [--base-iri IRI]
    --files GRAPH=PATH ...` (an empty GRAPH: the file's own graphs)."""
    parser = argparse.ArgumentParser(prog="python -m service.zygote")
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--ready", required=True, type=int, help="fd to report readiness on")
    parser.add_argument("--memory-mb", type=int, default=4096)
    parser.add_argument("--base-iri", required=True)
    parser.add_argument("--files", nargs="*", default=[], help="GRAPH=PATH")
    args = parser.parse_args(argv)
    from service.sandbox import deny_network
    from service.store import KnowledgeStore, LoadedFile

    files = []
    for spec in args.files:
        graph, _, path = spec.partition("=")
        files.append(LoadedFile(Path(path), graph or None))
    ready = socket.socket(fileno=args.ready)
    try:
        store = KnowledgeStore(files, args.base_iri)
    except KGError as error:
        frames.send(ready, b"E", str(error).encode())
        return 2
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(str(args.socket))
    listener.listen(64)
    deny_network()
    frames.send(ready, b"Y")
    zygote_main(store.oxigraph, listener, WorkerLimits(args.memory_mb), ready)


if __name__ == "__main__":
    sys.exit(main())
