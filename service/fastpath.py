"""The SPARQL endpoint's short way in: `/sparql` requests skip FastAPI's routing layers.

A query that Oxigraph answers in a fraction of a millisecond should not wait longer for the web
framework than for the engine. This ASGI middleware sits outermost, takes requests for `/sparql`
and `/sparql/` and calls the same handler the FastAPI routes use (`service.routers.sparql`),
so behaviour is identical; it only leaves out dependency solving, route matching and the CORS
middleware (whose headers it adds itself, with the same policy: any origin, no credentials).
"""

from __future__ import annotations

import logging
from typing import Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import KGError
from service.problems import internal_error_response, kg_error_response

logger = logging.getLogger(__name__)
SPARQL_PATHS: Final = frozenset({"/sparql", "/sparql/"})
ALLOWED_METHODS: Final = "GET, HEAD, POST, OPTIONS"
ALLOWED_HEADERS: Final = "Accept, Content-Type, Accept-Language"


class SparqlFastPath:
    """ASGI middleware: `/sparql` straight to its handler, everything else to `app`."""

    def __init__(
        self, app: ASGIApp, exposed_headers: list[str], application: ASGIApp | None = None
    ) -> None:
        self.app = app
        self.exposed = ", ".join(exposed_headers)
        #: Set when this wraps the FastAPI app from outside (`baap-kg serve`): requests then
        #: skip even Starlette's outer layers, and `request.app` must be supplied here.
        self.application = application

    @classmethod
    def around(cls, app: ASGIApp, exposed_headers: list[str]) -> SparqlFastPath:
        """The outermost wrapper for a finished app (what `baap-kg serve` hands to uvicorn)."""
        return cls(app, exposed_headers, application=app)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in SPARQL_PATHS:
            await self.app(scope, receive, send)
            return
        from service.routers.sparql import sparql, sparql_options, sparql_other_methods

        if self.application is not None:
            scope["app"] = self.application
        request = Request(scope, receive)
        origin = request.headers.get("origin")
        method = scope["method"]
        response: Response
        try:
            if method == "OPTIONS":
                if origin and "access-control-request-method" in request.headers:
                    response = self._preflight(origin)
                else:
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
        if origin:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = self.exposed
        await response(scope, receive, _without_body_for_head(send, method))

    @staticmethod
    def _preflight(origin: str) -> Response:
        return Response(
            status_code=200,
            headers={
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": "86400",
                "Vary": "Origin",
            },
        )


def _without_body_for_head(send: Send, method: str) -> Send:
    """HEAD responses keep their headers and drop any body."""
    if method != "HEAD":
        return send

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b"", "more_body": False}
        await send(message)

    return send_head
