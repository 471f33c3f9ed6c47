"""`POST /suggest`: what a new activity's text links to (CONTRACT v2 "Suggestions")."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from service.bodies import read_body
from service.deps import SettingsDep
from service.errors import MethodNotAllowedError
from service.suggest.request import media_type, model_of, parse
from service.suggest.suggester import suggest
from service.web import suggest as page

router = APIRouter(tags=["suggestions"])
#: What /suggest answers: the page (GET), the suggestions (POST), and OPTIONS; as OpenAPI says.
ALLOWED: Final = "GET, HEAD, POST, OPTIONS"

_PROBLEM: Final = {"application/problem+json": {"schema": {"type": "object"}}}
_EXAMPLE: Final = {"text": "2022年，国际电联协助斯里兰卡建立国家计算机事件响应小组。", "lang": "zh"}
_ITEM: Final = {
    "type": "object",
    "required": ["iri", "notation", "label", "score", "evidence"],
    "properties": {
        "iri": {"type": ["string", "null"], "description": "the entity (null for a year)"},
        "notation": {"type": "string"},
        "label": {"type": "object", "properties": {"en": {"type": "string"},
                                                   "zh": {"type": "string"}}},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "evidence": {"type": "array", "items": {"type": "object", "properties": {
            "text": {"type": "string"}, "start": {"type": "integer"},
            "end": {"type": "integer"}}}},
        "belowThreshold": {"type": "boolean"},
    },
}  # fmt: skip
_KINDS: Final = ("thematicPriority", "region", "regionalInitiative", "question", "sdgTarget",
                 "wsisActionLine", "country", "partner", "year")  # fmt: skip
_ANSWER: Final = {
    "type": "object",
    "required": ["method", "suggestions"],
    "properties": {
        "method": {"type": "object", "properties": {"name": {"type": "string"},
                                                    "version": {"type": "string"}}},
        "lang": {"type": "string", "enum": ["zh", "en"]},
        "charactersRead": {"type": "integer"},
        "truncated": {"type": "boolean"},
        "suggestions": {"type": "object", "required": list(_KINDS),
                        "properties": {k: {"type": "array", "items": _ITEM} for k in _KINDS}},
    },
}  # fmt: skip


@router.post(
    "/suggest",
    summary="Suggest the links of a new activity's text (Chinese or English)",
    response_class=JSONResponse,
    responses={
        200: {
            "description": "suggestions by kind, best first, each with its evidence",
            "content": {"application/json": {"schema": _ANSWER}},
        },
        400: {"description": "empty text, not UTF-8, malformed JSON", "content": _PROBLEM},
        413: {"description": "body over BAAP_MAX_BODY_BYTES", "content": _PROBLEM},
        415: {"description": "neither application/json nor text/plain", "content": _PROBLEM},
    },  # fmt: skip
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            "text": {"type": "string", "minLength": 1},
                            "lang": {"type": "string", "enum": ["zh", "en"]},
                        },
                    },
                    "example": _EXAMPLE,
                },
                "text/plain": {"schema": {"type": "string", "minLength": 1}},
            },
        }
    },  # fmt: skip
)
async def suggest_links(
    request: Request,
    settings: SettingsDep,
    all: Annotated[
        bool, Query(description="also list what scores under the threshold (belowThreshold)")
    ] = False,
) -> JSONResponse:
    """Thematic priority, region, regional initiative, Questions, SDG targets, WSIS lines,
    countries, partners and years the text supports, each with a score (0-1) and the words
    behind it (character offsets into the text). The method reads the first 4,000 characters;
    it works from the text alone."""
    kind = media_type(request.headers.get("content-type"))
    body = await read_body(request, settings.max_body_bytes, "the text")
    text, lang = parse(body, kind)
    answer: dict[str, Any] = suggest(model_of(request, settings.generated_dir), text, lang, all)
    return JSONResponse(answer)


@router.get(
    "/suggest",
    summary="The /suggest page (HTML): a form, and with ?text= the suggestions marked",
    response_class=Response,
    responses={
        200: {"description": "the page", "content": {"text/html": {"schema": {"type": "string"}}}},
        406: {"description": "a client that does not take HTML", "content": _PROBLEM},
    },
)
def suggest_page(
    request: Request,
    text: Annotated[str | None, Query(description="the text to suggest links for")] = None,
    all: Annotated[bool, Query(description="also what scores under the threshold")] = False,
) -> Response:
    """The page: paste a text, see the suggestions with their evidence marked."""
    return page.page(request)


@router.api_route("/suggest", methods=["OPTIONS"], include_in_schema=False)
async def suggest_options() -> Response:
    """What /suggest allows (CORS preflights are answered by the middleware first)."""
    return Response(status_code=204, headers={"Allow": ALLOWED})


@router.api_route(
    "/suggest",
    methods=["PUT", "DELETE", "PATCH", "TRACE", "CONNECT"],
    include_in_schema=False,
)
async def suggest_other_methods(request: Request) -> Response:
    """GET is the page, POST the suggestions; nothing else (without this route the 405 would
    name the methods of the first /suggest route only)."""
    raise MethodNotAllowedError(
        f"{request.method} is not supported on /suggest; GET the page or POST a text", ALLOWED
    )
