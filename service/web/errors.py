"""Errors for browsers: a page of the site (in its layout and language) instead of
problem+json, for clients that ask for HTML; every other client gets the problem unchanged."""

from __future__ import annotations

import logging

import orjson
from fastapi.responses import Response
from starlette.requests import Request

from service.negotiation import prefers_html
from service.web.layout import render

logger = logging.getLogger(__name__)
#: Statuses with their own explanation on the page; others use the generic one.
EXPLAINED = frozenset({400, 404, 405, 406, 413, 415, 429, 500, 503})
#: Problem headers a page keeps (what to retry, what is allowed).
KEPT_HEADERS = ("allow", "retry-after")


def page_or_problem(request: Request, problem: Response) -> Response:
    """`problem` (an application/problem+json response), or the same error as a page when the
    client prefers HTML (a browser)."""
    if not prefers_html(request.headers.get("accept")):
        return problem
    try:
        body = orjson.loads(bytes(problem.body))
        status = problem.status_code
        response = render(
            request,
            "error.html",
            "error",
            status_code=status,
            status=status,
            explained=status if status in EXPLAINED else 0,
            detail=str(body.get("detail", "")),
            path=request.url.path,
        )
    except Exception:  # the page is a courtesy: never let it hide the error itself
        logger.exception("cannot render the error page for %s", request.url.path)
        return problem
    for name in KEPT_HEADERS:
        if name in problem.headers:
            response.headers[name] = problem.headers[name]
    return response
