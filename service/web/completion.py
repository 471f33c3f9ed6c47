"""What the query editor completes, served from here (`/query/vocabulary.json`): the prefixes, the
classes and properties the graph uses (with their labels), and every entity with a notation (so
typing `AFR1`, `KEN` or `5.b` offers the entity's IRI). Nothing is looked up on another site."""

from __future__ import annotations

from typing import Any, Final

import orjson
from fastapi.responses import Response

from service.namespaces import PREFIXES
from service.views import Views

#: Classes and properties: every one the data uses, labelled where the graph labels them.
TERMS_QUERY: Final = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?term ?kind (SAMPLE(?en) AS ?labelEn) (SAMPLE(?zh) AS ?labelZh) WHERE {
  { SELECT DISTINCT ?term ?kind WHERE {
      { ?s a ?term BIND("class" AS ?kind) } UNION { ?s ?term ?o BIND("property" AS ?kind) }
  } }
  OPTIONAL { ?term rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  OPTIONAL { ?term rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), "zh")) }
} GROUP BY ?term ?kind"""
ENTITIES_QUERY: Final = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e (SAMPLE(?n) AS ?notation) (SAMPLE(?en) AS ?labelEn) (SAMPLE(?zh) AS ?labelZh) WHERE {
  ?e skos:notation ?n .
  OPTIONAL { ?e rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  OPTIONAL { ?e rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), "zh")) }
} GROUP BY ?e"""


def _labels(row: dict[str, str]) -> dict[str, str]:
    return {k: row[f"label{k.title()}"] for k in ("en", "zh") if f"label{k.title()}" in row}


def vocabulary(views: Views) -> dict[str, Any]:
    """The completion lists, computed once."""

    def build() -> dict[str, Any]:
        terms: dict[str, list[dict[str, Any]]] = {"class": [], "property": []}
        for row in views.store.select(TERMS_QUERY):
            terms[row["kind"]].append({"iri": row["term"], "label": _labels(row)})
        entities = [
            {"iri": row["e"], "notation": row["notation"], "label": _labels(row)}
            for row in views.store.select(ENTITIES_QUERY)
            if row["e"].startswith(("http://", "https://"))
        ]
        return {
            "prefixes": PREFIXES,
            "classes": sorted(terms["class"], key=lambda t: t["iri"]),
            "properties": sorted(terms["property"], key=lambda t: t["iri"]),
            "entities": sorted(entities, key=lambda e: (e["notation"].lower(), e["iri"])),
        }

    return views.memo("completion", build)


def response(views: Views) -> Response:
    """The completion lists as JSON (cached by browsers for an hour, per data version)."""
    return Response(
        orjson.dumps(vocabulary(views)),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=3600", "ETag": f'"{views.data_version}"'},
    )
