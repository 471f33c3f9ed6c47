"""What the graph says about one resource: the triples a dereferenced IRI returns.

A description is every triple whose subject is the resource (from every named graph), plus, for
each IRI it links to, that node's type, labels and notation, so a document can show "Kenya" rather
than an IRI. Nodes the resource owns (its figures, its source passage, and the justifications of
its links with the method that read them) are described in full. Every triple of a description
is a triple of the graph; the same set is served in every format. The description also keeps the
named graphs each of the resource's own triples is in: a link's basis (`service.bases`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

import pyoxigraph as ox

from service.bases import named_bases
from service.store import KnowledgeStore

RDF_TYPE: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL: Final = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_NOTATION: Final = "http://www.w3.org/2004/02/skos/core#notation"
SDG_BASE: Final = "http://metadata.un.org/sdg/"
OWL_SAME_AS: Final = "http://www.w3.org/2002/07/owl#sameAs"
#: What a linked node contributes to a description: enough to name it.
SUMMARY_PREDICATES: Final = frozenset({RDF_TYPE, RDFS_LABEL, SKOS_NOTATION})
#: Links to nodes that belong to the resource and are described in full.
OWNED_PREDICATES: Final = frozenset(
    {
        "https://w3id.org/baap/ontology#metric",
        "http://www.w3.org/ns/prov#wasDerivedFrom",
        OWL_SAME_AS,
    }
)
JUSTIFIES_SUBJECT: Final = "https://w3id.org/baap/ontology#justifiesSubject"
GENERATED_BY: Final = "http://www.w3.org/ns/prov#wasGeneratedBy"
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


@dataclass
class Description:
    """The triples served for `subject`, and the links that point at it (for HTML pages)."""

    subject: str
    triples: list[Triple] = field(default_factory=list)
    incoming: list[tuple[str, str]] = field(default_factory=list)  # (subject IRI, predicate IRI)
    #: (predicate IRI, object as N-Triples) of the subject's own triples -> the named graphs
    #: (IRIs, sorted) they are in; "" for the default graph
    graphs: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: the justifications of the subject's links (nodes whose baap:justifiesSubject it is)
    justifications: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.triples)

    @cached_property
    def _by_subject(self) -> dict[str, list[Triple]]:
        index: dict[str, list[Triple]] = {}
        for triple in self.triples:
            index.setdefault(triple[0].value, []).append(triple)
        return index

    def by_graph(self) -> dict[str, list[Triple]]:
        """The subject's own triples by the named graph they are in (not the default graph):
        what each graph, so each basis, says about it."""
        found: dict[str, list[Triple]] = {}
        for triple in self.about(self.subject):
            for graph in self.graphs.get((triple[1].value, str(triple[2])), []):
                if graph:
                    found.setdefault(graph, []).append(triple)
        return dict(sorted(found.items()))

    def about(self, node: str) -> list[Triple]:
        """The triples of this description whose subject is `node`."""
        return self._by_subject.get(node, [])

    def values(self, node: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
        """The objects of (`node`, `predicate`) in this description."""
        return [o for _, p, o in self.about(node) if p.value == predicate]

    def labels_of(self, node: str) -> dict[str, str]:
        """{language: label} of `node` ("" for a label without language), first one each."""
        found: dict[str, str] = {}
        for value in self.values(node, RDFS_LABEL):
            if isinstance(value, ox.Literal):
                found.setdefault(value.language or "", value.value)
        return found


def local_path(iri: str, base: str) -> str | None:
    """Where this server serves `iri` (`/id/...`, UN SDGs at `/id/sdg/{code}`), else None."""
    if iri.startswith(base):
        return "/id/" + iri[len(base) :]
    if iri.startswith(SDG_BASE) and iri != SDG_BASE:
        return "/id/sdg/" + iri[len(SDG_BASE) :]
    return None


def _triples_of(
    store: ox.Store, node: ox.NamedNode, graphs: dict[tuple[str, str], list[str]] | None = None
) -> list[Triple]:
    """The triples whose subject is `node`, once each; `graphs` collects the graphs of each."""
    seen: dict[tuple[str, str], Triple] = {}
    for quad in store.quads_for_pattern(node, None, None, None):
        obj = quad.object
        if isinstance(obj, ox.NamedNode | ox.Literal):
            key = (quad.predicate.value, str(obj))
            seen.setdefault(key, (node, quad.predicate, obj))
            if graphs is not None:
                name = quad.graph_name
                graphs.setdefault(key, []).append(
                    name.value if isinstance(name, ox.NamedNode) else ""
                )
    if graphs is not None:
        for key in graphs:
            graphs[key] = sorted(set(graphs[key]))
    return list(seen.values())


def _sort_key(triple: Triple) -> tuple[str, str, str]:
    return (triple[0].value, triple[1].value, str(triple[2]))


def describe(store: KnowledgeStore, iri: str, with_incoming: bool = False) -> Description:
    """The description of `iri`; empty (falsy) when the graph says nothing about it."""
    oxstore = store.oxigraph
    subject = ox.NamedNode(iri)
    description = Description(iri)
    own = _triples_of(oxstore, subject, description.graphs)
    if not own:
        return description
    triples: dict[tuple[str, str, str], Triple] = {_sort_key(t): t for t in own}
    for _, predicate, obj in own:
        if not isinstance(obj, ox.NamedNode) or obj.value == iri:
            continue
        for triple in _triples_of(oxstore, obj):
            if predicate.value in OWNED_PREDICATES or triple[1].value in SUMMARY_PREDICATES:
                triples.setdefault(_sort_key(triple), triple)
    for justification in _justifications(oxstore, subject):
        description.justifications.append(justification.value)
        for triple in _triples_of(oxstore, justification):
            triples.setdefault(_sort_key(triple), triple)
            if triple[1].value == GENERATED_BY and isinstance(triple[2], ox.NamedNode):
                for method in _triples_of(oxstore, triple[2]):  # the method, in full
                    triples.setdefault(_sort_key(method), method)
    description.triples = [triples[k] for k in sorted(triples)]
    if with_incoming:
        description.incoming = sorted(
            {
                (q.subject.value, q.predicate.value)
                for q in oxstore.quads_for_pattern(None, None, subject, None)
                if isinstance(q.subject, ox.NamedNode)
            }
        )
    return description


def basis_comment(description: Description) -> str:
    """Comment lines for a Turtle or N-Triples document: the basis of each of the subject's
    links (the named graph it is in: report, curation, inferred, derived), which triples cannot
    carry; empty when the subject's links are in none of those graphs."""
    lines = []
    for (predicate, obj), graphs in sorted(description.graphs.items()):
        bases = named_bases(graphs)
        if obj.startswith("<") and predicate != RDF_TYPE and bases:
            lines.append(f"#   <{predicate}> {obj}: {', '.join(bases)}")
    if not lines:
        return ""
    head = [
        "# The basis of each link of the resource (CONTRACT v2; the named graph it is in):",
        "# report = the report states it, curation = a curator judged it from the passage,",
        "# inferred = a method read it from the text, derived = the priority mapping implies it.",
        "# Curated and inferred links are justified by the baap:LinkJustification nodes below",
        "# (evidence, line, confidence or score and method).",
    ]
    return "\n".join(head + lines) + "\n"


def _justifications(store: ox.Store, subject: ox.NamedNode) -> list[ox.NamedNode]:
    """The justifications of the links of `subject`, sorted."""
    found = {
        q.subject.value
        for q in store.quads_for_pattern(None, ox.NamedNode(JUSTIFIES_SUBJECT), subject, None)
        if isinstance(q.subject, ox.NamedNode)
    }
    return [ox.NamedNode(iri) for iri in sorted(found)]


def labels(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, dict[str, str]]:
    """{iri: {language: label}} for the given IRIs (for naming links on HTML pages)."""
    found: dict[str, dict[str, str]] = {}
    for iri in iris:
        node = ox.NamedNode(iri)
        for quad in store.oxigraph.quads_for_pattern(node, ox.NamedNode(RDFS_LABEL), None, None):
            if isinstance(quad.object, ox.Literal):
                found.setdefault(iri, {}).setdefault(quad.object.language or "", quad.object.value)
    return found
