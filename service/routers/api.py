"""`/api/...`: JSON-LD collections (Hydra) of activities and of every kind of reference entity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.api import (
    ACTIVITY_PARAMETERS,
    MAX_PER_PAGE,
    PAGING,
    Page,
    check_parameters,
    hydra_collection,
)
from service.api_filters import matching_activities, parse_activity_filters, search_text
from service.api_members import (
    activity_members,
    embed_linked,
    linked_iris,
    reference_members,
    source_issue_members,
)
from service.api_vocabulary import DIMENSIONS, Dimension
from service.deps import ViewsDep
from service.negotiation import JSON, JSON_LD, Offer, negotiate
from service.store import KnowledgeStore

router = APIRouter(prefix="/api", tags=["api"])

COLLECTION_EXAMPLE: dict[str, Any] = {
    "@context": "http://127.0.0.1:8000/context.jsonld",
    "id": "http://127.0.0.1:8000/api/activities?region=AFR",
    "type": "Collection",
    "totalItems": 1,
    "member": [
        {
            "id": "https://w3id.org/baap/id/activity/1-ri-1",
            "type": "Activity",
            "label": {"en": "…", "zh": "…"},
            "region": ["https://w3id.org/baap/id/region/AFR"],
        }
    ],
    "view": {
        "id": "http://127.0.0.1:8000/api/activities?region=AFR&page=1",
        "type": "PartialCollectionView",
        "first": "http://127.0.0.1:8000/api/activities?region=AFR&page=1",
        "last": "http://127.0.0.1:8000/api/activities?region=AFR&page=1",
    },
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "a hydra:Collection page (JSON-LD)",
        "content": {
            "application/ld+json": {"example": COLLECTION_EXAMPLE},
            "application/json": {"example": COLLECTION_EXAMPLE},
        },
    },
    400: {
        "description": "unknown parameter or filter value (the message lists the valid ones)",
        "content": {"application/problem+json": {}},
    },
    406: {
        "description": "the client accepts neither JSON-LD nor JSON",
        "content": {"application/problem+json": {}},
    },
}


def _urls(request: Request, params: dict[str, str], page: Page) -> tuple[str, Callable[[int], str]]:
    base = f"{request.base_url}{request.url.path.lstrip('/')}"
    filters = {k: v for k, v in params.items() if k not in PAGING}
    collection = f"{base}?{urlencode(filters)}" if filters else base

    def page_url(number: int) -> str:
        query = {**filters, "page": str(number)}
        if page.size != Page(1, 50).size or "perPage" in params:
            query["perPage"] = str(page.size)
        return f"{base}?{urlencode(query)}"

    return collection, page_url


#: What a collection page is answered in: JSON-LD, or the same document as plain JSON (whose
#: context the `Link` header names, as JSON-LD 1.1 section 6.1 says).
API_TYPES: Final = Offer(JSON_LD, JSON)


def _media_type(request: Request) -> str:
    """The type the client takes (a 406 naming JSON-LD and JSON when it takes neither)."""
    return negotiate(API_TYPES, request.headers.get("accept"), None)


def _json_ld(document: dict[str, Any], media_type: str) -> Response:
    return Response(
        orjson.dumps(document),
        media_type=media_type,
        headers={
            "Link": f'<{document["@context"]}>; rel="http://www.w3.org/ns/json-ld#context"',
            "Vary": "Accept",
        },
    )


Sort = Literal["id", "label", "-label", "year", "-year"]
LinkBasis = Literal["any", "report", "curation", "stated", "inferred", "derived"]


@router.get("/activities", summary="Activities, filtered and paged", responses=RESPONSES)
def activities(
    request: Request,
    views: ViewsDep,
    thematicPriority: Annotated[str | None, Query(description="notation 1-10, slug or IRI")] = None,  # noqa: N803
    regionalInitiative: Annotated[str | None, Query(description="e.g. ARB2")] = None,  # noqa: N803
    region: Annotated[str | None, Query(description="AFR AMS ARB ASP CIS EUR")] = None,
    strategicInitiative: Annotated[
        str | None, Query(description="giga, connect2recover, i-codi")
    ] = None,  # noqa: N803
    question: Annotated[str | None, Query(description="Q5/2 or 5/2")] = None,
    sdg: Annotated[
        str | None, Query(description="goal 5 or target 5.b (a target counts for its goal)")
    ] = None,
    linkBasis: Annotated[
        LinkBasis | None,
        Query(
            description="the basis of the sdg and wsis links that match (CONTRACT v2): report "
            "(the report states it), curation (a curator judged it from the passage), stated "
            "(report or curation), inferred (a method read it from the activity's text), "
            "derived (implied by the priority mapping), any (the default)"
        ),
    ] = None,  # noqa: N803
    wsis: Annotated[
        str | None, Query(description="C7 (includes its sub-lines) or C7-e-health")
    ] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3, e.g. KEN")] = None,
    partner: Annotated[str | None, Query(description="organisation slug or IRI")] = None,
    year: Annotated[
        int | None, Query(ge=1000, le=9999, description="a year it is dated to")
    ] = None,
    yearFrom: Annotated[int | None, Query(ge=1000, le=9999, description="a year >= this")] = None,  # noqa: N803
    yearTo: Annotated[int | None, Query(ge=1000, le=9999, description="a year <= this")] = None,  # noqa: N803
    q: Annotated[
        str | None,
        Query(
            description="text in the activity's English or Chinese labels or its passage, or in "
            "a name (label or alternative label, e.g. UNDP) of a country or organisation it is "
            "linked to; case-insensitive",
        ),
    ] = None,
    sort: Annotated[Sort | None, Query(description="order of the members")] = None,
    page: Annotated[int | None, Query(ge=1, le=10**9, description="page number, from 1")] = None,
    perPage: Annotated[
        int | None, Query(ge=1, le=MAX_PER_PAGE, description="items per page")
    ] = None,  # noqa: N803
) -> Response:
    """Activities matching every given filter (filter values are CONTRACT notations or IRIs);
    follow `view.next` to page. Each member embeds what it links to (labels, notation) and gives
    in `linkBasis` the basis of every link it shows, by field and then by linked IRI or year:
    `report`, `curation`, `inferred` or `derived` (a JSON literal, never a property of the
    linked entity)."""
    media_type = _media_type(request)
    store = views.store
    params = check_parameters(request.query_params.multi_items(), ACTIVITY_PARAMETERS)
    filters = parse_activity_filters(params, views.vocabulary)
    paging = Page.from_params(params)
    matches = matching_activities(store, filters, params.get("sort") or "id")
    collection, page_url = _urls(request, params, paging)
    members = activity_members(store, paging.slice(matches))
    members = embed_linked(members, views.labels_of(linked_iris(members)))
    context_url = f"{request.base_url}context.jsonld"
    return _json_ld(
        hydra_collection(collection, page_url, paging, len(matches), members, context_url),
        media_type,
    )


def _listing(
    request: Request,
    members_of: Callable[[KnowledgeStore, dict[str, str]], list[dict[str, Any]]],
    allowed: tuple[str, ...] = PAGING,
) -> Response:
    """One page of a collection whose members are all listed, or those matching `q`."""
    media_type = _media_type(request)
    params = check_parameters(request.query_params.multi_items(), allowed)
    paging = Page.from_params(params)
    members = members_of(request.app.state.store, params)
    collection, page_url = _urls(request, params, paging)
    context_url = f"{request.base_url}context.jsonld"
    return _json_ld(
        hydra_collection(
            collection, page_url, paging, len(members), paging.slice(members), context_url
        ),
        media_type,
    )


def _reference_route(dimension: Dimension) -> Callable[..., Response]:
    def listing(
        request: Request,
        page: Annotated[
            int | None, Query(ge=1, le=10**9, description="page number, from 1")
        ] = None,
        perPage: Annotated[
            int | None, Query(ge=1, le=MAX_PER_PAGE, description="items per page")
        ] = None,  # noqa: N803
        q: Annotated[
            str | None,
            Query(
                description="text in a name: English or Chinese label, alternative label "
                "(an acronym such as UNDP, another spelling) or notation; case-insensitive",
            ),
        ] = None,
    ) -> Response:
        return _listing(
            request,
            lambda store, params: reference_members(store, dimension, search_text(params)),
            (*PAGING, "q"),
        )

    listing.__doc__ = (
        f"Every {dimension.cls.rsplit('#', 1)[-1]} with its labels, notation and the number of "
        "activities linked to it (targets count for their goal, C7 sub-lines for C7)."
    )
    return listing


for _dimension in DIMENSIONS.values():
    router.add_api_route(
        f"/{_dimension.path}",
        _reference_route(_dimension),
        methods=["GET"],
        summary=f"{_dimension.path.replace('-', ' ').capitalize()} with activity counts",
        responses=RESPONSES,
        name=f"list_{_dimension.path.replace('-', '_')}",
    )


@router.get("/source-issues", summary="Source issues (defects in the report)", responses=RESPONSES)
def source_issues(
    request: Request,
    page: Annotated[int | None, Query(ge=1, le=10**9, description="page number, from 1")] = None,
    perPage: Annotated[
        int | None, Query(ge=1, le=MAX_PER_PAGE, description="items per page")
    ] = None,  # noqa: N803
) -> Response:
    """Every baap:SourceIssue with its type, lines, explanation and affected-activity count."""
    return _listing(request, lambda store, _params: source_issue_members(store))
