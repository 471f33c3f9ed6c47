"""`/docs`: the API reference (Swagger UI on /openapi.json) inside the site's layout, in English
or Chinese around it; Swagger UI starts from a static script (no inline script). A client that
asks for JSON is sent to the OpenAPI document itself."""

from __future__ import annotations

from typing import Final

from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from service.negotiation import HTML, JSON, page_or
from service.web.layout import choose, render

#: The page for browsers, or (by redirect) the OpenAPI JSON.
OFFER: Final = page_or(JSON, "application/vnd.oai.openapi+json")


def page(request: Request) -> Response:
    """The API reference page."""
    if choose(request, OFFER) != HTML:
        return RedirectResponse("/openapi.json", status_code=303)
    return render(request, "docs.html", "docs")
