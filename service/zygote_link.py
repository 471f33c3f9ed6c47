"""The app's connection to the zygote (`service.zygote`): ask it for a worker, ask how a worker
ended, ping it. One connection (AF_UNIX, SOCK_SEQPACKET: one message per frame) to the socket the
supervisor created; when the zygote dies or is replaced, the next call connects again."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from service import frames


class ZygoteUnavailableError(Exception):
    """The zygote did not answer (dead, stopped, or being restarted)."""


class ZygoteLink:
    """The app's connection to the zygote: spawn a worker, ping. Blocking; thread-safe."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()

    def _connected(self, timeout: float) -> socket.socket:
        if self._sock is None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            sock.settimeout(timeout)
            try:
                sock.connect(str(self.path))
            except OSError as error:
                sock.close()
                raise ZygoteUnavailableError(f"cannot reach the zygote: {error}") from error
            self._sock = sock
        self._sock.settimeout(timeout)
        return self._sock

    def _exchange(self, message: bytes, fds: list[int], timeout: float) -> bytes:
        with self._lock:
            sock = self._connected(timeout)
            try:
                socket.send_fds(sock, [message], fds)
                reply = sock.recv(64)
            except OSError as error:
                self._drop()
                raise ZygoteUnavailableError(f"the zygote did not answer: {error}") from error
            if not reply:
                self._drop()
                raise ZygoteUnavailableError("the zygote closed the connection")
            return reply

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def spawn(self, timeout: float) -> tuple[socket.socket, int]:
        """A new worker: our end of its socket and its pid."""
        ours, theirs = socket.socketpair()
        try:
            reply = self._exchange(frames.frame(b"S"), [theirs.fileno()], timeout)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        if reply[:1] != b"P":
            ours.close()
            raise ZygoteUnavailableError(f"unexpected answer from the zygote: {reply!r}")
        ours.setblocking(False)
        return ours, int(reply[frames.HEADER.size :])

    def exit_status(self, pid: int, wait_s: float = 1.0) -> int | None:
        """How worker `pid` ended (a wait status), asked of the zygote that reaped it; None when
        it is not known within `wait_s` (the zygote is gone, or the worker was re-parented)."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                reply = self._exchange(frames.frame(b"W", str(pid).encode()), [], wait_s)
            except ZygoteUnavailableError:
                return None
            if reply[:1] == b"X":
                return int(reply[frames.HEADER.size :])
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)

    def ping(self, timeout: float) -> bool:
        """Whether the zygote answers within `timeout` seconds."""
        try:
            return self._exchange(frames.frame(b"?"), [], timeout)[:1] == b"!"
        except ZygoteUnavailableError:
            return False

    def close(self) -> None:
        with self._lock:
            self._drop()
