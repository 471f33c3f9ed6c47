"""The home page `/`: counts, links by kind, priorities and regions; JSON links for machines."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

import orjson
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from service import __version__
from service.api_vocabulary import BAAP, PREFIXES
from service.bases import GRAPH_BASES
from service.i18n import label
from service.namespaces import graph_iri
from service.negotiation import GRAPH_TYPES, HTML, JSON, page_or
from service.site import query_href
from service.views import Views
from service.web.entities import dimension_members, entity_view
from service.web.layout import choose, language, render, views_of

LINK_PROPERTIES: Final = (
    "thematicPriority",
    "regionalInitiative",
    "region",
    "strategicInitiative",
    "question",
    "contributesTo",
    "supportsActionLine",
    "country",
    "partner",
    "year",
)
_NOT_REPORT: Final = ", ".join(f"<{graph_iri(g)}>" for g in ("curation", "inferred", "derived"))
#: Links from activities per property and basis (the graph a link is in, CONTRACT v2).
LINKS_QUERY: Final = (
    PREFIXES
    + f"""# Links from activities, by property and basis: stated by the report (graph report),
# judged by a curator (curation), read by a method (inferred), derived through the curated
# priority -> SDG / WSIS mapping (derived). A link in two graphs counts for both.
SELECT ?property (SUM(?r) AS ?report) (SUM(?c) AS ?curation) (SUM(?i) AS ?inferred)
       (SUM(?d) AS ?derived) WHERE {{
  {{ SELECT DISTINCT ?property ?activity ?object ?graph WHERE {{
      VALUES ?property {{ {" ".join(f"baap:{p}" for p in LINK_PROPERTIES)} }}
      ?activity a baap:Activity .
      GRAPH ?graph {{ ?activity ?property ?object }}
  }} }}
  BIND(IF(?graph NOT IN ({_NOT_REPORT}), 1, 0) AS ?r)
  BIND(IF(?graph = <{graph_iri("curation")}>, 1, 0) AS ?c)
  BIND(IF(?graph = <{graph_iri("inferred")}>, 1, 0) AS ?i)
  BIND(IF(?graph = <{graph_iri("derived")}>, 1, 0) AS ?d)
}}
GROUP BY ?property
ORDER BY DESC(?report + ?curation + ?inferred + ?derived)
"""
)
COUNTS_QUERY: Final = (
    PREFIXES
    + """# How many activities, source passages and source defects the graph holds.
SELECT ?activities ?passages ?issues WHERE {
  { SELECT (COUNT(DISTINCT ?a) AS ?activities) WHERE { ?a a baap:Activity } }
  { SELECT (COUNT(DISTINCT ?p) AS ?passages) WHERE { ?p a baap:SourcePassage } }
  { SELECT (COUNT(DISTINCT ?i) AS ?issues) WHERE { ?i a baap:SourceIssue } }
}
"""
)
#: Home for browsers; JSON links for JSON clients; RDF clients see the service description.
OFFER: Final = page_or(JSON, *GRAPH_TYPES.offered)


def home_facts(views: Views) -> dict[str, Any]:
    """Counts, links by kind, priorities and regions; computed once."""
    return views.memo("home", lambda: _home_facts(views))


def _home_facts(views: Views) -> dict[str, Any]:
    store = views.store
    counts = store.select(COUNTS_QUERY)[0]
    links = store.select(LINKS_QUERY)
    properties = views.labels_of(f"{BAAP}{p}" for p in LINK_PROPERTIES)
    return {
        "activities": int(counts.get("activities", 0)),
        "passages": int(counts.get("passages", 0)),
        "issues": int(counts.get("issues", 0)),
        "triples": len(store),
        "links": [
            {
                "property": row["property"],
                "name": row["property"].rsplit("#", 1)[-1],
                "labels": properties.get(row["property"], {}),
                **{basis: int(row.get(basis, 0)) for basis in GRAPH_BASES},
            }
            for row in links
        ],
        "priorities": dimension_members(views, "thematicPriority"),
        "regions": dimension_members(views, "region"),
    }


def service_json(request: Request) -> Response:
    """Where everything is, for JSON clients of `/`."""
    base = str(request.base_url).rstrip("/")
    body = {
        "name": "baap-kg",
        "description": "The ITU-D Buenos Aires Action Plan report (TDAG-21/2/2-C) as a "
        "knowledge graph: SPARQL, JSON-LD resources and collections, audit reports.",
        "version": __version__,
        "dataVersion": views_of(request).data_version,
        "links": {
            "sparql": f"{base}/sparql",
            "examples": f"{base}/sparql/examples",
            "context": f"{base}/context.jsonld",
            "activities": f"{base}/api/activities",
            "audit": f"{base}/audit",
            "validate": f"{base}/validate",
            "health": f"{base}/health",
            "openapi": f"{base}/openapi.json",
            "docs": f"{base}/docs",
            "resource": f"{base}/id/{{path}}",
        },
    }
    return Response(orjson.dumps(body), media_type=JSON, headers={"Vary": "Accept"})


def page(request: Request) -> Response:
    """HTML for browsers; JSON links for `application/json`; RDF types see the service
    description at /sparql (303)."""
    chosen = choose(request, OFFER)
    if chosen == JSON:
        return service_json(request)
    if chosen != HTML:
        return RedirectResponse("/sparql", status_code=303, headers={"Vary": "Accept"})
    views = views_of(request)
    lang, _ = language(request)
    facts = home_facts(views)
    base = views.store.base_iri

    def tile(member: dict[str, Any], filter_name: str) -> dict[str, Any]:
        names = member.get("label", {})
        view: dict[str, Any] = entity_view(
            member["id"], {**names, "notation": member.get("notation", "")}, lang, base
        )
        view["count"] = member.get("activityCount", 0)
        view["browse"] = (
            f"/browse/activities?{urlencode({filter_name: member.get('notation', '')})}"
        )
        return view

    return render(
        request,
        "home.html",
        "home",
        facts=facts,
        priorities=[tile(m, "thematicPriority") for m in facts["priorities"]],
        regions=[tile(m, "region") for m in facts["regions"]],
        links=[
            {**link, "label": label(link["labels"], lang, link["name"])} for link in facts["links"]
        ],
        bases=GRAPH_BASES,
        links_query=query_href(LINKS_QUERY),
        counts_query=query_href(COUNTS_QUERY),
    )
