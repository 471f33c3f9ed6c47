"""Validators for every cacheable GET: a strong ETag per representation, 304, Cache-Control.

A pure ASGI middleware (`ConditionalGet`) in front of the app. For a GET or HEAD whose path is
cacheable (`cache_control_for`), it holds the 200 response's body (up to `max_body` bytes), names
it with a strong ETag (a digest of the body, its media type and language: two representations
of one resource never share a tag), and answers `If-None-Match` by RFC 9110: weak comparison,
`*`, lists; a match is a 304 with the same ETag, Cache-Control and Vary. Responses too large to
hold (a whole-dataset dump) keep the ETag their route gives them, if any.

The data never changes while a server runs, so a tag computed once per representation stays
true; Cache-Control says how long a client may reuse without asking (`POLICIES`).
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: (path pattern, Cache-Control), first match wins. Versioned documents never change.
POLICIES: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^/context/[^/]+\.jsonld$"), "public, max-age=31536000, immutable"),
    (re.compile(r"^/(context\.jsonld|ontology|sparql/examples|openapi\.json)$"),
     "public, max-age=3600"),
    (re.compile(r"^/(id|api|store|audit)(/|$|\.)"), "public, max-age=300"),
    (re.compile(r"^/audit\.(html|csv)$"), "public, max-age=300"),
    (re.compile(r"^/query/(vocabulary|prefixes)\.json$"), "public, max-age=3600"),
)  # fmt: skip
#: Suffixes the compression layer adds to a tag it encodes (`"abc-gzip"`); stripped to compare.
ENCODING_SUFFIXES: Final = ("-br", "-gzip")


def cache_control_for(path: str) -> str | None:
    """The Cache-Control of a cacheable path; None when the path is not cacheable."""
    return next((policy for pattern, policy in POLICIES if pattern.match(path)), None)


def _opaque(tag: str) -> str:
    """An entity tag for weak comparison: without `W/`, without an encoding suffix."""
    tag = tag.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    for suffix in ENCODING_SUFFIXES:
        if tag.endswith(suffix):
            return tag[: -len(suffix)]
    return tag


def none_match(header: str | None, etag: str) -> str | None:
    """The tag of `If-None-Match: header` that matches `etag` (so the answer is 304): the
    client's own tag, which may carry an encoding suffix; `etag` itself for `*`; else None."""
    if header is None:
        return None
    if header.strip() == "*":
        return etag
    current = _opaque(etag)
    return next((c.strip() for c in _tags(header) if _opaque(c) == current), None)


def _tags(header: str) -> list[str]:
    """The entity tags of a list header (commas inside quotes are part of a tag)."""
    return re.findall(r'(?:W/)?"[^"]*"', header) or [t for t in header.split(",") if t.strip()]


def strong_etag(body: bytes, headers: Headers) -> str:
    """A strong tag for a representation: its bytes, media type and language."""
    digest = hashlib.blake2b(body, digest_size=12)
    for name in ("content-type", "content-language"):
        digest.update(b"\0" + headers.get(name, "").encode("latin-1"))
    return f'"{digest.hexdigest()}"'


class ConditionalGet:
    """ASGI middleware: ETag, Cache-Control and 304 for the cacheable GET responses."""

    def __init__(self, app: ASGIApp, max_body: int = 32 * 1024 * 1024) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        policy = cache_control_for(scope["path"])
        if policy is None:
            await self.app(scope, receive, send)
            return
        await _Exchange(self.app, scope, policy, self.max_body).run(receive, send)


class _Exchange:
    """One request through ConditionalGet: holds the start message and body, then decides."""

    def __init__(self, app: ASGIApp, scope: Scope, policy: str, max_body: int) -> None:
        self.app = app
        self.scope = scope
        self.policy = policy
        self.max_body = max_body
        self.if_none_match = Headers(scope=scope).get("if-none-match")
        self.start: Message | None = None
        self.parts: list[bytes] = []
        self.size = 0
        self.passing = False  # the response goes through as it comes (not ours to tag)

    async def run(self, receive: Receive, send: Send) -> None:
        async def intercept(message: Message) -> None:
            await self._on(message, send)

        await self.app(self.scope, receive, intercept)

    async def _on(self, message: Message, send: Send) -> None:
        if self.passing:
            await send(message)
            return
        if message["type"] == "http.response.start":
            self.start = message
            if message["status"] != 200:
                self.passing = True
                await send(message)
            return
        if message["type"] != "http.response.body" or self.start is None:
            await send(message)
            return
        body = message.get("body", b"")
        self.parts.append(body)
        self.size += len(body)
        if message.get("more_body", False):
            if self.size > self.max_body:
                await self._stream(send)  # too large to hold: send as it comes
            return
        await self._finish(send)

    async def _stream(self, send: Send) -> None:
        assert self.start is not None
        self.passing = True
        headers = MutableHeaders(scope=self.start)
        headers.setdefault("cache-control", self.policy)
        etag = headers.get("etag")
        matched = none_match(self.if_none_match, etag) if etag else None
        if matched:
            await self._not_modified(send, headers, matched)
            return
        await send(self.start)
        await send({"type": "http.response.body", "body": b"".join(self.parts), "more_body": True})
        self.parts = []

    async def _finish(self, send: Send) -> None:
        assert self.start is not None
        body = b"".join(self.parts)
        headers = MutableHeaders(scope=self.start)
        headers["etag"] = strong_etag(body, headers)
        headers.setdefault("cache-control", self.policy)
        matched = none_match(self.if_none_match, headers["etag"])
        if matched:
            await self._not_modified(send, headers, matched)
            return
        await send(self.start)
        await send({"type": "http.response.body", "body": body})

    async def _not_modified(self, send: Send, headers: MutableHeaders, tag: str) -> None:
        """304 with the headers a 200 would carry for caching; the ETag is the client's own
        (the representation it holds, encoded or not)."""
        kept = {b"cache-control", b"vary", b"content-location", b"link"}
        raw = [(k, v) for k, v in headers.raw if k.lower() in kept]
        raw.append((b"etag", tag.removeprefix("W/").encode("latin-1")))
        await send({"type": "http.response.start", "status": 304, "headers": raw})
        await send({"type": "http.response.body", "body": b""})
        self.passing = True
        self.parts = []
