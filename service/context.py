"""The published JSON-LD `@context`, generated from the ontology and the namespace table.

Terms are the local names of the ontology (`thematicPriority`, `Activity`), object properties
are coerced to `@id`, typed datatype properties to their datatype, and labels are language maps,
so a document reads `"label": {"en": "...", "zh": "..."}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef

from service.namespaces import BAAP, PREFIXES

CONTEXT_VERSION = "1.2.0"  # 1.1: wasGeneratedBy, hasVersion; 1.2: linkBasis (JSON, /api/)

#: Terms from other vocabularies that every document uses.
_EXTERNAL_TERMS: dict[str, Any] = {
    "label": {"@id": "rdfs:label", "@container": "@language"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel", "@container": ["@language", "@set"]},
    "hiddenLabel": {"@id": "skos:hiddenLabel", "@container": ["@language", "@set"]},
    "definition": {"@id": "skos:definition", "@container": "@language"},
    "scopeNote": {"@id": "skos:scopeNote", "@container": "@language"},
    "comment": {"@id": "rdfs:comment", "@container": "@language"},
    "notation": "skos:notation",
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "narrower": {"@id": "skos:narrower", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "topConceptOf": {"@id": "skos:topConceptOf", "@type": "@id"},
    "exactMatch": {"@id": "skos:exactMatch", "@type": "@id"},
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "wasGeneratedBy": {"@id": "prov:wasGeneratedBy", "@type": "@id"},
    "source": "dcterms:source",
    "hasVersion": "dcterms:hasVersion",
    "hasTarget": {"@id": "sdgo:hasTarget", "@type": "@id"},
    "isTargetOf": {"@id": "sdgo:isTargetOf", "@type": "@id"},
    "Goal": "sdgo:Goal",
    "Target": "sdgo:Target",
    "Concept": "skos:Concept",
    "member": {"@id": "hydra:member", "@container": "@set"},
    "totalItems": {"@id": "hydra:totalItems", "@type": "xsd:integer"},
    "view": {"@id": "hydra:view", "@type": "@id"},
    "first": {"@id": "hydra:first", "@type": "@id"},
    "next": {"@id": "hydra:next", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "last": {"@id": "hydra:last", "@type": "@id"},
    "Collection": "hydra:Collection",
    "PartialCollectionView": "hydra:PartialCollectionView",
}

#: Language-tagged ontology properties: a language map, like the labels.
_LANGUAGE_MAPPED = {"text"}


def load_ontology(files: Iterable[Path]) -> Graph:
    """All ontology modules in one rdflib graph."""
    graph = Graph()
    for path in sorted(files):
        graph.parse(path, format="turtle")
    return graph


def _term_definition(ontology: Graph, term: URIRef, local: str) -> Any:
    curie = f"baap:{local}"
    if (term, RDF.type, OWL.ObjectProperty) in ontology:
        return {"@id": curie, "@type": "@id"}
    if (term, RDF.type, OWL.DatatypeProperty) in ontology:
        if local in _LANGUAGE_MAPPED:
            return {"@id": curie, "@container": "@language"}
        datatype = ontology.value(term, RDFS.range)
        if datatype == RDF.JSON:
            return {"@id": curie, "@type": "@json"}
        if isinstance(datatype, URIRef) and str(datatype).startswith(str(XSD)):
            if datatype == XSD.string:
                return curie
            return {"@id": curie, "@type": f"xsd:{str(datatype)[len(str(XSD)) :]}"}
    return curie


def build_context(ontology: Graph) -> dict[str, Any]:
    """The `@context` object: prefixes, ontology terms, then shared external terms."""
    context: dict[str, Any] = {"@version": 1.1}
    context.update({prefix: iri for prefix, iri in PREFIXES.items() if prefix not in {"id"}})
    context["id"] = "@id"
    context["type"] = "@type"
    terms = sorted(
        {
            s
            for s in ontology.subjects(RDFS.isDefinedBy, None)
            if isinstance(s, URIRef) and str(s).startswith(str(BAAP))
        }
    )
    for term in terms:
        local = str(term)[len(str(BAAP)) :]
        context[local] = _term_definition(ontology, term, local)
    context.update(_EXTERNAL_TERMS)
    return {
        "@context": context,
        "dcterms:hasVersion": CONTEXT_VERSION,
    }


def context_json(ontology: Graph) -> str:
    """The context file's text: stable key order, two-space indent, trailing newline."""
    return json.dumps(build_context(ontology), ensure_ascii=False, indent=2) + "\n"
