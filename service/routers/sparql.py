"""`/sparql`: the SPARQL 1.1 Protocol endpoint (queries; updates are refused) and its examples."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from service.bodies import read_body
from service.compression import choose_encoding
from service.config import Settings
from service.deps import client_of
from service.engine import Job
from service.errors import MethodNotAllowedError, NotAcceptableError, UpdateNotAllowedError
from service.namespaces import PREFIXES
from service.negotiation import FORMAT_NAMES, GRAPH_TYPES, RESULTS_TYPES, negotiate
from service.query_text import inspect_update
from service.results import result_response
from service.service_description import describe_service, serialize_description
from service.sparql import ProtocolRequest, read_protocol_request
from service.store import KnowledgeStore
from service.workers import WorkerPool

logger = logging.getLogger(__name__)
router = APIRouter(tags=["sparql"])

ALLOWED = "GET, HEAD, POST, OPTIONS"
_INLINE_INSPECTION = 4096  # characters of an update the app tokenises to word its refusal
_PREFIXES = tuple(PREFIXES.items())


@lru_cache(maxsize=1024)
def _read_bodiless(
    method: str, url_query: str, content_type: str | None, max_query_length: int
) -> ProtocolRequest:
    """Requests without a body repeat too; their reading is a pure function of the URL."""
    return read_protocol_request(method, url_query, content_type, b"", max_query_length)


@lru_cache(maxsize=256)
def _negotiate(
    accept: str | None, format_param: str | None
) -> tuple[tuple[str | None, str], tuple[str | None, str]]:
    """(format, 406 message) for a SELECT/ASK result and for a CONSTRUCT/DESCRIBE result; the
    format is None when the client accepts none of that kind. Remembered per Accept header.

    The query's form is known only once the worker has parsed it, so both are decided here.
    """
    chosen: list[tuple[str | None, str]] = []
    for offered in (RESULTS_TYPES, GRAPH_TYPES):
        try:
            chosen.append((negotiate(offered, accept, format_param), ""))
        except NotAcceptableError as error:
            chosen.append((None, error.message))
    return chosen[0], chosen[1]


def _refuse_update(text: str) -> None:
    """Every update is refused (403; SERVICE or LOAD: 400). Long texts are not tokenised in the
    app (the scan is linear, but the app's loop is shared): they get the plain 403."""
    if len(text) <= _INLINE_INSPECTION:
        inspect_update(text)  # always raises
    raise UpdateNotAllowedError(
        "this is a SPARQL update; writes are not enabled on this endpoint, which serves a "
        "read-only dataset"
    )


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def _endpoint_url(request: Request) -> str:
    """This endpoint's URL (the base of relative IRIs in queries). The edge middleware has
    checked the Host header and, under `baap-kg serve`, replaced it by the public URL's."""
    scope = request.scope
    host = request.headers.get("host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] in (None, 80, 443) else f"{server[0]}:{server[1]}"
    path = (scope.get("root_path", "") + scope["path"]).rstrip("/")
    return f"{scope.get('scheme', 'http')}://{host}{path}"


async def _service_description(request: Request, head: bool, format_param: str | None) -> Response:
    store: KnowledgeStore = request.app.state.store
    media_type = negotiate(GRAPH_TYPES, request.headers.get("accept"), format_param)
    views = getattr(request.app.state, "views", None)
    # Counted once per dataset, by the workers (from a thread: the event loop never waits).
    partitions = await anyio.to_thread.run_sync(views.void_partitions) if views else None
    description = describe_service(store, _endpoint_url(request), partitions)
    body = serialize_description(description, media_type)
    headers = {"Vary": "Accept"}
    if head:
        headers["Content-Length"] = str(len(body))
        body = b""
    return Response(body, headers=headers, media_type=_content_type(media_type))


async def sparql(request: Request) -> Response:
    """Run a SPARQL query: `query` in the URL (GET), a form (POST) or the body
    (POST `application/sparql-query`). Without a query: the service description."""
    settings: Settings = request.app.state.settings
    body = await read_body(request, settings.max_body_bytes)
    head = request.method == "HEAD"
    url_query = request.scope["query_string"].decode("latin-1")
    if body:
        protocol = read_protocol_request(
            request.method,
            url_query,
            request.headers.get("content-type"),
            body,
            settings.max_query_length,
        )
    else:
        protocol = _read_bodiless(
            request.method,
            url_query,
            request.headers.get("content-type"),
            settings.max_query_length,
        )
    if protocol.update is not None:
        _refuse_update(protocol.update)
    if protocol.query is None:
        return await _service_description(request, head, protocol.format)
    (results_type, results_problem), (graph_type, graph_problem) = _negotiate(
        request.headers.get("accept"), protocol.format
    )
    job = Job(
        query=protocol.query,
        results_type=results_type,
        graph_type=graph_type,
        max_rows=settings.max_rows,
        max_bytes=settings.max_result_bytes,
        base_iri=_endpoint_url(request),
        default_graphs=protocol.default_graphs if protocol.has_dataset else None,
        named_graphs=protocol.named_graphs if protocol.has_dataset else None,
        prefixes=_PREFIXES,
        results_problem=results_problem,
        graph_problem=graph_problem,
    )
    timeout = min(protocol.timeout or settings.query_timeout_s, settings.query_timeout_s)
    pool: WorkerPool = request.app.state.pool
    encoding = choose_encoding(request.headers.get("accept-encoding"))
    result = await pool.run(job, timeout, client_of(request), encoding=encoding)
    return result_response(result, head, settings.send_timeout_s)


_PROBLEM: dict[str, Any] = {"application/problem+json": {}}
SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "results in the negotiated format; without a query, the service description",
        "content": {media: {} for media in {*RESULTS_TYPES.values(), *GRAPH_TYPES.values()}},
    },
    400: {"description": "malformed request or query; SERVICE/LOAD refused", "content": _PROBLEM},
    403: {"description": "updates are not enabled", "content": _PROBLEM},
    405: {"description": "method not allowed", "content": _PROBLEM},
    406: {"description": "no acceptable result format", "content": _PROBLEM},
    413: {"description": "body or query too long", "content": _PROBLEM},
    415: {"description": "unsupported POST content type", "content": _PROBLEM},
    429: {"description": "no worker became free in time (Retry-After)", "content": _PROBLEM},
    503: {"description": "query timed out, or its worker died (Retry-After)", "content": _PROBLEM},
}


FORMAT_SCHEMA: dict[str, Any] = {
    "type": "string",
    "enum": sorted({*FORMAT_NAMES, *RESULTS_TYPES, *GRAPH_TYPES}),
}
TIMEOUT_SCHEMA: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0}
GRAPHS_SCHEMA: dict[str, Any] = {"type": "array", "items": {"type": "string", "format": "uri"}}


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        "style": "form",
        "explode": True,
    }


DATASET_PARAMETERS = [
    _parameter("default-graph-uri", "named graphs that form the default graph", GRAPHS_SCHEMA),
    _parameter("named-graph-uri", "named graphs available to GRAPH", GRAPHS_SCHEMA),
]
GET_PARAMETERS = [
    _parameter(
        "query", "the SPARQL query (without it: the service description)", {"type": "string"}
    ),
    *DATASET_PARAMETERS,
    _parameter("format", "overrides Accept (a short name or a media type)", FORMAT_SCHEMA),
    _parameter("timeout", "seconds; may lower the server's limit, never raise it", TIMEOUT_SCHEMA),
]
POST_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "default-graph-uri": GRAPHS_SCHEMA,
                    "named-graph-uri": GRAPHS_SCHEMA,
                    "format": FORMAT_SCHEMA,
                    "timeout": TIMEOUT_SCHEMA,
                },
            }
        },
        "application/sparql-query": {"schema": {"type": "string"}},
    },
}
for _path in ("/sparql", "/sparql/"):
    _documented = _path == "/sparql"
    router.add_api_route(
        _path,
        sparql,
        methods=["GET"],
        include_in_schema=_documented,
        operation_id=f"sparql_get{'' if _documented else '_slash'}",
        summary="SPARQL 1.1 Protocol query (GET)",
        responses=SPARQL_RESPONSES,
        openapi_extra={"parameters": GET_PARAMETERS},
    )
    router.add_api_route(
        _path,
        sparql,
        methods=["POST"],
        include_in_schema=_documented,
        operation_id=f"sparql_post{'' if _documented else '_slash'}",
        summary="SPARQL 1.1 Protocol query (POST form or application/sparql-query)",
        responses=SPARQL_RESPONSES,
        openapi_extra={"requestBody": POST_BODY, "parameters": DATASET_PARAMETERS},
    )
    router.add_api_route(
        _path,
        sparql,
        methods=["HEAD"],
        include_in_schema=False,
        operation_id=f"sparql_head{'' if _documented else '_slash'}",
    )


@router.api_route("/sparql", methods=["OPTIONS"], include_in_schema=False)
@router.api_route("/sparql/", methods=["OPTIONS"], include_in_schema=False)
async def sparql_options() -> Response:
    """What the endpoint allows (CORS preflights are answered by the middleware first)."""
    return Response(status_code=204, headers={"Allow": ALLOWED})


@router.api_route(
    "/sparql", methods=["PUT", "DELETE", "PATCH", "TRACE", "CONNECT"], include_in_schema=False
)
@router.api_route(
    "/sparql/", methods=["PUT", "DELETE", "PATCH", "TRACE", "CONNECT"], include_in_schema=False
)
async def sparql_other_methods(request: Request) -> Response:
    """The SPARQL Protocol has GET and POST only."""
    raise MethodNotAllowedError(
        f"{request.method} is not supported on /sparql; query with GET or POST", ALLOWED
    )


@router.get("/sparql/examples", summary="Example queries, as JSON")
def sparql_examples(request: Request) -> JSONResponse:
    """The example queries researchers and auditors run, with titles and descriptions."""
    from service.examples import load_examples

    endpoint = _endpoint_url(request).rsplit("/examples", 1)[0]
    items: list[dict[str, Any]] = [
        {
            "id": example.id,
            "title": example.title,
            "audience": example.audience,
            "description": example.description,
            "form": example.query_form,
            "query": example.query,
            "run": f"{endpoint}?query={_quote(example.query)}",
        }
        for example in load_examples()
    ]
    return JSONResponse({"endpoint": endpoint, "count": len(items), "examples": items})


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
