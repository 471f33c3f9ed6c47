"""`/search`: activities and entities whose names contain the words, grouped by kind."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

from fastapi.responses import Response
from starlette.requests import Request

from service.api_filters import matching_activities, parse_activity_filters, sparql_string
from service.api_vocabulary import PREFIXES
from service.negotiation import PAGE_TYPES
from service.store import KnowledgeStore
from service.web.entities import activity_items, entity_view
from service.web.layout import choose, language, render, views_of

KINDS: Final = (
    "ThematicPriority",
    "RegionalInitiative",
    "Region",
    "StrategicInitiative",
    "StudyGroup",
    "Question",
    "Goal",
    "Target",
    "WSISActionLine",
    "Country",
    "Organization",
    "SourceIssue",
)
LIMIT: Final = 25


def search_entities(store: KnowledgeStore, text: str) -> list[dict[str, str]]:
    """Reference entities and source issues whose label, alternative label (an acronym such as
    UNDP, another spelling), notation or comment contains `text`."""
    kinds = " ".join(f"sdgo:{k}" if k in ("Goal", "Target") else f"baap:{k}" for k in KINDS)
    query = (
        PREFIXES
        + f"""SELECT ?e ?kind (SAMPLE(?n) AS ?notation) (MAX(?exact) AS ?best) WHERE {{
        VALUES ?needle {{ {sparql_string(text.lower())} }}
        VALUES ?kind {{ {kinds} }}
        ?e a ?kind .
        {{ ?e rdfs:label ?hay }} UNION {{ ?e skos:altLabel ?hay }}
        UNION {{ ?e skos:hiddenLabel ?hay }} UNION {{ ?e skos:notation ?hay }}
        UNION {{ ?e rdfs:comment ?hay }} UNION {{ ?e baap:issueType ?hay }}
        FILTER(CONTAINS(LCASE(STR(?hay)), ?needle))
        BIND(IF(LCASE(STR(?hay)) = ?needle, 1, 0) AS ?exact)
        OPTIONAL {{ ?e skos:notation ?n }}
    }} GROUP BY ?e ?kind"""
    )
    return store.select(query)


def page(request: Request) -> Response:
    """The search results page (the layout's search box sends here)."""
    choose(request, PAGE_TYPES)
    text = request.query_params.get("q", "").strip()[:200]
    views = views_of(request)
    store = views.store
    lang, _ = language(request)
    groups: list[dict[str, Any]] = []
    if text:
        found = search_entities(store, text)
        info = views.labels_of(row["e"] for row in found)
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for row in found:
            kind = row["kind"].rsplit("#", 1)[-1]
            view: dict[str, Any] = entity_view(
                row["e"], info.get(row["e"], {}), lang, store.base_iri
            )
            view["best"] = row.get("best", "0")
            by_kind.setdefault(kind, []).append(view)
        filters = parse_activity_filters({"q": text}, views.vocabulary)
        matches = matching_activities(store, filters, "id")
        if matches:
            groups.append(
                {
                    "kind": "Activity",
                    "count": len(matches),
                    "items": activity_items(views, matches[:LIMIT], lang),
                    "more": f"/browse/activities?{urlencode({'q': text})}",
                }
            )
        for kind in KINDS:
            entries = by_kind.get(kind, [])
            if not entries:
                continue
            entries.sort(key=lambda v: (v["best"] != "1", len(v["label"]), v["label"]))
            groups.append(
                {"kind": kind, "count": len(entries), "items": entries[:LIMIT], "more": None}
            )
    return render(request, "search.html", "search", q=text, groups=groups)
