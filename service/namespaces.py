"""The one table of prefixes and namespace IRIs (CONTRACT.md "Namespaces").

Everything that binds prefixes, writes Turtle, or builds the JSON-LD context reads this module.
"""

from __future__ import annotations

from typing import Final

from rdflib import Namespace

BAAP: Final = Namespace("https://w3id.org/baap/ontology#")
ID: Final = Namespace("https://w3id.org/baap/id/")
GRAPH: Final = Namespace("https://w3id.org/baap/graph/")
ONTOLOGY_IRI: Final = "https://w3id.org/baap/ontology"
SDG: Final = Namespace("http://metadata.un.org/sdg/")
SDGO: Final = Namespace("http://metadata.un.org/sdg/ontology#")
SDG_SCHEME: Final = "http://metadata.un.org/sdg"

#: prefix -> namespace IRI, in the order they are declared in every Turtle file we write.
PREFIXES: Final[dict[str, str]] = {
    "baap": str(BAAP),
    "id": str(ID),
    "graph": str(GRAPH),
    "baapsh": "https://w3id.org/baap/shapes#",
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: The named graphs of CONTRACT.md, by short name.
GRAPH_NAMES: Final[tuple[str, ...]] = (
    "ontology",
    "reference",
    "report",
    "curation",
    "mapping",
    "derived",
    "inferred",
)


def graph_iri(name: str) -> str:
    """The IRI of the named graph `name` (one of GRAPH_NAMES)."""
    if name not in GRAPH_NAMES:
        raise ValueError(f"unknown graph {name!r}; expected one of {', '.join(GRAPH_NAMES)}")
    return f"{GRAPH}{name}"


def sparql_prologue() -> str:
    """PREFIX declarations for every namespace, for queries and examples."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
