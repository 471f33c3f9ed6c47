"""A finished query or dump as an HTTP response: sent from memory or its spool file, with the
headers that say how it was cut or encoded; a client that reads nothing is dropped."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from service.negotiation import content_type as _content_type
from service.spool import QueryResult

logger = logging.getLogger(__name__)
_STREAM_CHUNK: Final = 256 * 1024


class ResultResponse(Response):
    """A finished result: sent from memory or its spool file; a client that reads nothing for
    `send_timeout` seconds is dropped and the spool released."""

    def __init__(
        self, result: QueryResult, headers: dict[str, str], head: bool, send_timeout: float
    ) -> None:
        super().__init__(b"", headers=headers, media_type=_content_type(result.outcome.media_type))
        self.result = result
        self.head = head
        self.send_timeout = send_timeout
        self.headers["content-length"] = str(result.size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = self.result.body
        try:
            async with asyncio.timeout(self.send_timeout):
                await send(
                    {"type": "http.response.start", "status": 200, "headers": self.raw_headers}
                )
            if self.head:
                await send({"type": "http.response.body", "body": b""})
                return
            if isinstance(body, bytes):
                async with asyncio.timeout(self.send_timeout):
                    await send({"type": "http.response.body", "body": body})
                return
            while chunk := body.read(_STREAM_CHUNK):
                async with asyncio.timeout(self.send_timeout):
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            async with asyncio.timeout(self.send_timeout):
                await send({"type": "http.response.body", "body": b""})
        except TimeoutError:
            logger.info("dropped a client that read nothing for %g s", self.send_timeout)
            raise ClientTooSlowError from None
        finally:
            self.result.close()


class ClientTooSlowError(Exception):
    """The client stopped reading its response (the server closes the connection)."""


def result_response(result: QueryResult, head: bool, send_timeout: float) -> Response:
    outcome = result.outcome
    headers = {
        "Vary": "Accept, Accept-Encoding",
        "Cache-Control": "no-store",
        "Baap-Query-Seconds": f"{result.seconds:.4f}",
    }
    if outcome.encoding:
        headers["Content-Encoding"] = outcome.encoding
    if outcome.truncated:
        headers["Baap-Result-Truncated"] = f"true; rows={outcome.rows}"
        if outcome.truncated == "bytes":
            headers["Baap-Result-Truncated"] += "; bytes"
    return ResultResponse(result, headers, head, send_timeout)
