"""`baap-kg serve`: one load of the data, a sandbox for every process, and a supervisor that
restarts what dies.

    supervisor ── loads the store once, binds the port, installs the network filter
       ├─ fork ─> zygote ── fork ─> workers (queries, uploads)
       └─ fork ─> app (uvicorn + FastAPI on the inherited listening socket)

The supervisor stays single-threaded, so forking it is safe, and every child shares the loaded
store's pages copy-on-write: the data is parsed once for the whole service. It then only watches:

- a child that exits is forked again (a fresh app or zygote in milliseconds: nothing is re-read),
  with a growing pause if it keeps dying;
- the zygote is pinged every second; one that does not answer within `ping_timeout_s` (stopped,
  hung) is killed and replaced;
- the app sends a heartbeat from its event loop every second; an app silent for
  `app_stall_s` (stopped, or its loop blocked) is killed and replaced. Connections wait in the
  listening socket's backlog meanwhile: the socket outlives every app process.

Orphaned workers (their zygote died) are re-parented here (PR_SET_CHILD_SUBREAPER) and reaped.
SIGTERM or SIGINT stops the app gracefully, then everything else.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import selectors
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from service import frames
from service.config import Settings
from service.sandbox import deny_network, set_process_name
from service.store import KnowledgeStore

logger = logging.getLogger("baap_kg.supervisor")
_PR_SET_CHILD_SUBREAPER = 36


@dataclass
class _Child:
    """One supervised process: how to start it, and its restart history."""

    name: str
    start: Callable[[], int]
    pid: int = 0
    restarts: list[float] = field(default_factory=list)
    not_before: float = 0.0

    def backoff(self, now: float) -> float:
        """Seconds to wait before the next start: 0 unless it keeps dying."""
        self.restarts = [t for t in self.restarts if now - t < 30] + [now]
        return 0.0 if len(self.restarts) <= 3 else min(5.0, 0.25 * 2 ** (len(self.restarts) - 4))


def bind_listener(host: str, port: int) -> socket.socket:
    """The service's one TCP listening socket (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class Supervisor:
    """Runs the service's processes over one loaded store; see the module doc."""

    def __init__(self, settings: Settings, store: KnowledgeStore, listener: socket.socket) -> None:
        self.settings = settings
        self.store = store
        self.listener = listener
        self._runtime = Path(tempfile.mkdtemp(prefix="baap-kg-"))  # mode 0700
        self.zygote_path = self._runtime / "zygote.sock"
        self._zygote_listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._zygote_listener.bind(str(self.zygote_path))
        self._zygote_listener.listen(64)
        self._stopping = False
        self._selector = selectors.DefaultSelector()
        self._zygote_ping: socket.socket | None = None
        self._pinged_at = 0.0
        self._ponged_at = 0.0
        self._heartbeat: socket.socket | None = None
        self._heard_at = 0.0
        self.app = _Child("app", self._start_app)
        self.zygote = _Child("zygote", self._start_zygote)

    # --- the children ------------------------------------------------------------------------

    def _fork(self, child_main: Callable[[], NoReturn]) -> int:
        if threading.active_count() != 1:
            logger.warning("forking with %d threads running", threading.active_count())
        pid = os.fork()
        if pid == 0:
            try:
                signal.set_wakeup_fd(-1)
                for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD, signal.SIGHUP):
                    signal.signal(sig, signal.SIG_DFL)
                self._selector.close()
                child_main()
            finally:
                os._exit(70)
        return pid

    def _start_zygote(self) -> int:
        from service.zygote import WorkerLimits, zygote_main

        ours, theirs = socket.socketpair()

        def main() -> NoReturn:
            ours.close()
            self.listener.close()
            self._close_channels()
            limits = WorkerLimits(self.settings.worker_memory_mb)
            zygote_main(self.store.oxigraph, self._zygote_listener, limits, theirs)

        pid = self._fork(main)
        theirs.close()
        self._replace_channel("_zygote_ping", ours, "zygote")
        self._pinged_at = self._ponged_at = time.monotonic()
        return pid

    def _start_app(self) -> int:
        ours, theirs = socket.socketpair()

        def main() -> NoReturn:
            ours.close()
            self._zygote_listener.close()
            self._close_channels()
            from service.app import asgi_app, create_app
            from service.http_server import serve

            set_process_name("baap-kg app")
            app = create_app(
                self.settings, store=self.store, zygote=self.zygote_path, heartbeat=theirs
            )
            serve(asgi_app(app, self.settings), self.listener, self.settings.http_limits())
            os._exit(0)

        pid = self._fork(main)
        theirs.close()
        self._replace_channel("_heartbeat", ours, "app")
        self._heard_at = time.monotonic()
        return pid

    def _replace_channel(self, name: str, sock: socket.socket, data: str) -> None:
        old: socket.socket | None = getattr(self, name)
        if old is not None:
            self._selector.unregister(old)
            old.close()
        sock.setblocking(False)
        self._selector.register(sock, selectors.EVENT_READ, data)
        setattr(self, name, sock)

    def _close_channels(self) -> None:
        for sock in (self._zygote_ping, self._heartbeat):
            if sock is not None:
                sock.close()

    # --- the loop ----------------------------------------------------------------------------

    def run(self) -> int:
        """Start everything and watch it until SIGTERM or SIGINT; the exit code."""
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        set_process_name("baap-kg serve")
        wake_read, wake_write = socket.socketpair()
        wake_read.setblocking(False)
        wake_write.setblocking(False)
        signal.set_wakeup_fd(wake_write.fileno())
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._stop)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self._selector.register(wake_read, selectors.EVENT_READ, "wake")
        deny_network()  # after binding: nothing this process or its children run can connect
        try:
            for child in (self.zygote, self.app):
                child.pid = child.start()
            while not self._stopping:
                for key, _ in self._selector.select(timeout=0.5):
                    self._readable(key.fileobj, key.data)  # type: ignore[arg-type]
                self._reap()
                self._watch()
        finally:
            self._shutdown()
        return 0

    def _stop(self, signum: int, frame: object) -> None:
        self._stopping = True

    def _readable(self, sock: socket.socket, what: str) -> None:
        try:
            data = sock.recv(4096)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if what == "zygote" and data:
            self._ponged_at = time.monotonic()
        elif what == "app" and data:
            self._heard_at = time.monotonic()
        elif not data and what in ("zygote", "app"):
            self._selector.unregister(sock)
            sock.close()
            setattr(self, "_zygote_ping" if what == "zygote" else "_heartbeat", None)

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for child in (self.app, self.zygote):
                if pid == child.pid:
                    logger.warning("%s (pid %d) exited: %s", child.name, pid, _describe(status))
                    child.pid = 0
                    child.not_before = time.monotonic() + child.backoff(time.monotonic())

    def _watch(self) -> None:
        now = time.monotonic()
        if self._stopping:
            return
        for child in (self.zygote, self.app):
            if child.pid == 0 and now >= child.not_before:
                child.pid = child.start()
                logger.warning("%s restarted (pid %d)", child.name, child.pid)
        if self.zygote.pid and self._zygote_ping is not None:
            if self._ponged_at < self._pinged_at and now - self._pinged_at > (
                self.settings.ping_timeout_s
            ):
                logger.warning("zygote (pid %d) stopped answering: killed", self.zygote.pid)
                _kill(self.zygote.pid)
                self._ponged_at = self._pinged_at = now
            elif now - self._pinged_at >= 1.0 and self._ponged_at >= self._pinged_at:
                with contextlib.suppress(OSError):
                    self._zygote_ping.send(frames.frame(b"?"))
                self._pinged_at = now
        if self.app.pid and now - self._heard_at > self.settings.app_stall_s:
            logger.warning("app (pid %d) sent no heartbeat for %.0f s: killed", self.app.pid,
                           now - self._heard_at)  # fmt: skip
            _kill(self.app.pid)
            self._heard_at = now

    def _shutdown(self) -> None:
        """Stop the app gracefully, then everything else; remove the runtime directory."""
        if self.app.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.app.pid, signal.SIGTERM)
            deadline = time.monotonic() + 8
            while time.monotonic() < deadline and _alive(self.app.pid):
                time.sleep(0.05)
                self._reap_quietly()
        for pid in _children(os.getpid()):
            _kill(pid)
        self._reap_quietly()
        self._zygote_listener.close()
        with contextlib.suppress(OSError):
            self.zygote_path.unlink()
        with contextlib.suppress(OSError):
            self._runtime.rmdir()

    @staticmethod
    def _reap_quietly() -> None:
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return waited == 0


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _children(parent: int) -> list[int]:
    """Pids whose parent is `parent` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == parent:
                    found.append(int(entry.name))
    return found


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit code {os.WEXITSTATUS(status)}"
