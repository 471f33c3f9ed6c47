"""The HTML page of a resource (`/id/...` for browsers): its name in the page's language, what the
graph says about it under readable property names, its source passage, its provenance in words,
what links to it (grouped by property), its other formats. SDG goals and targets have their own
page (`service.web.sdg`)."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.requests import Request

from service.i18n import label, label_language, translate
from service.jsonld import Context
from service.resources import (
    JUSTIFIES_SUBJECT,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_NOTATION,
    Description,
    labels,
    local_path,
)
from service.web import sdg
from service.web.entities import alternates, link_for
from service.web.justifications import Justification, justifications, link_bases
from service.web.layout import language, other_language, render_text, store_of
from service.web.properties import literal_language, property_name, type_name, unlabeled_names
from service.web.provenance import CONFIDENCE, DCTERMS_SOURCE, explain

PASSAGE_LINK: Final = "http://www.w3.org/ns/prov#wasDerivedFrom"
PREF_LABEL: Final = "http://www.w3.org/2004/02/skos/core#prefLabel"
BAAP: Final = "https://w3id.org/baap/ontology#"
#: Shown elsewhere on the page (title, kind, provenance), not as rows.
NOT_ROWS: Final = frozenset({RDFS_LABEL, RDF_TYPE, DCTERMS_SOURCE, CONFIDENCE})
#: Incoming links listed per property before "and N more".
INCOMING_SHOWN: Final = 100
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
}


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
        "heading": values.get(f"{BAAP}heading"),
        "href": f"/report?start={start}&end={end or start}#L{start}" if start else "/report",
    }


def _cell(
    description: Description,
    predicate: str,
    obj: ox.NamedNode | ox.Literal,
    lang: str,
    base: str,
    why: dict[tuple[str, str], list[Justification]],
) -> dict[str, Any]:
    """One value: an entity by its name (linked when safe) with the basis of the link and its
    justification, or a literal as it is."""
    if isinstance(obj, ox.Literal):
        return {"text": obj.value, "lang": obj.language or literal_language(obj.value), "note": ""}
    other = other_language(lang)
    found = description.labels_of(obj.value)
    notations = [n.value for n in description.values(obj.value, SKOS_NOTATION)]
    return {
        "text": label(found, lang, obj.value),
        "lang": label_language(found, lang),
        "note": " · ".join(filter(None, [found.get(other, ""), *notations])),
        "note_lang": other if found.get(other) else "",
        "href": link_for(obj.value, base),
        # organisations keep their own names (proper names, never translated)
        "proper": obj.value.startswith(f"{base}organization/"),
        "bases": link_bases(description, predicate, obj),
        "why": why.get((predicate, obj.value), []),
    }


def _incoming(
    request: Request, description: Description, names: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    """What links to the resource, one group per property, each named and counted."""
    store = store_of(request)
    lang, _ = language(request)
    by_property: dict[str, list[str]] = {}
    for source, predicate in description.incoming:
        if predicate != JUSTIFIES_SUBJECT:  # the justifications are shown with their links
            by_property.setdefault(predicate, []).append(source)
    shown = {s for sources in by_property.values() for s in sources[:INCOMING_SHOWN]}
    source_labels = labels(store, shown)
    unnamed = unlabeled_names(store, shown - source_labels.keys(), lang)
    groups = []
    for predicate, sources in by_property.items():
        groups.append(
            {
                "name": property_name(predicate, names, lang),
                "predicate": predicate,
                "total": len(sources),
                "more": max(0, len(sources) - INCOMING_SHOWN),
                "items": [
                    {
                        "text": label(source_labels.get(s, {}), lang, unnamed.get(s, s)),
                        "lang": label_language(source_labels.get(s, {}), lang),
                        "href": local_path(s, store.base_iri),
                    }
                    for s in sources[:INCOMING_SHOWN]
                ],
            }
        )
    return sorted(groups, key=lambda g: (-g["total"], g["name"].lower()))


def _title(
    description: Description, lang: str, types: list[str], passage: dict[str, Any] | None
) -> str:
    names = description.labels_of(description.subject)
    if names:
        return label(names, lang)
    key = description.subject.rstrip("/").rsplit("/", 1)[-1]
    if passage is not None:
        return translate(lang, "resource.passage.title", id=key)
    return translate(lang, "resource.untitled", kind=types[0] if types else "", id=key).strip()


def page(request: Request, description: Description, path: str, context: Context) -> str:
    """The resource page in the site layout, in the request's language."""
    goal_or_target = sdg.un_iri(description)
    if goal_or_target is not None:
        return sdg.page(request, goal_or_target, path)
    store = store_of(request)
    lang, _ = language(request)
    other = other_language(lang)
    base = store.base_iri
    subject = description.subject
    own = description.about(subject)
    names = description.labels_of(subject)
    predicates = {p.value for _, p, _ in own} | {p for _, p in description.incoming}
    type_iris = sorted(o.value for _, p, o in own if p.value == RDF_TYPE)
    term_labels = labels(store, predicates | set(type_iris))
    rows: dict[str, dict[str, Any]] = {}
    why = justifications(description, base)
    passage: dict[str, Any] | None = None
    notation = ""
    for _, predicate, obj in own:
        if predicate.value in NOT_ROWS:
            continue
        if (
            predicate.value == PREF_LABEL
            and isinstance(obj, ox.Literal)
            and names.get(obj.language or "") == obj.value
        ):
            continue  # the title already says it
        if predicate.value == SKOS_NOTATION and isinstance(obj, ox.Literal):
            notation = notation or obj.value
        row = rows.setdefault(
            predicate.value,
            {
                "predicate": predicate.value,
                "name": property_name(predicate.value, term_labels, lang),
                "cells": [],
            },
        )
        row["cells"].append(_cell(description, predicate.value, obj, lang, base, why))
        if predicate.value == PASSAGE_LINK and isinstance(obj, ox.NamedNode):
            passage = _passage(description, obj.value)
    if subject.startswith(f"{base}passage/"):
        passage = _passage(description, subject)
    types = [type_name(i, term_labels, lang, context.type_name(i)) for i in type_iris]
    filter_name = next((BROWSE_FILTERS[i] for i in type_iris if i in BROWSE_FILTERS), None)
    browse_href = None
    if filter_name is not None:
        value = notation or subject.rstrip("/").rsplit("/", 1)[-1]
        browse_href = "/browse/activities?" + urlencode({filter_name: value})
    values = {p.value: [o.value for _, q, o in own if q == p] for _, p, _ in own}
    title = _title(description, lang, types, passage)
    incoming = _incoming(request, description, term_labels)
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
        is_passage=subject.startswith(f"{base}passage/"),
        proper=subject.startswith(f"{base}organization/"),
        types=types,
        rows=sorted(rows.values(), key=lambda r: str(r["name"]).lower()),
        passage=passage,
        provenance=explain(values.get(DCTERMS_SOURCE, []), values.get(CONFIDENCE, []), lang),
        incoming=incoming,
        incoming_total=sum(g["total"] for g in incoming),
        alternates=alternates(path),
        browse_href=browse_href,
        activity_count=None,
    )
