"""service/rdfio.py: deterministic Turtle."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from service.rdfio import BlankNodeInOutput, to_turtle

EX = "https://w3id.org/baap/id/"
TRIPLES = [
    (URIRef(EX + "b"), RDFS.label, Literal('quote " and \\ and\nnewline', lang="en")),
    (URIRef(EX + "a"), RDF.type, URIRef("https://w3id.org/baap/ontology#Activity")),
    (
        URIRef(EX + "a"),
        URIRef("https://w3id.org/baap/ontology#year"),
        Literal("2019", datatype=XSD.gYear),
    ),
    (URIRef("http://metadata.un.org/sdg/9.c"), RDFS.label, Literal("Target 9.c")),
]


def test_turtle_round_trips_to_the_same_triples() -> None:
    parsed = Graph().parse(data=to_turtle(TRIPLES), format="turtle")
    expected = Graph()
    for triple in TRIPLES:
        expected.add(triple)
    assert isomorphic(parsed, expected)


def test_turtle_does_not_depend_on_input_order() -> None:
    assert to_turtle(TRIPLES) == to_turtle(list(reversed(TRIPLES)))


def test_turtle_declares_only_the_prefixes_it_uses() -> None:
    text = to_turtle(TRIPLES)
    assert "@prefix xsd:" in text and "@prefix baap:" in text
    assert "@prefix prov:" not in text and "@prefix rdf:" not in text


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(BlankNodeInOutput):
        to_turtle([(BNode(), RDFS.label, Literal("x"))])
