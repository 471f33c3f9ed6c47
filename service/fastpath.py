"""The SPARQL endpoint's short way in: `/sparql` requests skip FastAPI's routing layers.

A query that Oxigraph answers in a fraction of a millisecond should not wait longer for the web
framework than for the engine. `SparqlFastPath` wraps the finished app from outside (it is
installed once, by `asgi_app`): requests for `/sparql` and `/sparql/` go straight to the handler
the FastAPI routes use (`service.routers.sparql`), through the app's own CORS middleware with the
app's one CORS policy (`CORS`); every other request goes to the app. Only dependency solving,
route matching and Starlette's outer layers are left out.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import KGError
from service.problems import internal_error_response, kg_error_response

logger = logging.getLogger(__name__)
SPARQL_PATHS: Final = frozenset({"/sparql", "/sparql/"})
#: Response headers a browser script may read on a cross-origin response.
EXPOSED_HEADERS: Final = [
    "Baap-Result-Truncated",
    "Baap-Query-Seconds",
    "Baap-Data-Version",
    "Retry-After",
    "Link",
    "ETag",
    "Content-Disposition",
]
#: The one CORS policy of the service: any origin, never with credentials.
CORS: Final[dict[str, Any]] = {
    "allow_origins": ["*"],
    "allow_credentials": False,
    "allow_methods": ["GET", "HEAD", "POST", "OPTIONS"],
    # Any request header: with credentials never allowed, none can carry a user's authority.
    "allow_headers": ["*"],
    "expose_headers": EXPOSED_HEADERS,
    "max_age": 86400,
}


class SparqlFastPath:
    """ASGI middleware: `/sparql` straight to its handler (with CORS), everything else to `app`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.sparql = CORSMiddleware(self._sparql, **CORS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in SPARQL_PATHS:
            await self.app(scope, receive, send)
            return
        scope["app"] = self.app
        if any(name == b"origin" for name, _ in scope["headers"]):
            await self.sparql(scope, receive, send)  # cross-origin: the CORS policy applies
        else:
            await self._sparql(scope, receive, send)

    async def _sparql(self, scope: Scope, receive: Receive, send: Send) -> None:
        from service.results import ClientTooSlowError
        from service.routers.sparql import sparql, sparql_options, sparql_other_methods

        request = Request(scope, receive)
        method = scope["method"]
        response: Response
        try:
            if method == "OPTIONS":
                response = await sparql_options()
            elif method in ("GET", "HEAD", "POST"):
                response = await sparql(request)
            else:
                response = await sparql_other_methods(request)
        except KGError as error:
            response = kg_error_response(error)
        except Exception:  # a bug: answer like the app's own handler, never a bare 500
            logger.exception("unexpected error on %s %s", method, scope["path"])
            response = internal_error_response()
        try:
            await response(scope, receive, _without_body_for_head(send, method))
        except ClientTooSlowError:
            return  # the server closes a connection whose response did not complete


def _without_body_for_head(send: Send, method: str) -> Send:
    """HEAD responses keep their headers and drop any body."""
    if method != "HEAD":
        return send

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b"", "more_body": False}
        await send(message)

    return send_head
