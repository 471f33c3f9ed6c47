"""The HTML page of a resource (`/id/...` for browsers): title in the page's language, what the
graph says about it, its source passage, what links to it, its other formats."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from starlette.requests import Request

from service.i18n import label
from service.jsonld import Context
from service.negotiation import RESOURCE_TYPES
from service.resources import (
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_NOTATION,
    Description,
    labels,
    local_path,
)
from service.web.layout import language, other_language, render_text, store_of

PASSAGE_LINK: Final = "http://www.w3.org/ns/prov#wasDerivedFrom"
BAAP: Final = "https://w3id.org/baap/ontology#"
#: Entity classes whose activities /browse/activities can list, with the filter that does it.
BROWSE_FILTERS: Final[dict[str, str]] = {
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


def alternates(path: str) -> list[dict[str, str]]:
    """The resource's other formats: media type, label and link."""
    return [
        {"type": f.media_type, "label": f.label, "href": f"/id/{quote(path)}?format={f.name}"}
        for f in RESOURCE_TYPES.formats()
        if f.media_type != "text/html"
    ]


def _name(context: Context, predicate: str) -> str:
    definition = context.properties.get(predicate)
    if definition:
        return definition.term
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


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


def page(request: Request, description: Description, path: str, context: Context) -> str:
    """The resource page in the site layout, in the request's language."""

    store = store_of(request)
    lang, _ = language(request)
    other = other_language(lang)
    base = store.base_iri
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
    filter_name = next((BROWSE_FILTERS[i] for i in type_iris if i in BROWSE_FILTERS), None)
    browse_href = None
    if filter_name is not None:
        value = notation or subject.rstrip("/").rsplit("/", 1)[-1]
        browse_href = "/browse/activities?" + urlencode({filter_name: value})
    title = label(names, lang, subject)
    subtitle = names.get(other, "")
    return render_text(
        request,
        "resource.html",
        "resource",
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
        alternates=alternates(path),
        browse_href=browse_href,
        activity_count=None,
    )
