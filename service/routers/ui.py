"""The HTML pages: home `/`, `/query`, `/browse/activities`, `/search`, `/report`, `/audit.html`.

Routes only: each page is built by its module in `service.web` (from `service/templates/`, one
`layout.html`), readable without JavaScript, in English or Chinese (`service.i18n`), loading
nothing from another origin. A page is HTML only for clients that ask for HTML: a client that
asks for JSON, SPARQL results or RDF is sent where that lives (303) or gets a 406.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.site import STATIC
from service.web import audit, audit_gaps, browse, completion, docs, home, query, report, search
from service.web.layout import views_of

router = APIRouter(include_in_schema=False)


@router.get("/")
def home_page(request: Request) -> Response:
    """The home page; JSON links for JSON clients, RDF clients to the service description."""
    return home.page(request)


@router.get("/query")
def query_page(request: Request) -> Response:
    """The SPARQL editor with `?query=` or `?example=`."""
    return query.page(request)


@router.get("/query/prefixes.json")
def query_prefixes() -> Response:
    """The prefixes the editor completes, served from here."""
    return query.prefixes()


@router.get("/query/vocabulary.json")
def query_vocabulary(request: Request) -> Response:
    """What the editor completes: prefixes, classes, properties, entities by notation."""
    return completion.response(views_of(request))


@router.get("/browse/activities")
def browse_page(request: Request) -> Response:
    """Activities filtered and paged as `/api/activities` does."""
    return browse.page(request)


@router.get("/search")
def search_page(request: Request) -> Response:
    """Activities and entities whose names contain the words."""
    return search.page(request)


@router.get("/report")
def report_page(request: Request) -> Response:
    """The report text, line by line."""
    return report.page(request)


@router.get("/audit.html")
async def audit_page(request: Request) -> Response:
    """The audit in the site layout."""
    return await audit.page(request)


@router.get("/audit/without/{dimension}")
def audit_without_page(request: Request, dimension: str) -> Response:
    """The activities without a link of `dimension` (any basis, or `?basis=report`, `curation`,
    `stated`, `inferred`, `derived`)."""
    return audit_gaps.page(request, dimension)


@router.get("/docs")
def docs_page(request: Request) -> Response:
    """The API reference in the site layout; JSON clients to /openapi.json."""
    return docs.page(request)


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it; the site icon is an SVG."""
    return Response(
        (STATIC / "baap" / "icon.svg").read_bytes(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )
