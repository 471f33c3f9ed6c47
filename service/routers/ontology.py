"""`/ontology`: the vocabulary (`https://w3id.org/baap/ontology`) as a readable page for browsers
(English and Chinese) and as RDF (Turtle, JSON-LD, RDF/XML, N-Triples) by `Accept` or
`?format=` (CONTRACT v2). The RDF is the served `ontology` graph, written by a worker."""

from __future__ import annotations

from typing import Final

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.compression import choose_encoding
from service.deps import client_of
from service.namespaces import PREFIXES, graph_iri
from service.negotiation import HTML, JSON_LD, TURTLE, Offer, negotiate
from service.results import result_response
from service.web.ontology import page
from service.workers import WorkerPool

router = APIRouter(tags=["ontology"])

#: Turtle first: a vocabulary client gets the vocabulary; browsers ask for HTML.
OFFER: Final = Offer(TURTLE, HTML, JSON_LD, "application/rdf+xml", "application/n-triples")


@router.get(
    "/ontology",
    summary="The ontology: a page (HTML) or the vocabulary in RDF",
    responses={200: {"content": {media: {} for media in OFFER.offered}}},
)
async def ontology(request: Request) -> Response:
    """The vocabulary page, or the ontology graph in the negotiated RDF format."""
    media_type = negotiate(OFFER, request.headers.get("accept"), request.query_params.get("format"))
    if media_type == HTML:
        response = await _page(request)
        response.headers["Vary"] = "Accept, Accept-Language, Cookie"
        return response
    settings = request.app.state.settings
    job = {
        "scope": "graph",
        "graph": graph_iri("ontology"),
        "media_type": media_type,
        "max_bytes": settings.max_spool_bytes,
        "prefixes": tuple(PREFIXES.items()),
    }
    pool: WorkerPool = request.app.state.pool
    encoding = choose_encoding(request.headers.get("accept-encoding"))
    result = await pool.run_dump(job, settings.query_timeout_s, client_of(request), encoding)
    response = result_response(result, request.method == "HEAD", settings.send_timeout_s)
    response.headers["Vary"] = "Accept, Accept-Encoding"
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Content-Location"] = f"/ontology?format={_name(media_type)}"
    return response


def _name(media_type: str) -> str:
    return {
        TURTLE: "ttl",
        JSON_LD: "jsonld",
        "application/rdf+xml": "rdfxml",
        "application/n-triples": "nt",
    }[media_type]


async def _page(request: Request) -> Response:
    return await anyio.to_thread.run_sync(page, request)
