"""The vocabulary as a reader sees it: every class and property of the ontology graph with its
labels and comments in English and Chinese, what it specialises, its domain and range.

Read from the served store's `ontology` graph (one query, kept per dataset by `Views.ontology`);
the page at `/ontology` renders it, the RDF forms of `/ontology` are the graph itself."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final

from service.namespaces import PREFIXES, graph_iri
from service.store import KnowledgeStore

ONTOLOGY_IRI: Final = "https://w3id.org/baap/ontology"
_CLASS_TYPES: Final = frozenset(
    {"http://www.w3.org/2002/07/owl#Class", "http://www.w3.org/2000/01/rdf-schema#Class"}
)
_PROPERTY_TYPES: Final = frozenset(
    {
        "http://www.w3.org/2002/07/owl#ObjectProperty",
        "http://www.w3.org/2002/07/owl#DatatypeProperty",
        "http://www.w3.org/2002/07/owl#AnnotationProperty",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    }
)
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass
class Term:
    """One class or property."""

    iri: str
    kind: str = ""  # "class" or "property"
    labels: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    parents: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The term's name in the baap: namespace (or its prefixed or full IRI)."""
        return compact(self.iri)


@dataclass
class Vocabulary:
    """The ontology's header (labels, comment) and its terms, sorted by name."""

    labels: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    classes: list[Term] = field(default_factory=list)
    properties: list[Term] = field(default_factory=list)


def compact(iri: str) -> str:
    """`baap:Activity` for a term of a known namespace, else the IRI."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def read_vocabulary(store: KnowledgeStore) -> Vocabulary:
    """The vocabulary of the `ontology` graph."""
    rows = store.rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri('ontology')}> {{ ?s ?p ?o }} }}")
    facts: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        obj = row["o"]
        language = getattr(obj, "language", None) or ""
        facts[row["s"].value][row["p"].value].append((obj.value, language))
    vocabulary = Vocabulary()
    header = facts.get(ONTOLOGY_IRI, {})
    vocabulary.labels = {lang: v for v, lang in header.get(f"{RDFS}label", [])}
    vocabulary.comments = {lang: v for v, lang in header.get(f"{RDFS}comment", [])}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    for iri, properties in facts.items():
        types = {v for v, _ in properties.get(rdf_type, [])}
        kind = "class" if types & _CLASS_TYPES else "property" if types & _PROPERTY_TYPES else ""
        if not kind or iri == ONTOLOGY_IRI:
            continue
        term = Term(
            iri,
            kind,
            {lang: v for v, lang in properties.get(f"{RDFS}label", [])},
            {lang: v for v, lang in properties.get(f"{RDFS}comment", [])},
            sorted(
                v
                for key in (f"{RDFS}subClassOf", f"{RDFS}subPropertyOf")
                for v, _ in properties.get(key, [])
            ),
            sorted(v for v, _ in properties.get(f"{RDFS}domain", [])),
            sorted(v for v, _ in properties.get(f"{RDFS}range", [])),
        )
        (vocabulary.classes if kind == "class" else vocabulary.properties).append(term)
    vocabulary.classes.sort(key=lambda t: t.name.lower())
    vocabulary.properties.sort(key=lambda t: t.name.lower())
    return vocabulary
