"""`/validate`: the SHACL report of the dataset (GET) or of a candidate document (POST).

GET answers Turtle or JSON-LD by content negotiation, or with `?format=summary` a JSON summary
grouped by shape, severity and focus class. The report is computed once per data version.

POST validates a candidate (Turtle, JSON-LD, N-Triples or RDF/XML, at most
`BAAP_MAX_BODY_BYTES`) together with the ontology and the reference vocabularies, so a contributor
can check new activities before they are added. The candidate is parsed into a store of its own
and never enters the served one. The answer is the JSON summary, or the report graph when the
client asks for Turtle or JSON-LD.
"""

from __future__ import annotations

import threading
from typing import Annotated, Final

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from service.config import Settings
from service.errors import (
    MethodNotAllowedError,
    NotAcceptableError,
    PayloadTooLargeError,
    RequestError,
)
from service.routers.health import StoreDep
from service.validation import (
    CANDIDATE_FORMATS,
    ValidationReport,
    summary,
    validate_candidate,
    validate_store,
)

router = APIRouter(tags=["validation"])

SUMMARY: Final = "application/json"
#: What a report can be answered in: media type -> rdflib serializer.
REPORT_TYPES: Final[dict[str, str]] = {"text/turtle": "turtle", "application/ld+json": "json-ld"}
#: `format` parameter values -> media type.
FORMAT_PARAMETER: Final[dict[str, str]] = {
    "summary": SUMMARY,
    "json": SUMMARY,
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
}
_SERIALIZED: dict[tuple[str, str], bytes] = {}
_SERIALIZED_LOCK = threading.Lock()


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    return ranges


def choose(offered: list[str], accept: str | None, format_param: str | None) -> str:
    """The media type to answer in: `format` wins, then Accept; the first offered by default."""
    if format_param:
        wanted = FORMAT_PARAMETER.get(format_param.lower(), format_param.lower())
        if wanted not in offered:
            names = ", ".join(sorted(FORMAT_PARAMETER))
            raise RequestError(f"unknown format {format_param!r}; use one of {names}")
        return wanted
    if not accept or not accept.strip():
        return offered[0]
    ranges = _accept_ranges(accept)
    best, best_q = None, 0.0
    for media_type in offered:
        # The most specific matching range sets the quality (RFC 9110, 12.5.1).
        main = media_type.split("/")[0]
        matches = [
            (specificity, q)
            for pattern, q in ranges
            for specificity, candidate in ((2, media_type), (1, f"{main}/*"), (0, "*/*"))
            if pattern == candidate
        ]
        quality = max(matches)[1] if matches else 0.0
        if quality > best_q:
            best, best_q = media_type, quality
    if best is None:
        raise NotAcceptableError(
            f"none of the accepted types ({accept}) is offered; offered: {', '.join(offered)}"
        )
    return best


def _report_response(report: ValidationReport, media_type: str, cache_key: str | None) -> Response:
    if media_type == SUMMARY:
        return JSONResponse(summary(report))
    key = (cache_key, media_type) if cache_key else None
    body = _SERIALIZED.get(key) if key else None
    if body is None:
        body = report.report_graph.serialize(format=REPORT_TYPES[media_type], encoding="utf-8")
        if key:
            with _SERIALIZED_LOCK:
                if len(_SERIALIZED) >= 16:
                    _SERIALIZED.pop(next(iter(_SERIALIZED)))
                _SERIALIZED[key] = body
    return Response(body, media_type=media_type)


_REPORT_CONTENT: Final = {
    "text/turtle": {"schema": {"type": "string"}},
    "application/ld+json": {"schema": {}},
    SUMMARY: {"schema": {"type": "object"}},
}
_PROBLEM: Final = {"application/problem+json": {"schema": {"type": "object"}}}


@router.get(
    "/validate",
    summary="SHACL validation report of the whole dataset",
    response_class=Response,
    responses={
        200: {"description": "the report, or its summary", "content": _REPORT_CONTENT},
        400: {"description": "unknown format parameter", "content": _PROBLEM},
        406: {"description": "no acceptable format", "content": _PROBLEM},
    },
)
def validate_dataset(
    request: Request,
    store: StoreDep,
    format: Annotated[
        str | None, Query(description="summary (JSON), turtle or jsonld; default: by Accept")
    ] = None,
) -> Response:
    """The SHACL report of the dataset: Turtle (default), JSON-LD, or a JSON summary."""
    offered = ["text/turtle", "application/ld+json", SUMMARY]
    media_type = choose(offered, request.headers.get("accept"), format)
    settings: Settings = request.app.state.settings
    report = validate_store(store, settings.shapes_dir)
    return _report_response(report, media_type, store.data_version)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLargeError(
            f"the candidate is {declared} bytes; at most {limit} bytes are accepted"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLargeError(
                f"the candidate is larger than {limit} bytes; send it in smaller parts"
            )
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/validate",
    summary="Validate candidate data against the shapes, ontology and reference vocabularies",
    response_class=Response,
    responses={
        200: {"description": "the candidate's report, or its summary", "content": _REPORT_CONTENT},
        400: {"description": "the candidate does not parse", "content": _PROBLEM},
        406: {"description": "no acceptable format", "content": _PROBLEM},
        413: {"description": "the candidate is too large", "content": _PROBLEM},
        415: {"description": "a body type that is not RDF", "content": _PROBLEM},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                # JSON-LD is any JSON document; the other syntaxes are text.
                media: {"schema": {} if media == "application/ld+json" else {"type": "string"}}
                for media in CANDIDATE_FORMATS
            },
        }
    },
)
async def validate_post(
    request: Request,
    store: StoreDep,
    format: Annotated[
        str | None, Query(description="summary (JSON, default), turtle or jsonld")
    ] = None,
) -> Response:
    """Validate the body (never added to the store); the summary, or the report graph."""
    offered = [SUMMARY, "text/turtle", "application/ld+json"]
    media_type = choose(offered, request.headers.get("accept"), format)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    settings: Settings = request.app.state.settings
    body = await read_body(request, settings.max_body_bytes)

    def run() -> ValidationReport:
        return validate_candidate(store, settings.shapes_dir, body, content_type)

    report = await anyio.to_thread.run_sync(run)
    return _report_response(report, media_type, None)


ALLOWED: Final = "GET, POST, OPTIONS"


@router.api_route("/validate", methods=["OPTIONS"], include_in_schema=False)
async def validate_options() -> Response:
    """What /validate allows (CORS preflights are answered by the middleware first)."""
    return Response(status_code=204, headers={"Allow": ALLOWED})


@router.api_route(
    "/validate", methods=["PUT", "DELETE", "PATCH", "TRACE", "CONNECT"], include_in_schema=False
)
async def validate_other_methods(request: Request) -> Response:
    """GET reports on the dataset, POST on a candidate; nothing else."""
    raise MethodNotAllowedError(
        f"{request.method} is not supported on /validate; use GET for the dataset's report "
        "or POST a candidate",
        ALLOWED,
    )
