"""The HTTP server: uvicorn (httptools parser, uvloop), with the limits a public server needs.

uvicorn parses HTTP and keeps its own bounds: keep-alive timeout, the connection cap it checks
per request, flow control. What it lacks for a service that faces hostile clients is added here,
in a subclass of its httptools protocol that only counts and times (parsing stays uvicorn's):

- request head size and header count: past `max_header_bytes` or `max_headers`, 431 and close;
- a request head must arrive whole within `header_timeout_s` of its first byte (or of the
  connection), and a body within `body_timeout_s` of its head: a client that trickles is closed;
- at most `max_connections` open connections: one more is answered 503 and closed at once, before
  it can hold a descriptor (uvicorn's own check waits for a request head);
- at most `max_keepalive_requests` requests per connection.

The app never binds: `baap-kg serve`'s supervisor binds the listening socket once and hands it
to each (re)started app process.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import httptools
import orjson
import uvicorn
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol


@dataclass(frozen=True)
class HttpLimits:
    """The bounds the protocol enforces."""

    max_header_bytes: int = 16 * 1024
    max_url_bytes: int = 64 * 1024
    max_headers: int = 100
    header_timeout_s: float = 10.0
    body_timeout_s: float = 30.0
    keepalive_timeout_s: int = 5
    max_keepalive_requests: int = 1000
    max_connections: int = 1000


_HEADERS_TOO_LARGE = "the request's header fields are too large (at most BAAP_MAX_HEADER_BYTES)"


class _TooLarge(Exception):
    """Raised inside the parser's callbacks: the request head passed a limit."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol plus the limits of `HttpLimits` (set on the class)."""

    limits: HttpLimits = HttpLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0
        self._header_count = 0
        self._header_bytes = 0
        self._requests = 0
        self._deadline: asyncio.TimerHandle | None = None

    # --- timers ------------------------------------------------------------------------------

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            if self._in_head or (self.cycle is not None and not self.cycle.response_started):
                self._refuse(408, "request-timeout", "the request did not arrive in time")
            else:
                self.transport.close()

    def _refuse(self, status: int, code: str, detail: str) -> None:
        """Answer problem+json and close: the request could not even be read."""
        body = orjson.dumps(
            {
                "type": f"https://w3id.org/baap/problems/{code}",
                "title": HTTPStatus(status).phrase,
                "status": status,
                "detail": detail,
            }
        )
        self.transport.write(
            b"".join(
                [
                    STATUS_LINE[status],
                    b"content-type: application/problem+json\r\n",
                    b"content-length: " + str(len(body)).encode() + b"\r\n",
                    b"connection: close\r\n\r\n",
                    body,
                ]
            )
        )
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request it cannot parse, as problem+json like every error."""
        self._refuse(400, "bad-request", f"{msg} (the request is not valid HTTP/1.1)")

    # --- the connection ----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self._refuse(503, "too-many-connections", "too many open connections; retry soon")
            return
        self._arm(self.limits.header_timeout_s)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        self._unset_keepalive_if_required()
        if self._in_head:
            if self._deadline is None:
                self._arm(self.limits.header_timeout_s)
            self._head_bytes += len(data)  # an upper bound: it may include body bytes
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as error:
            if isinstance(error.__context__, _TooLarge):
                too_large: _TooLarge = error.__context__
                self._refuse(too_large.status, too_large.code, too_large.detail)
            else:
                self.send_400_response("Invalid HTTP request received.")
            return
        except httptools.HttpParserError:
            self.send_400_response("Invalid HTTP request received.")
            return
        except httptools.HttpParserUpgrade:
            self.send_400_response("Protocol upgrades are not supported.")
            return
        if (
            self._in_head
            and self._head_bytes > self.limits.max_header_bytes + self.limits.max_url_bytes
            and not self.transport.is_closing()
        ):
            # The head is still incomplete after this many bytes: it is too large.
            self._refuse(431, "header-too-large", _HEADERS_TOO_LARGE)

    # --- parser callbacks --------------------------------------------------------------------

    def on_message_begin(self) -> None:
        self._in_head = True
        self._header_count = 0
        self._header_bytes = 0
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        if len(self.url) + len(url) > self.limits.max_url_bytes:
            raise _TooLarge(
                414,
                "uri-too-long",
                f"the URL is longer than {self.limits.max_url_bytes} bytes; send a long query "
                "with POST (application/sparql-query or a form)",
            )
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._header_bytes += len(name) + len(value) + 4
        if self._header_count > self.limits.max_headers:
            raise _TooLarge(
                431, "header-too-large", f"more than {self.limits.max_headers} header fields"
            )
        if self._header_bytes > self.limits.max_header_bytes:
            raise _TooLarge(431, "header-too-large", _HEADERS_TOO_LARGE)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        self._requests += 1
        self._arm(self.limits.body_timeout_s)
        super().on_headers_complete()
        if self._requests >= self.limits.max_keepalive_requests and self.cycle is not None:
            self.cycle.keep_alive = False

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self.pipeline:
            self._in_head = True  # the keep-alive timer runs until the next request's bytes


def serve(app: Any, sock: socket.socket, limits: HttpLimits, log_level: str = "info") -> None:
    """Serve `app` on the listening socket `sock` until a signal stops it."""
    protocol = type("Guarded", (GuardedHttpToolsProtocol,), {"limits": limits})
    config = uvicorn.Config(
        app,
        http=protocol,
        ws="none",
        lifespan="on",
        log_level=log_level,
        access_log=False,
        proxy_headers=False,  # the edge middleware trusts forwarding headers only when told to
        server_header=False,
        timeout_keep_alive=limits.keepalive_timeout_s,
        timeout_graceful_shutdown=5,
        limit_concurrency=None,  # connections are capped above; requests wait in the pool
        backlog=2048,
    )
    uvicorn.Server(config).run(sockets=[sock])
