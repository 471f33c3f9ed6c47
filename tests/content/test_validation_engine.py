"""The fast SHACL engine (pyshacl-turbo) reports what pySHACL reports, on the real data and on a
copy with injected defects; the injected defects carry the severity the shapes give them."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from service.candidates import validate_candidate
from service.config import Settings
from service.errors import RequestError, UnsupportedMediaTypeError
from service.store import KnowledgeStore
from service.validation import (
    Engine,
    ValidationReport,
    shape_set,
    validate_dataset,
    validate_store,
)
from service.views import Views

BAAP = "https://w3id.org/baap/ontology#"
ID = "https://w3id.org/baap/id/"
GRAPH = "https://w3id.org/baap/graph/"
PREFIXES = f"""
PREFIX baap: <{BAAP}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
"""


@dataclass(frozen=True)
class Injected:
    """The data with defects, and the results each defect must produce."""

    dataset: ox.Store
    #: (focus, severity, shape) that must be reported
    expected: list[tuple[str, str, str]]


def _first(store: ox.Store, query: str) -> str:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        value = row[0]
        assert value is not None
        return value.value
    raise AssertionError(f"no row for {query}")


def inject_defects(source: ox.Store) -> Injected:
    """A copy of `source` with six defects: an activity without a thematic priority, a regional
    initiative with two regions, an activity label with no @zh, an activity with no SDG link, a
    curated link's justification without its confidence, a curated link without justification."""
    dataset = ox.Store()
    dataset.extend(source)
    no_priority = _first(
        dataset,
        """SELECT ?a WHERE { ?a a baap:Activity ; baap:thematicPriority ?t ; rdfs:label ?l .
           FILTER NOT EXISTS { ?a baap:strategicInitiative ?s } } ORDER BY ?a LIMIT 1""",
    )
    initiative = _first(
        dataset,
        """SELECT ?ri WHERE { ?ri a baap:RegionalInitiative ; baap:region ?r } ORDER BY ?ri LIMIT 1""",
    )
    other_region = _first(
        dataset,
        f"""SELECT ?r WHERE {{ ?r a baap:Region FILTER NOT EXISTS {{ <{initiative}> baap:region ?r }} }}
            ORDER BY ?r LIMIT 1""",
    )
    no_zh = _first(
        dataset,
        f"""SELECT ?a WHERE {{ ?a a baap:Activity ; rdfs:label ?l FILTER(lang(?l) = "zh")
            FILTER(?a != <{no_priority}>) }} ORDER BY DESC(?a) LIMIT 1""",
    )
    no_sdg = _first(
        dataset,
        f"""SELECT ?a WHERE {{ ?a a baap:Activity ; baap:contributesTo ?s
            FILTER(?a != <{no_priority}> && ?a != <{no_zh}>) }} ORDER BY ?a LIMIT 1""",
    )
    unsure = _first(
        dataset,
        """SELECT ?j WHERE { ?j baap:basis "curation" ; baap:confidence ?c } ORDER BY ?j LIMIT 1""",
    )
    unjustified, subject = (
        _first(
            dataset,
            f"""SELECT ?{v} WHERE {{ ?j baap:basis "curation" ; baap:justifiesSubject ?s
                                 FILTER(?j != <{unsure}>) }} ORDER BY DESC(?j) LIMIT 1""",
        )
        for v in ("j", "s")
    )
    dataset.update(
        PREFIXES
        + f"""
        DELETE WHERE {{ GRAPH ?g {{ <{unsure}> baap:confidence ?c }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ <{unjustified}> ?p ?o }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ <{no_priority}> baap:thematicPriority ?t }} }} ;
        INSERT DATA {{ GRAPH <{GRAPH}reference> {{ <{initiative}> baap:region <{other_region}> }} }} ;
        DELETE {{ GRAPH ?g {{ <{no_zh}> rdfs:label ?l }} }}
          WHERE {{ GRAPH ?g {{ <{no_zh}> rdfs:label ?l }} FILTER(lang(?l) = "zh") }} ;
        DELETE WHERE {{ GRAPH ?g {{ <{no_sdg}> baap:contributesTo ?s }} }}
        """
    )
    shapes = "https://w3id.org/baap/shapes#"
    return Injected(
        dataset,
        [
            (no_priority, "violation", f"{shapes}ActivityShape"),
            (initiative, "violation", f"{shapes}RegionalInitiativeShape / region"),
            (no_zh, "violation", f"{shapes}BilingualLabel"),
            (no_sdg, "warning", f"{shapes}ActivityCompletenessShape / SDG link"),
            (unsure, "violation", f"{shapes}CuratedLinkJustificationShape"),
            (subject, "violation", f"{shapes}JustifiedLinksShape"),
        ],
    )


def _keys(report: ValidationReport) -> set[tuple[str, str, str, str]]:
    return {row.key() for row in report.results}


@pytest.fixture(scope="module")
def injected(store: KnowledgeStore) -> Injected:
    return inject_defects(store.oxigraph)


def test_turbo_equals_pyshacl_on_the_real_data(
    store: KnowledgeStore, settings: Settings, pyshacl_dataset_report: ValidationReport
) -> None:
    turbo = validate_dataset(store.oxigraph, shape_set(settings.shapes_dir), "turbo")
    reference = pyshacl_dataset_report
    assert turbo.conforms == reference.conforms
    assert _keys(turbo) == _keys(reference)
    assert turbo.counts() == reference.counts()


ENGINES: tuple[Engine, ...] = ("turbo", "pyshacl")


@pytest.fixture(scope="module")
def injected_reports(injected: Injected, settings: Settings) -> dict[str, ValidationReport]:
    """Each engine's report on the injected defects, made once (pyshacl takes about 20 s)."""
    shapes = shape_set(settings.shapes_dir)
    return {engine: validate_dataset(injected.dataset, shapes, engine) for engine in ENGINES}


def test_turbo_equals_pyshacl_on_injected_defects(
    injected_reports: dict[str, ValidationReport],
) -> None:
    turbo, reference = injected_reports["turbo"], injected_reports["pyshacl"]
    assert not turbo.conforms and not reference.conforms
    assert _keys(turbo) == _keys(reference)
    assert [(r.focus_class, r.message) for r in turbo.results] == [
        (r.focus_class, r.message) for r in reference.results
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_injected_defects_appear_with_their_severity(
    injected: Injected, injected_reports: dict[str, ValidationReport], engine: Engine
) -> None:
    report = injected_reports[engine]
    found = {(r.focus, r.severity, r.shape) for r in report.results}
    for defect in injected.expected:
        assert defect in found, f"{defect} not reported; got {sorted(found)}"


def test_real_data_report_counts_match_the_results(
    store: KnowledgeStore, settings: Settings
) -> None:
    report = validate_store(store, settings.shapes_dir)
    counts = report.counts()
    assert counts["violations"] + counts["warnings"] + counts["infos"] == len(report.results)
    assert counts["conforms"] == (counts["violations"] == 0)


def test_store_report_is_kept_with_the_views_of_the_data(
    store: KnowledgeStore, settings: Settings
) -> None:
    views = Views(store, settings)
    first = views.validation()
    assert views.validation() is first  # a server validates its dataset once
    fresh = Views(store, settings).validation()  # nothing shared through module globals
    assert fresh is not first and fresh.counts() == first.counts()


def test_candidate_is_validated_with_the_reference_graph(
    store: KnowledgeStore, settings: Settings
) -> None:
    candidate = f"""
    @prefix baap: <{BAAP}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix prov: <http://www.w3.org/ns/prov#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <{ID}activity/candidate-1> a baap:Activity ;
        rdfs:label "A candidate"@en ;
        baap:regionalInitiative <{ID}regional-initiative/AFR1> ;
        baap:year "2020"^^xsd:gYear ;
        prov:wasDerivedFrom <{ID}passage/candidate-1> .
    <{ID}passage/candidate-1> a baap:SourcePassage ; baap:startLine 3 ; baap:endLine 2 ;
        baap:section "8" ; baap:text "候选"@zh .
    """
    before = len(store)
    report = validate_candidate(store, settings.shapes_dir, candidate.encode(), "text/turtle")
    assert len(store) == before
    found = {(r.focus, r.severity, r.shape) for r in report.results}
    shapes = "https://w3id.org/baap/shapes#"
    assert (f"{ID}activity/candidate-1", "violation", f"{shapes}ActivityShape") in found
    assert (f"{ID}activity/candidate-1", "violation", f"{shapes}BilingualLabel") in found
    assert any(
        r.focus == f"{ID}passage/candidate-1" and r.severity == "violation" for r in report.results
    )
    # The RI it names is found in the reference graph: no class violation for it.
    assert not any(r.path == f"{BAAP}regionalInitiative" for r in report.results)


@pytest.mark.parametrize(
    ("body", "media_type"),
    [
        (b"<a> <b> ", "text/turtle"),
        (b'{"@id": ', "application/ld+json"),
        (b"<http://a> <http://b> .", "application/n-triples"),
        (
            b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description></rdf:RDF>",
            "application/rdf+xml",
        ),
    ],
)
def test_malformed_candidate_is_a_request_error(
    store: KnowledgeStore, settings: Settings, body: bytes, media_type: str
) -> None:
    with pytest.raises(RequestError) as caught:
        validate_candidate(store, settings.shapes_dir, body, media_type)
    assert "does not parse" in caught.value.message


def test_candidate_with_xml_entities_is_refused(store: KnowledgeStore, settings: Settings) -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://x/s"><rdf:value>&b;</rdf:value></rdf:Description></rdf:RDF>"""
    with pytest.raises(RequestError) as caught:
        validate_candidate(store, settings.shapes_dir, bomb, "application/rdf+xml")
    assert "ENTITY" in caught.value.message


def test_unknown_candidate_type_is_unsupported(store: KnowledgeStore, settings: Settings) -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        validate_candidate(store, settings.shapes_dir, b"x", "text/csv")
