"""shapes/: well-formed SHACL, and the whole dataset conforms to it."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from pyshacl import validate
from rdflib import Graph

from service.config import Settings
from service.validation import ValidationReport, load_shapes


@pytest.fixture(scope="module")
def shapes(settings: Settings) -> Graph:
    return load_shapes(settings.shapes_dir)


def test_shapes_graph_conforms_to_shacl_shacl(shapes: Graph) -> None:
    shacl_shacl = Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl")
    conforms, _, text = validate(shapes, shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_every_shape_has_a_name_and_a_message(shapes: Graph) -> None:
    rows = shapes.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?shape WHERE {
          { ?shape a sh:NodeShape } UNION { ?x sh:property ?shape } UNION { ?shape a sh:PropertyShape }
          FILTER NOT EXISTS { ?shape sh:name ?n . ?shape sh:message ?m }
          FILTER NOT EXISTS { ?parent sh:or/rdf:rest*/rdf:first ?shape }
        }""")
    assert [str(r[0]) for r in rows] == []  # type: ignore[index]


def test_dataset_has_no_violations(pyshacl_dataset_report: ValidationReport) -> None:
    violations = [r for r in pyshacl_dataset_report.results if r.severity == "violation"]
    assert violations == []
