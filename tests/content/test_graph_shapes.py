"""shapes/graphs/: the shapes checked on graphs `curation` and `inferred` one at a time (every
per-activity link there has its justification in the same graph)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from pyshacl import validate
from rdflib import Graph

from service.config import Settings
from service.store import KnowledgeStore
from service.validation import (
    GRAPH_SHAPES,
    load_shapes,
    shape_set,
    validate_dataset,
    validate_graph,
)
from tests.content.test_shape_examples import HEAD

GRAPH = "https://w3id.org/baap/graph/"
BAAP = "https://w3id.org/baap/ontology#"
ID = "https://w3id.org/baap/id/"
SHAPE = "https://w3id.org/baap/shapes#JustifiedLinksShape"

#: (valid, invalid) contents of graph curation; the subject under test is ex:it.
EXAMPLES = (
    "ex:it baap:contributesTo ex:goal . "
    "ex:j a baap:LinkJustification ; baap:justifiesSubject ex:it ; "
    "baap:justifiesProperty baap:contributesTo ; baap:justifiesObject ex:goal .",
    # a second link, to ex:c2, has no justification
    "ex:it baap:contributesTo ex:goal ; baap:supportsActionLine ex:c2 . "
    "ex:j a baap:LinkJustification ; baap:justifiesSubject ex:it ; "
    "baap:justifiesProperty baap:contributesTo ; baap:justifiesObject ex:goal .",
)


@pytest.fixture(scope="module")
def graph_shapes(settings: Settings) -> Graph:
    return load_shapes(settings.shapes_dir / GRAPH_SHAPES)


def test_graph_shapes_conform_to_shacl_shacl(graph_shapes: Graph) -> None:
    shacl_shacl = Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl")
    conforms, _, text = validate(graph_shapes, shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_graph_shapes_have_names_and_messages(graph_shapes: Graph) -> None:
    rows = graph_shapes.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?shape WHERE { ?shape a sh:NodeShape
          FILTER NOT EXISTS { ?shape sh:name ?n . ?shape sh:message ?m } }""")
    assert [str(r[0]) for r in rows] == []  # type: ignore[index]


def test_valid_example_passes_and_invalid_one_is_caught(graph_shapes: Graph) -> None:
    valid, invalid = (Graph().parse(data=HEAD + text, format="turtle") for text in EXAMPLES)
    assert validate_graph(valid, graph_shapes).results == []
    caught = validate_graph(invalid, graph_shapes).results
    assert [(r.focus, r.path, r.severity) for r in caught] == [
        ("https://example.org/it", f"{BAAP}supportsActionLine", "violation")
    ]


def _copy_without(store: KnowledgeStore, justification: str) -> ox.Store:
    """The dataset with one justification of graph curation left out (its link stays)."""
    copy = ox.Store()
    copy.extend(
        q for q in store.oxigraph if not (q.subject.value == justification
                                          and q.graph_name.value == f"{GRAPH}curation")
    )  # fmt: skip
    return copy


def test_a_curated_link_without_its_justification_is_a_violation(
    store: KnowledgeStore, settings: Settings
) -> None:
    """(Both engines agree on this defect: test_validation_engine injects one like it.)"""
    copy = _copy_without(store, f"{ID}justification/1-gen-1--contributesTo--4.4")
    report = validate_dataset(copy, shape_set(settings.shapes_dir), "turbo")
    assert not report.conforms
    assert [(r.shape, r.focus, r.path) for r in report.results] == [
        (SHAPE, f"{ID}activity/1-gen-1", f"{BAAP}contributesTo")
    ]


def test_the_built_curation_and_inferred_graphs_conform_alone(
    store: KnowledgeStore, settings: Settings
) -> None:
    report = validate_dataset(store.oxigraph, shape_set(settings.shapes_dir), "turbo")
    assert [r for r in report.results if r.shape == SHAPE] == []
    assert report.conforms
