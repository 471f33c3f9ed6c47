"""The SPARQL 1.1 Service Description of the endpoint, with VoID statistics of its dataset:
triples per graph, and class and property partitions (entities per class, triples per property)
of the default graph, the union of all graphs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pyoxigraph as ox

from service import __version__
from service.namespaces import PREFIXES
from service.store import KnowledgeStore
from service.writers import serialize_triples

SD: Final = "http://www.w3.org/ns/sparql-service-description#"
VOID: Final = "http://rdfs.org/ns/void#"
RDF_TYPE: Final = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS: Final = "http://www.w3.org/ns/formats/"
#: W3C format IRIs of every result syntax the endpoint writes.
RESULT_FORMATS: Final = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "N-Quads",
    "TriG",
)


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri("http://www.w3.org/2001/XMLSchema#integer"))


@dataclass(frozen=True)
class Partitions:
    """VoID partitions of the union graph: (class, entities) and (property, triples)."""

    classes: tuple[tuple[str, int], ...] = ()
    properties: tuple[tuple[str, int], ...] = ()


CLASS_PARTITIONS: Final = (
    "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } "
    "GROUP BY ?c ORDER BY ?c"
)
PROPERTY_PARTITIONS: Final = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"


def void_partitions(store: KnowledgeStore) -> Partitions:
    """The partitions, counted by the engine (once per dataset: `Views.void_partitions`)."""

    def counts(query: str, name: str) -> tuple[tuple[str, int], ...]:
        return tuple(
            (row[name].value, int(row["n"].value))
            for row in store.rows(query)
            if name in row and "n" in row
        )

    return Partitions(counts(CLASS_PARTITIONS, "c"), counts(PROPERTY_PARTITIONS, "p"))


def _partition_triples(dataset: ox.NamedNode, partitions: Partitions) -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for kind, entries, count_property in (
        ("class", partitions.classes, "entities"),
        ("property", partitions.properties, "triples"),
    ):
        for index, (iri, count) in enumerate(entries, start=1):
            part = _iri(f"{dataset.value}-{kind}-{index}")
            triples += [
                ox.Triple(dataset, _iri(f"{VOID}{kind}Partition"), part),
                ox.Triple(part, _iri(f"{VOID}{kind}"), _iri(iri)),
                ox.Triple(part, _iri(f"{VOID}{count_property}"), _count(count)),
            ]
    return triples


def describe_service(
    store: KnowledgeStore, endpoint: str, partitions: Partitions | None = None
) -> list[ox.Triple]:
    """Triples describing the endpoint at `endpoint` and the dataset it serves."""
    service, dataset = _iri(endpoint), _iri(f"{endpoint}#dataset")
    default_graph = _iri(f"{endpoint}#default-graph")
    triples = [
        ox.Triple(service, RDF_TYPE, _iri(f"{SD}Service")),
        ox.Triple(service, _iri(f"{SD}endpoint"), service),
        ox.Triple(service, _iri(f"{SD}supportedLanguage"), _iri(f"{SD}SPARQL11Query")),
        ox.Triple(service, _iri(f"{SD}feature"), _iri(f"{SD}UnionDefaultGraph")),
        ox.Triple(
            service,
            _iri(f"{SD}defaultEntailmentRegime"),
            _iri("http://www.w3.org/ns/entailment/Simple"),
        ),
        ox.Triple(
            service,
            _iri("http://purl.org/dc/terms/title"),
            ox.Literal(f"baap-kg {__version__} SPARQL endpoint", language="en"),
        ),
        ox.Triple(
            service,
            _iri("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
            _iri(f"{endpoint}/examples"),
        ),
        ox.Triple(service, _iri(f"{SD}defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _iri(f"{SD}Dataset")),
        ox.Triple(dataset, RDF_TYPE, _iri(f"{VOID}Dataset")),
        ox.Triple(dataset, _iri(f"{VOID}triples"), _count(len(store))),
        ox.Triple(dataset, _iri(f"{VOID}sparqlEndpoint"), service),
        ox.Triple(dataset, _iri(f"{SD}defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _iri(f"{SD}Graph")),
        ox.Triple(default_graph, _iri(f"{VOID}triples"), _count(len(store))),
    ]
    triples += [
        ox.Triple(service, _iri(f"{SD}resultFormat"), _iri(f"{FORMATS}{name}"))
        for name in RESULT_FORMATS
    ]
    if partitions is not None:
        triples += _partition_triples(dataset, partitions)
    named = [(n, c) for n, c in store.triple_counts().items() if n != "default"]
    for index, (name, count) in enumerate(named, start=1):
        entry = _iri(f"{endpoint}#named-graph-{index}")
        graph = _iri(f"{endpoint}#named-graph-{index}-graph")
        triples += [
            ox.Triple(dataset, _iri(f"{SD}namedGraph"), entry),
            ox.Triple(entry, RDF_TYPE, _iri(f"{SD}NamedGraph")),
            ox.Triple(entry, _iri(f"{SD}name"), _iri(name)),
            ox.Triple(entry, _iri(f"{SD}graph"), graph),
            ox.Triple(graph, RDF_TYPE, _iri(f"{SD}Graph")),
            ox.Triple(graph, _iri(f"{VOID}triples"), _count(count)),
        ]
    return triples


def serialize_description(triples: list[ox.Triple], media_type: str) -> bytes:
    """The description in one of the RDF media types of `service.engine.GRAPH_FORMATS`."""
    return serialize_triples(triples, media_type, PREFIXES)
