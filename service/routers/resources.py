"""`/id/...`: every resource IRI dereferences, in JSON-LD, Turtle, N-Triples, RDF/XML or HTML;
`/context.jsonld`: the published JSON-LD context."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.config import Settings
from service.errors import NotFoundError
from service.jsonld import Context, node_document
from service.namespaces import PREFIXES
from service.negotiation import HTML, RESOURCE_TYPES, content_type, negotiate
from service.resources import Description, basis_comment, describe
from service.store import KnowledgeStore
from service.web.layout import language, remember_language
from service.web.resource import page as resource_page
from service.writers import serialize_triples

router = APIRouter(tags=["resources"])


def _choose(request: Request) -> str:
    return negotiate(
        RESOURCE_TYPES, request.headers.get("accept"), request.query_params.get("format")
    )


def _etag(store: KnowledgeStore, iri: str, media_type: str) -> str:
    digest = hashlib.sha256(f"{store.data_version}|{iri}|{media_type}".encode()).hexdigest()
    return f'"{digest[:24]}"'


def _links(request: Request, path: str, context_url: str) -> str:
    url = f"{request.base_url}id/{quote(path)}"
    links = [
        f'<{url}?format={f.name}>; rel="alternate"; type="{f.media_type}"'
        for f in RESOURCE_TYPES.formats()
    ]
    links.append(f'<{context_url}>; rel="http://www.w3.org/ns/json-ld#context"')
    return ", ".join(links)


def _context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


@router.head("/id/{path:path}", include_in_schema=False)
@router.get(
    "/id/{path:path}",
    summary="Dereference a resource IRI",
    responses={
        200: {
            "description": "the resource in the negotiated format",
            "content": {media: {} for media in RESOURCE_TYPES.offered},
        },
        304: {"description": "not modified (If-None-Match)"},
        404: {"description": "no such resource"},
        406: {"description": "no acceptable format"},
    },
)
def resource(path: str, request: Request) -> Response:
    """Everything the graph says about `{base}{path}` (default base https://w3id.org/baap/id/),
    with the labels and notations of what it links to. `format` overrides `Accept`."""
    settings: Settings = request.app.state.settings
    store: KnowledgeStore = request.app.state.store
    media_type = _choose(request)
    iri = settings.base_iri + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise NotFoundError(f"{path!r} is not a valid resource path") from None
    description = describe(store, iri, with_incoming=media_type == HTML)
    if not description:
        raise NotFoundError(f"the graph has nothing about {iri}; check the IRI (see /api/ lists)")
    context_url = f"{request.base_url}context.jsonld"
    variant = media_type
    if media_type == HTML:  # the page's labels are in the request's language
        variant = f"{media_type};lang={language(request)[0]}"
    etag = _etag(store, iri, variant)
    headers = {
        "ETag": etag,
        "Vary": "Accept, Accept-Language, Cookie",
        "Cache-Control": "public, max-age=60",
        "Link": _links(request, path, context_url),
    }
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    body = _render(request, description, media_type, context_url, path)
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        body = b""
    response = Response(body, headers=headers, media_type=content_type(media_type))
    if media_type == HTML:
        remember_language(request, response)
    return response


def _render(
    request: Request, description: Description, media_type: str, context_url: str, path: str
) -> bytes:
    if media_type == "application/ld+json":
        import orjson

        document = node_document(
            _context(request),
            context_url,
            description.subject,
            description.triples,
            description.by_graph(),
        )
        return orjson.dumps(document)
    if media_type == HTML:
        return resource_page(request, description, path, _context(request)).encode()
    body = serialize_triples([ox.Triple(*t) for t in description.triples], media_type, PREFIXES)
    if media_type in ("text/turtle", "application/n-triples"):
        body = basis_comment(description).encode() + body
    return body


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context",
    response_class=Response,
    responses={200: {"content": {"application/ld+json": {}}}},
)
def context_document(request: Request) -> Response:
    """The published, versioned `@context`: every ontology term with a short camelCase name.

    `Link: rel="canonical"` names this version's immutable address, `/context/{version}.jsonld`.
    """
    return _context_response(request, cache="public, max-age=3600")


@router.get(
    "/context/{version}.jsonld",
    summary="One version of the JSON-LD context (immutable)",
    response_class=Response,
    responses={
        200: {"content": {"application/ld+json": {}}},
        404: {"description": "no such version"},
    },
)
def context_version(version: str, request: Request) -> Response:
    """The context at a fixed version; only the version this server publishes exists."""
    if version != _context(request).version:
        raise NotFoundError(
            f"context version {version!r} is not published here; the current one is "
            f"{_context(request).version} (/context.jsonld)"
        )
    return _context_response(request, cache="public, max-age=31536000, immutable")


def _context_response(request: Request, cache: str) -> Response:
    import orjson

    context = _context(request)
    body = orjson.dumps(context.document, option=orjson.OPT_INDENT_2)
    etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
    headers = {
        "ETag": etag,
        "Cache-Control": cache,
        "Link": f'</context/{context.version}.jsonld>; rel="canonical"',
    }
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/ld+json", headers=headers)
