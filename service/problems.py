"""Errors as RFC 9457 `application/problem+json` responses: the one way any error leaves."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from service.errors import KGError

INTERNAL_DETAIL = "the server failed on this request; this is a bug in baap-kg, please report it"


def problem_response(
    status: int,
    title: str,
    detail: str,
    code: str,
    headers: dict[str, str] | None = None,
    extensions: dict[str, object] | None = None,
) -> JSONResponse:
    """An RFC 9457 problem+json response (`extensions`: more members, such as line and column)."""
    return JSONResponse(
        {
            "type": f"https://w3id.org/baap/problems/{code}",
            "title": title,
            "status": status,
            "detail": detail,
            **(extensions or {}),
        },
        status_code=status,
        media_type="application/problem+json",
        headers=headers,
    )


def kg_error_response(error: KGError) -> JSONResponse:
    """A baap-kg error with its status, code, message and headers (Allow, Retry-After)."""
    headers: dict[str, str] | None = getattr(error, "headers", None)
    extensions: dict[str, object] | None = getattr(error, "extensions", None)
    return problem_response(
        error.status_code, type(error).__name__, error.message, error.code, headers, extensions
    )


def internal_error_response() -> JSONResponse:
    """A bug, not the client's fault: said plainly, without internals."""
    return problem_response(500, "InternalError", INTERNAL_DETAIL, "internal")
