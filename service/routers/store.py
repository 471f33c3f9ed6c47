"""`/store`: the SPARQL 1.1 Graph Store HTTP Protocol, read side (CONTRACT v2).

`GET /store?graph=IRI` is one named graph, `GET /store?default` the default graph (the union of
all graphs), `GET /store` the whole dataset (N-Quads or TriG); each in the RDF formats of
`/sparql` by `Accept` or `?format=`. An unknown graph is a 404; writing methods are 405 while the
dataset is read-only. A worker writes the document (`service.dumps`): never cut at the row cap,
refused past the spool budget.
"""

from __future__ import annotations

import hashlib
from typing import Final

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.compression import choose_encoding
from service.deps import client_of
from service.errors import MethodNotAllowedError, NotFoundError, RequestError
from service.namespaces import PREFIXES
from service.negotiation import GRAPH_TYPES, Offer, negotiate
from service.results import result_response
from service.store import KnowledgeStore
from service.workers import WorkerPool

router = APIRouter(tags=["graph store"])

ALLOWED: Final = "GET, HEAD, OPTIONS"
#: The whole dataset keeps its graph names: only the formats that carry them.
DATASET_TYPES: Final = Offer("application/n-quads", "application/trig")
_PREFIXES: Final = tuple(PREFIXES.items())


def _scope(request: Request, store: KnowledgeStore) -> tuple[str, str | None]:
    """("graph", IRI), ("default", None) or ("dataset", None), checked."""
    names = [name for name, _ in request.query_params.multi_items()]
    graphs = request.query_params.getlist("graph")
    if "default" in names and graphs:
        raise RequestError("ask for the default graph or for a named graph, not both")
    if len(graphs) > 1:
        raise RequestError("name one graph (the `graph` parameter is given more than once)")
    if graphs:
        iri = graphs[0]
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise RequestError(f"graph must be an absolute IRI; {iri!r} is not: {error}") from None
        if iri not in store.named_graphs():
            raise NotFoundError(
                f"no graph named {iri} in this dataset; the graphs are listed in the service "
                "description (GET /sparql)"
            )
        return "graph", iri
    if "default" in names:
        return "default", None
    return "dataset", None


@router.head("/store", include_in_schema=False)
@router.get(
    "/store",
    summary="Graph Store Protocol (read): a named graph, the default graph, or the dataset",
    responses={
        200: {
            "description": "the graph or dataset in the negotiated RDF format",
            "content": {media: {} for media in GRAPH_TYPES.offered},
        },
        400: {"description": "a malformed graph IRI, or both `graph` and `default`",
              "content": {"application/problem+json": {}}},
        404: {"description": "no graph of that name", "content": {"application/problem+json": {}}},
        406: {"description": "no acceptable RDF format",
              "content": {"application/problem+json": {}}},
    },
    openapi_extra={
        "parameters": [
            {"name": "graph", "in": "query", "required": False,
             "schema": {"type": "string", "format": "uri"},
             "description": "a named graph (its IRI); without it and without `default`: the "
             "whole dataset (N-Quads or TriG)"},
            {"name": "default", "in": "query", "required": False,
             "schema": {"type": "string"}, "allowEmptyValue": True,
             "description": "present: the default graph (the union of all graphs)"},
            {"name": "format", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "overrides Accept (ttl, nt, jsonld, rdfxml, nq, trig or a media "
             "type)"},
        ]
    },
)  # fmt: skip
async def store_get(request: Request) -> Response:
    """A named graph (`?graph=IRI`), the default graph (`?default`) or the whole dataset."""
    store: KnowledgeStore = request.app.state.store
    settings = request.app.state.settings
    scope, graph = _scope(request, store)
    offer = DATASET_TYPES if scope == "dataset" else GRAPH_TYPES
    media_type = negotiate(offer, request.headers.get("accept"), request.query_params.get("format"))
    job = {
        "scope": scope,
        "graph": graph,
        "media_type": media_type,
        "max_bytes": settings.max_spool_bytes,
        "prefixes": _PREFIXES,
    }
    pool: WorkerPool = request.app.state.pool
    encoding = choose_encoding(request.headers.get("accept-encoding"))
    result = await pool.run_dump(job, settings.query_timeout_s * 6, client_of(request), encoding)
    response = result_response(result, request.method == "HEAD", settings.send_timeout_s)
    digest = hashlib.blake2b(
        f"{store.data_version}|{scope}|{graph}|{media_type}|{result.outcome.encoding}".encode(),
        digest_size=12,
    )
    response.headers["ETag"] = f'"{digest.hexdigest()}"'
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@router.api_route("/store", methods=["OPTIONS"], include_in_schema=False)
async def store_options() -> Response:
    """What /store allows."""
    return Response(status_code=204, headers={"Allow": ALLOWED})


@router.api_route("/store", methods=["PUT", "POST", "DELETE", "PATCH"], include_in_schema=False)
async def store_write(request: Request) -> Response:
    """The dataset is read-only."""
    raise MethodNotAllowedError(
        f"{request.method} is not supported on /store: this dataset is read-only; read it with GET",
        ALLOWED,
    )
