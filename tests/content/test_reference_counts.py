"""The reference vocabularies hold what issue #3 promises, counted over the RDF files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from service.config import PROJECT_ROOT

PREFIXES = """
PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def files_graph() -> Graph:
    """Every Turtle file under ontology/ and data/, parsed into one graph."""
    graph = Graph()
    for folder in ("ontology", "data"):
        for path in sorted(Path(PROJECT_ROOT, folder).rglob("*.ttl")):
            graph.parse(path, format="turtle")
    return graph


def count(graph: Graph, where: str) -> int:
    rows = list(graph.query(PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0])  # type: ignore[index]


def bilingual(cls: str) -> str:
    return f"?x a {cls} ; rdfs:label ?en , ?zh . FILTER(lang(?en) = 'en' && lang(?zh) = 'zh')"


@pytest.mark.parametrize(
    ("what", "where", "expected"),
    [
        ("regions", bilingual("baap:Region"), 6),
        ("regional initiatives", bilingual("baap:RegionalInitiative"), 30),
        ("thematic priorities", bilingual("baap:ThematicPriority"), 10),
        ("strategic initiatives", bilingual("baap:StrategicInitiative"), 3),
        ("study groups", bilingual("baap:StudyGroup"), 2),
        ("Questions with a study group", "?x a baap:Question ; baap:studyGroup ?g", 14),
        ("WSIS action lines", bilingual("baap:WSISActionLine"), 19),
        (
            "C7 e-applications",
            "?x a baap:WSISActionLine ; skos:broader "
            "<https://w3id.org/baap/id/wsis-action-line/C7>",
            8,
        ),
        ("SDG goals", bilingual("sdgo:Goal"), 17),
        ("SDG targets under a goal", "?x a sdgo:Target ; skos:broader ?g . ?g a sdgo:Goal", 169),
    ],
)
def test_reference_entity_counts(files_graph: Graph, what: str, where: str, expected: int) -> None:
    assert count(files_graph, where) == expected, what


def test_every_regional_initiative_has_one_region_and_a_code(files_graph: Graph) -> None:
    rows = files_graph.query(
        PREFIXES
        + """
        SELECT ?ri (COUNT(DISTINCT ?r) AS ?regions) (SAMPLE(?code) AS ?c) WHERE {
          ?ri a baap:RegionalInitiative ; skos:notation ?code .
          OPTIONAL { ?ri baap:region ?r }
        } GROUP BY ?ri"""
    )
    codes = set()
    for ri, regions, code in rows:  # type: ignore[misc]
        assert int(regions) == 1, ri
        codes.add(str(code))
    expected = {
        f"{region}{n}" for region in ("AFR", "AMS", "ARB", "ASP", "CIS", "EUR") for n in range(1, 6)
    }
    assert codes == expected


def test_at_least_150_countries_with_iso3_and_both_labels(files_graph: Graph) -> None:
    n = count(
        files_graph,
        bilingual("baap:Country") + " ?x skos:notation ?iso . "
        "FILTER(regex(str(?iso), '^[A-Z]{3}$'))",
    )
    assert n >= 150
