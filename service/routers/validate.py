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

from typing import Annotated, Any, Final

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from service.bodies import read_body
from service.candidates import CANDIDATE_FORMATS
from service.config import Settings
from service.deps import StoreDep, ViewsDep, client_of
from service.errors import MethodNotAllowedError, RequestError, UnsupportedMediaTypeError
from service.negotiation import negotiate
from service.validation import ValidationReport, summary
from service.workers import WorkerPool

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


def choose(offered: list[str], accept: str | None, format_param: str | None) -> str:
    """The media type to answer in: `format` wins, then Accept (as on /sparql); the first
    offered by default."""
    if format_param:
        wanted = FORMAT_PARAMETER.get(format_param.lower(), format_param.lower())
        if wanted not in offered:
            names = ", ".join(sorted(FORMAT_PARAMETER))
            raise RequestError(f"unknown format {format_param!r}; use one of {names}")
        return wanted
    return negotiate({media_type: media_type for media_type in offered}, accept, None)


def _report_response(report: ValidationReport, media_type: str) -> Response:
    """The summary, or the report graph (serialized once per report: the dataset's is cached)."""
    if media_type == SUMMARY:
        return JSONResponse(summary(report))
    return Response(report.serialized(REPORT_TYPES[media_type]), media_type=media_type)


_REPORT_CONTENT: Final = {
    "text/turtle": {"schema": {"type": "string"}},
    "application/ld+json": {"schema": {}},
    SUMMARY: {"schema": {"type": "object"}},
}
_PROBLEM: Final = {"application/problem+json": {"schema": {"type": "object"}}}


def _responses(ok: str, problems: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI responses: 200 with the report types, each problem as problem+json."""
    return {
        200: {"description": ok, "content": _REPORT_CONTENT},
        **{status: {"description": text, "content": _PROBLEM} for status, text in problems.items()},
    }


@router.get(
    "/validate",
    summary="SHACL validation report of the whole dataset",
    response_class=Response,
    responses=_responses(
        "the report, or its summary",
        {400: "unknown format parameter", 406: "no acceptable format"},
    ),
)
def validate_dataset(
    request: Request,
    views: ViewsDep,
    format: Annotated[
        str | None, Query(description="summary (JSON), turtle or jsonld; default: by Accept")
    ] = None,
) -> Response:
    """The SHACL report of the dataset: Turtle (default), JSON-LD, or a JSON summary."""
    offered = ["text/turtle", "application/ld+json", SUMMARY]
    media_type = choose(offered, request.headers.get("accept"), format)
    return _report_response(views.validation(), media_type)


@router.post(
    "/validate",
    summary="Validate candidate data against the shapes, ontology and reference vocabularies",
    response_class=Response,
    responses=_responses(
        "the candidate's report, or its summary",
        {
            400: "the candidate does not parse",
            406: "no acceptable format",
            413: "the candidate is too large",
            415: "a body type that is not RDF",
        },
    ),
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
    """Validate the body (never added to the store); the summary, or the report graph.

    The candidate is parsed and validated in a worker process, within the worker's memory limit
    and `BAAP_VALIDATE_TIMEOUT_S`; see service.candidates."""
    offered = [SUMMARY, "text/turtle", "application/ld+json"]
    media_type = choose(offered, request.headers.get("accept"), format)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    settings: Settings = request.app.state.settings
    body = await read_body(request, settings.max_body_bytes, "the candidate")
    if content_type not in CANDIDATE_FORMATS:
        offered_types = ", ".join(CANDIDATE_FORMATS)
        raise UnsupportedMediaTypeError(
            f"cannot validate a body of type {content_type or '(none)'}; send one of "
            f"{offered_types}"
        )
    job = {
        "media_type": content_type,
        "answer": media_type,
        "shapes_dir": str(settings.shapes_dir),
        "max_nesting": settings.max_nesting,
        "max_triples": settings.max_candidate_triples,
    }
    pool: WorkerPool = request.app.state.pool
    result = await pool.run_candidate(job, body, settings.validate_timeout_s, client_of(request))
    try:
        data = result.body if isinstance(result.body, bytes) else result.body.read()
    finally:
        result.close()
    return Response(data, media_type=media_type)


ALLOWED: Final = "GET, HEAD, POST, OPTIONS"


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
