"""Compressed responses for clients that accept them: br (Brotli) or gzip, chosen by q-value.

A pure ASGI middleware (`Compression`). Text responses (pages, JSON, every RDF and SPARQL results
syntax, CSV, JavaScript, CSS, SVG) of at least `minimum` bytes are encoded; the response then says
`Content-Encoding` and `Vary: Accept-Encoding`, and its strong ETag gets the encoding as a suffix
(`"abc-gzip"`), a different tag for a different representation, which `service.caching` reads
back. A response that is already encoded passes as it is: SPARQL results are compressed by the
worker that writes them (`service.zygote`), so a large result costs the app no CPU. Bodies that
arrive in one piece are compressed once per ETag and remembered (the audit page is 1 MB).
"""

from __future__ import annotations

import gzip
import zlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Final

import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_TEXTUAL: Final = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/problem+json",
    "application/sparql-results",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/rdf+xml",
    "application/xml",
    "application/javascript",
    "application/vnd.oai.openapi+json",
    "image/svg+xml",
)
_REMEMBERED: Final = 64  # compressed bodies kept, by (ETag, encoding)


def choose_encoding(accept_encoding: str | None) -> str | None:
    """ "br", "gzip" or None (identity) for an Accept-Encoding header, by q-value; br wins ties."""
    if not accept_encoding:
        return None
    qualities: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, *params = part.strip().split(";")
        quality = 1.0
        for param in params:
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        qualities[name.strip().lower()] = quality
    star = qualities.get("*", 0.0)
    best, best_q = None, 0.0
    for encoding in ("br", "gzip"):
        quality = qualities.get(encoding, star)
        if quality > best_q:
            best, best_q = encoding, quality
    return best


def compressible(content_type: str | None) -> bool:
    """Whether a media type is text that compresses."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    return media_type.startswith(_TEXTUAL) or media_type.endswith(("+json", "+xml"))


def encoder(encoding: str, fast: bool = False) -> Callable[[bytes, bool], bytes]:
    """A streaming encoder: feed(data, last) -> the compressed bytes so far. `fast`: the lowest
    levels (a worker streaming a result of many megabytes compresses at several hundred MB/s
    and still divides the size by five or more)."""
    if encoding == "br":
        compressor = brotli.Compressor(quality=1 if fast else 4, mode=brotli.MODE_TEXT)

        def feed_br(data: bytes, last: bool) -> bytes:
            out = bytes(compressor.process(data)) if data else b""
            return out + bytes(compressor.finish() if last else compressor.flush())

        return feed_br
    stream = zlib.compressobj(1 if fast else 6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip

    def feed_gzip(data: bytes, last: bool) -> bytes:
        out = stream.compress(data)
        return out + (stream.flush() if last else stream.flush(zlib.Z_SYNC_FLUSH))

    return feed_gzip


def compress(data: bytes, encoding: str) -> bytes:
    """`data` in one piece."""
    if encoding == "br":
        return bytes(brotli.compress(data, quality=5, mode=brotli.MODE_TEXT))
    return gzip.compress(data, compresslevel=6, mtime=0)


class Compression:
    """ASGI middleware: br or gzip for the text responses of clients that accept them."""

    def __init__(self, app: ASGIApp, minimum: int = 1024) -> None:
        self.app = app
        self.minimum = minimum
        self._remembered: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        encoding = choose_encoding(Headers(scope=scope).get("accept-encoding"))
        if encoding is None:
            await self.app(scope, receive, send)
            return
        responder = _Responder(self, encoding, send)
        await self.app(scope, receive, responder.send)

    def remembered(self, key: tuple[str, str], make: Callable[[], bytes]) -> bytes:
        """A whole body compressed once per (ETag, encoding)."""
        found = self._remembered.get(key)
        if found is None:
            found = self._remembered[key] = make()
            while len(self._remembered) > _REMEMBERED:
                self._remembered.popitem(last=False)
        else:
            self._remembered.move_to_end(key)
        return found


class _Responder:
    """One response: decides at its first body message whether to encode it."""

    def __init__(self, owner: Compression, encoding: str, send: Send) -> None:
        self.owner = owner
        self.encoding = encoding
        self.downstream = send
        self.start: Message | None = None
        self.feed: Callable[[bytes, bool], bytes] | None = None
        self.passing = False

    async def send(self, message: Message) -> None:
        if self.passing:
            await self.downstream(message)
            return
        if message["type"] == "http.response.start":
            headers = Headers(raw=message["headers"])
            status = message["status"]
            if (
                status < 200
                or status in (204, 304)
                or "content-encoding" in headers
                or not compressible(headers.get("content-type"))
            ):
                self.passing = True
                await self.downstream(message)
                return
            self.start = message
            return
        if message["type"] != "http.response.body" or self.start is None:
            await self.downstream(message)
            return
        body: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        if self.feed is None:
            if not more and len(body) < self.owner.minimum:
                self.passing = True
                await self.downstream(self.start)
                await self.downstream(message)
                return
            await self._begin(body, more)
            return
        await self.downstream(
            {"type": "http.response.body", "body": self.feed(body, not more), "more_body": more}
        )

    async def _begin(self, body: bytes, more: bool) -> None:
        assert self.start is not None
        headers = MutableHeaders(scope=self.start)
        headers["content-encoding"] = self.encoding
        vary = headers.get("vary")
        headers["vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        etag = headers.get("etag")
        if etag and etag.endswith('"'):
            headers["etag"] = etag[:-1] + f'-{self.encoding}"'
        if not more:
            data = (
                self.owner.remembered((etag, self.encoding), lambda: compress(body, self.encoding))
                if etag
                else compress(body, self.encoding)
            )
            headers["content-length"] = str(len(data))
            await self.downstream(self.start)
            await self.downstream({"type": "http.response.body", "body": data})
            self.passing = True
            return
        if "content-length" in headers:
            del headers["content-length"]
        self.feed = encoder(self.encoding)
        await self.downstream(self.start)
        await self.downstream(
            {"type": "http.response.body", "body": self.feed(body, False), "more_body": True}
        )
