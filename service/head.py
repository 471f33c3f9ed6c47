"""HEAD wherever GET (RFC 9110, 9.3.2), enforced once in front of every route.

FastAPI routes answer the methods they declare, so a `GET` route answered `HEAD` with 405 unless
it declared `HEAD` too (a linked-data client checking an IRI, a cache revalidating). This pure
ASGI middleware gives a `HEAD` that the app refuses with 405 to the app again as a `GET`; the
server (uvicorn) still sees the `HEAD` in its own scope and sends the headers without the body.
Routes that handle `HEAD` themselves (`/id/...`, `/store`, `/sparql`) keep doing so, and a 405
that names `GET` in its `Allow` header names `HEAD` beside it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_NO_BODY: Message = {"type": "http.request", "body": b"", "more_body": False}


class HeadAsGet:
    """Answers `HEAD` as `GET` where only `GET` is routed, and says so in `Allow`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, _allowing_head(send))
            return
        refused = False

        async def unless_refused(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and message["status"] == 405:
                refused = True
            if not refused:
                await send(message)

        await self.app(scope, receive, unless_refused)
        if refused:
            await self.app({**scope, "method": "GET"}, _replayed(receive), _allowing_head(send))


def _replayed(receive: Receive) -> Receive:
    """`receive` for a second run of the app: an empty body first (a HEAD has none), then the
    connection's own messages (a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return _NO_BODY
        return await receive()

    return replay


def _allowing_head(send: Send) -> Send:
    """`send` with `HEAD` added to a 405's `Allow` where it names `GET` without it."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 405:
            message = {**message, "headers": _with_head(list(message.get("headers", [])))}
        await send(message)

    return sending


def _with_head(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    out = []
    for name, value in headers:
        if name.lower() == b"allow":
            methods = [m.strip() for m in value.decode("latin-1").split(",") if m.strip()]
            if "GET" in methods and "HEAD" not in methods:
                methods.insert(methods.index("GET") + 1, "HEAD")
            value = ", ".join(methods).encode("latin-1")
        out.append((name, value))
    return out
