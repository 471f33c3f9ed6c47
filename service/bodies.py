"""Reading a request body with a size cap: the one reader for every route that takes a body."""

from __future__ import annotations

from starlette.requests import Request

from service.errors import PayloadTooLargeError


async def read_body(request: Request, limit: int, what: str = "the request body") -> bytes:
    """The body, refused with 413 as soon as it is declared or found to pass `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is None and "transfer-encoding" not in request.headers:
        return b""  # HTTP/1.1: no length and no chunking means no body
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLargeError(
            f"{what} is {declared} bytes; the maximum is {limit} (BAAP_MAX_BODY_BYTES)"
        )
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise PayloadTooLargeError(
                f"{what} is over {limit} bytes, the maximum (BAAP_MAX_BODY_BYTES)"
            )
    return bytes(received)
