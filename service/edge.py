"""The edge of the app: what every HTTP request passes first (a pure ASGI middleware, outermost).

- The `Host` header must be one well-formed `host[:port]`; missing (HTTP/1.1), repeated or
  malformed is a 400, never a 500 further in.
- With a public URL configured (`BAAP_PUBLIC_URL`; `baap-kg serve` defaults it to the address it
  listens on), the request's scheme, host and server are rewritten to it before anything else
  sees them: every absolute link, redirect, `Link` header and service description is built from
  the configured address, never from what a client wrote in `Host`.
- The client's identity for fair shares of the workers is its peer address, or, only when that
  peer is a configured trusted proxy (`BAAP_TRUSTED_PROXIES`), the last address it adds to
  `X-Forwarded-For`. It is left in `scope["state"]["client"]`.
"""

from __future__ import annotations

import ipaddress
import re
from contextvars import ContextVar
from functools import lru_cache
from typing import Final
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from service.problems import problem_response

#: The current request's client (see the module doc), for work the app does on its behalf.
CLIENT: ContextVar[str] = ContextVar("baap_client", default="")
_REG_NAME: Final = re.compile(rb"^[A-Za-z0-9](?:[A-Za-z0-9\-._~]{0,252})$")
_PORT: Final = re.compile(rb"^[0-9]{1,5}$")


@lru_cache(maxsize=256)
def valid_host(value: bytes) -> bool:
    """Whether `value` is a well-formed Host header: reg-name, IPv4 or [IPv6], optional port."""
    if not value or len(value) > 261:
        return False
    host, port = value, b""
    if value.startswith(b"["):
        end = value.find(b"]")
        if end < 0:
            return False
        host, rest = value[1:end], value[end + 1 :]
        if rest and not rest.startswith(b":"):
            return False
        port = rest[1:]
        try:
            ipaddress.IPv6Address(host.decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            return False
    else:
        if value.count(b":") > 1:
            return False
        host, _, port = value.partition(b":")
        if b":" in value and not port:
            return False
        if not _REG_NAME.match(host):
            return False
    return not port or (_PORT.match(port) is not None and int(port) <= 65535)


class Edge:
    """ASGI middleware: Host checked, scheme/host from the public URL, client identified."""

    def __init__(
        self, app: ASGIApp, public_url: str | None = None, trusted_proxies: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        self.trusted = frozenset(trusted_proxies)
        self.public: tuple[str, bytes, tuple[str, int]] | None = None
        if public_url:
            parts = urlsplit(public_url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            netloc = parts.netloc.rsplit("@", 1)[-1]
            self.public = (parts.scheme, netloc.encode("ascii"), (parts.hostname or "", port))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        hosts = [value for name, value in headers if name == b"host"]
        if (
            len(hosts) > 1
            or (hosts and not valid_host(hosts[0]))
            or (not hosts and scope.get("http_version") == "1.1")
        ):
            detail = (
                "the Host header is missing, repeated or malformed; send one Host header "
                "naming this server (host or host:port)"
            )
            response = problem_response(400, "RequestError", detail, "bad-host")
            await response(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["client"] = client = self._client(scope)
        CLIENT.set(client)
        if self.public is not None:
            scheme, netloc, server = self.public
            scope["scheme"] = scheme
            scope["server"] = server
            scope["headers"] = [(n, v) for n, v in headers if n != b"host"] + [(b"host", netloc)]
        await self.app(scope, receive, send)

    def _client(self, scope: Scope) -> str:
        peer = scope.get("client")
        address = str(peer[0]) if peer else ""
        if address in self.trusted:
            headers: list[tuple[bytes, bytes]] = scope["headers"]
            for name, value in headers:
                if name == b"x-forwarded-for":
                    forwarded = value.decode("latin-1").split(",")[-1].strip()
                    if forwarded:
                        return forwarded
        return address
