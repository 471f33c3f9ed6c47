"""The frames every baap-kg process speaks on its sockets: 1 byte kind, 4 bytes length, payload.

Kinds from the app to a worker: `Q` a query job (JSON), `V` a validation job (JSON) followed by
`B` its candidate bytes, `G` a whole-graph dump (JSON). From a worker to the app: `C` a chunk of
the result, `R` drop the chunks so far (a cap forces a second, cut-down serialization), `D` done
(the outcome, JSON), `E` an error (JSON: the error's class name and message). Between the app
and the zygote: `S` spawn a worker on the socket passed with it (SCM_RIGHTS), answered by `P` and
the worker's pid; `W` how did worker N end; `?` a ping, answered by `!`. The supervisor
pings the zygote the same way.
"""

from __future__ import annotations

import socket
import struct
from typing import Final

HEADER: Final = struct.Struct(">cI")


class PeerGoneError(Exception):
    """The socket closed (the process on the other end died or went away)."""


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    """One frame's bytes."""
    return HEADER.pack(kind, len(payload)) + payload


def send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    """Send one frame (blocking)."""
    sock.sendall(frame(kind, payload))


def recv_exact(sock: socket.socket, size: int) -> bytes:
    """Exactly `size` bytes (blocking); PeerGoneError if the socket closes first."""
    parts: list[bytes] = []
    while size:
        part = sock.recv(min(size, 1 << 20))
        if not part:
            raise PeerGoneError
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def recv(sock: socket.socket) -> tuple[bytes, bytes]:
    """One frame (blocking): its kind and payload."""
    kind, size = HEADER.unpack(recv_exact(sock, HEADER.size))
    return kind, recv_exact(sock, size) if size else b""
