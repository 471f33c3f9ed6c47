"""`/id/...`: every resource IRI dereferences, in JSON-LD, Turtle, N-Triples, RDF/XML or HTML;
`/context.jsonld`: the published JSON-LD context."""

from __future__ import annotations

import hashlib
from typing import Any, Final
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.config import Settings
from service.engine import serialize_triples
from service.errors import NotFoundError, RequestError
from service.jsonld import Context, node_document
from service.namespaces import PREFIXES
from service.resources import (
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_NOTATION,
    Description,
    describe,
    labels,
    local_path,
)
from service.sparql import negotiate
from service.store import KnowledgeStore

router = APIRouter(tags=["resources"])

PASSAGE_LINK: Final = "http://www.w3.org/ns/prov#wasDerivedFrom"
BAAP: Final = "https://w3id.org/baap/ontology#"
#: Offered media types (request type -> type served), in order of preference.
RESOURCE_TYPES: Final[dict[str, str]] = {
    "application/ld+json": "application/ld+json",
    "text/html": "text/html",
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/json": "application/ld+json",
    "application/xhtml+xml": "text/html",
    "application/x-turtle": "text/turtle",
}
#: `format` parameter values.
FORMAT_PARAMETER: Final[dict[str, str]] = {
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "html": "text/html",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
}
_SHORT_NAME: Final[dict[str, tuple[str, str]]] = {
    "application/ld+json": ("jsonld", "JSON-LD"),
    "text/turtle": ("ttl", "Turtle"),
    "application/n-triples": ("nt", "N-Triples"),
    "application/rdf+xml": ("rdf", "RDF/XML"),
    "text/html": ("html", "HTML"),
}


def _choose(request: Request) -> str:
    wanted = request.query_params.get("format")
    if wanted:
        if wanted.lower() not in FORMAT_PARAMETER:
            names = ", ".join(sorted(FORMAT_PARAMETER))
            raise RequestError(f"unknown format {wanted!r}; use one of {names}")
        return FORMAT_PARAMETER[wanted.lower()]
    return negotiate(RESOURCE_TYPES, request.headers.get("accept"), None)


def _etag(store: KnowledgeStore, iri: str, media_type: str) -> str:
    digest = hashlib.sha256(f"{store.data_version}|{iri}|{media_type}".encode()).hexdigest()
    return f'"{digest[:24]}"'


def _links(request: Request, path: str, context_url: str) -> str:
    url = f"{request.base_url}id/{quote(path)}"
    links = [
        f'<{url}?format={short}>; rel="alternate"; type="{media}"'
        for media, (short, _) in _SHORT_NAME.items()
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
            "content": {media: {} for media in _SHORT_NAME},
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
    description = describe(store, iri, with_incoming=media_type == "text/html")
    if not description:
        raise NotFoundError(f"the graph has nothing about {iri}; check the IRI (see /api/ lists)")
    context_url = f"{request.base_url}context.jsonld"
    variant = media_type
    if media_type == "text/html":  # the page's labels are in the request's language
        from service.routers.ui import language

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
    content_type = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        body = b""
    response = Response(body, headers=headers, media_type=content_type)
    if media_type == "text/html":
        from service.routers.ui import remember_language

        remember_language(request, response)
    return response


def _render(
    request: Request, description: Description, media_type: str, context_url: str, path: str
) -> bytes:
    if media_type == "application/ld+json":
        import orjson

        document = node_document(
            _context(request), context_url, description.subject, description.triples
        )
        return orjson.dumps(document)
    if media_type == "text/html":
        return _html(request, description, path).encode()
    return serialize_triples([ox.Triple(*t) for t in description.triples], media_type, PREFIXES)


def _name(context: Context, predicate: str) -> str:
    definition = context.properties.get(predicate)
    if definition:
        return definition.term
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: Entity classes whose activities /browse/activities can list, with the filter that does it.
_BROWSE_FILTERS: Final[dict[str, str]] = {
    f"{BAAP}ThematicPriority": "thematicPriority",
    f"{BAAP}RegionalInitiative": "regionalInitiative",
    f"{BAAP}Region": "region",
    f"{BAAP}StrategicInitiative": "strategicInitiative",
    f"{BAAP}Question": "question",
    f"{BAAP}WSISActionLine": "wsis",
    f"{BAAP}Country": "country",
    f"{BAAP}Organization": "partner",
    "http://metadata.un.org/sdg/ontology#Goal": "sdg",
    "http://metadata.un.org/sdg/ontology#Target": "sdg",
}


def _html(request: Request, description: Description, path: str) -> str:
    """The resource page in the site layout, in the request's language."""
    from urllib.parse import urlencode

    from service.i18n import label
    from service.routers.ui import environment, layout_context

    settings: Settings = request.app.state.settings
    store: KnowledgeStore = request.app.state.store
    context = _context(request)
    page = layout_context(request, "resource")
    lang = page["lang"]
    other = "en" if lang == "zh" else "zh"
    base = settings.base_iri
    subject = description.subject
    own = description.about(subject)
    names = description.labels_of(subject)
    predicates = {p.value for _, p, _ in own} | {p for _, p in description.incoming}
    predicate_labels = labels(store, predicates)

    def predicate_name(predicate: str) -> str:
        return label(predicate_labels.get(predicate, {}), lang, _name(context, predicate))

    rows: dict[str, dict[str, Any]] = {}
    passage: dict[str, Any] | None = None
    notation = ""
    for _, predicate, obj in own:
        if predicate.value in (RDFS_LABEL, RDF_TYPE):
            continue
        if predicate.value == SKOS_NOTATION and isinstance(obj, ox.Literal):
            notation = notation or obj.value
        row = rows.setdefault(
            predicate.value,
            {"predicate": predicate.value, "name": predicate_name(predicate.value), "cells": []},
        )
        if isinstance(obj, ox.NamedNode):
            found = description.labels_of(obj.value)
            notations = [n.value for n in description.values(obj.value, SKOS_NOTATION)]
            row["cells"].append(
                {
                    "text": label(found, lang, obj.value),
                    "note": " · ".join(filter(None, [found.get(other, ""), *notations])),
                    "note_lang": other if found.get(other) else "",
                    "href": local_path(obj.value, base) or obj.value,
                }
            )
            if predicate.value == PASSAGE_LINK:
                passage = _passage(description, obj.value)
        else:
            row["cells"].append({"text": obj.value, "lang": obj.language or "", "note": ""})
    if subject.startswith(f"{base}passage/"):
        passage = _passage(description, subject)
    incoming_labels = labels(store, {s for s, _ in description.incoming})
    incoming = [
        {
            "name": predicate_name(predicate),
            "text": label(incoming_labels.get(source, {}), lang, source),
            "href": local_path(source, base),
        }
        for source, predicate in description.incoming[:500]
    ]
    type_iris = sorted(o.value for _, p, o in own if p.value == RDF_TYPE)
    type_labels = labels(store, type_iris)
    types = [label(type_labels.get(i, {}), lang, context.type_name(i)) for i in type_iris]
    filter_name = next((_BROWSE_FILTERS[i] for i in type_iris if i in _BROWSE_FILTERS), None)
    browse_href = None
    if filter_name is not None:
        value = notation or subject.rstrip("/").rsplit("/", 1)[-1]
        browse_href = "/browse/activities?" + urlencode({filter_name: value})
    alternates = [
        {"type": media, "label": label_, "href": f"/id/{quote(path)}?format={short}"}
        for media, (short, label_) in _SHORT_NAME.items()
        if media != "text/html"
    ]
    title = label(names, lang, subject)
    subtitle = names.get(other, "")
    return (
        environment()
        .get_template("resource.html")
        .render(
            **page,
            subject=subject,
            title=title,
            subtitle=subtitle if subtitle != title else "",
            subtitle_lang=other,
            title_en=names.get("en") or names.get(""),
            title_zh=names.get("zh"),
            types=types,
            rows=sorted(rows.values(), key=lambda r: str(r["name"]).lower()),
            passage=passage,
            incoming=incoming,
            alternates=alternates,
            browse_href=browse_href,
            activity_count=None,
        )
    )


def _passage(description: Description, node: str) -> dict[str, Any] | None:
    values = {p.value: o.value for _, p, o in description.about(node)}
    text = values.get(f"{BAAP}text")
    if text is None:
        return None
    start, end = values.get(f"{BAAP}startLine"), values.get(f"{BAAP}endLine")
    return {
        "text": text,
        "start": start,
        "end": end,
        "section": values.get(f"{BAAP}section"),
        "href": f"/report?start={start}&end={end or start}#L{start}" if start else "/report",
    }


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
