"""The synthetic bench graph: deterministic, N copies of the activity-level graphs, distinct IRIs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from service.bench import data

ID = "https://w3id.org/baap/id/"
G = "https://w3id.org/baap/graph/"
B = "https://w3id.org/baap/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"

SAMPLE = f"""\
<{ID}activity/a1> {RDF_TYPE} <{B}Activity> <{G}report> .
<{ID}activity/a1> <{B}region> <{ID}region/AFR> <{G}report> .
<{ID}activity/a1> <http://www.w3.org/ns/prov#wasDerivedFrom> <{ID}passage/p1> <{G}report> .
<{ID}activity/a1/figure/1> <{B}value> "5"^^<http://www.w3.org/2001/XMLSchema#integer> <{G}report> .
<{ID}activity/a1> <{B}metric> <{ID}activity/a1/figure/1> <{G}report> .
<{ID}activity/a1> <{B}note> _:n1 <{G}report> .
_:n1 {LABEL} "a note" <{G}report> .
<{ID}passage/p1> <{B}text> "says \\"<{ID}activity/a1>\\" \\\\ ok" <{G}report> .
<{ID}activity/a2> {RDF_TYPE} <{B}Activity> <{G}report> .
<{ID}activity/a2> {LABEL} "second"@en <{G}curation> .
<{ID}activity/a2> <{B}contributesTo> <http://metadata.un.org/sdg/5> <{G}derived> .
<{ID}activity/a2> <{B}contributesTo> <http://metadata.un.org/sdg/5.b> <{G}inferred> .
<{ID}region/AFR> {LABEL} "Africa"@en <{G}reference> .
<{ID}region/AFR> {RDF_TYPE} <{B}Region> <{G}reference> .
<{ID}thematic-priority/x> <{B}sdg> <http://metadata.un.org/sdg/5> <{G}mapping> .
<https://w3id.org/baap/ontology> {RDF_TYPE} <http://www.w3.org/2002/07/owl#Ontology> <{G}ontology> .
"""
ACTIVITY_QUADS = 12
SHARED_QUADS = 4


def _store(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.N_QUADS)
    return store


def _synthetic(scale: int, source: str = SAMPLE) -> str:
    shared, copies = data.synthesize(source, scale)
    return shared + "".join(copies)


def test_sample_parses_and_kinds_are_the_activity_level_ones() -> None:
    assert len(_store(SAMPLE)) == ACTIVITY_QUADS + SHARED_QUADS
    assert data.activity_kinds(SAMPLE.splitlines()) == {"activity", "passage"}


def test_deterministic_whatever_the_input_order() -> None:
    shuffled = "".join(reversed(SAMPLE.splitlines(keepends=True)))
    assert _synthetic(3) == _synthetic(3) == _synthetic(3, shuffled)


@pytest.mark.parametrize("scale", [1, 3])
def test_size_is_scale_times_the_activity_graphs_plus_one_shared_copy(scale: int) -> None:
    store = _store(_synthetic(scale))
    assert len(store) == SHARED_QUADS + scale * ACTIVITY_QUADS
    per_graph: dict[str, int] = {}
    for quad in store:
        name = quad.graph_name.value.removeprefix(G)
        per_graph[name] = per_graph.get(name, 0) + 1
    original = {
        "report": 9, "curation": 1, "derived": 1, "inferred": 1, "reference": 2, "mapping": 1
    }
    for name, count in original.items():
        factor = scale if name in ("report", "curation", "derived", "inferred") else 1
        assert per_graph[name] == factor * count, name


def test_copies_are_distinct_and_copy_zero_is_the_real_data() -> None:
    store = _store(_synthetic(3))
    activities = {
        r["a"].value
        for r in store.query(f"SELECT ?a WHERE {{ GRAPH ?g {{ ?a a <{B}Activity> }} }}")
    }
    assert activities == {
        f"{ID}activity/a1",
        f"{ID}activity/a2",
        f"{ID}activity/a1-copy1",
        f"{ID}activity/a2-copy1",
        f"{ID}activity/a1-copy2",
        f"{ID}activity/a2-copy2",
    }
    # every copy links to its own passage and figure, and to the one shared region
    rows = list(
        store.query(
            f"SELECT ?a ?p ?r ?f WHERE {{ GRAPH ?g {{ ?a <http://www.w3.org/ns/prov#wasDerivedFrom> ?p ;"
            f" <{B}region> ?r ; <{B}metric> ?f ; <{B}note> ?n }} }}"
        )
    )
    assert len(rows) == 3
    assert {r["r"].value for r in rows} == {f"{ID}region/AFR"}
    assert len({r["p"].value for r in rows}) == len({r["f"].value for r in rows}) == 3
    assert f"{ID}activity/a1/figure/1-copy2" in {r["f"].value for r in rows}
    # literals are never rewritten, even when they quote an IRI
    texts = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(f"{B}text"), None)}
    assert texts == {f'says "<{ID}activity/a1>" \\ ok'}
    # blank nodes of different copies are different nodes
    notes = set(store.quads_for_pattern(None, ox.NamedNode(f"{B}note"), None))
    assert len({q.object for q in notes}) == 3


def test_write_synthetic_counts_what_it_writes(tmp_path: Path) -> None:
    source = tmp_path / "real.nq"
    source.write_text(SAMPLE, encoding="utf-8")
    made = data.write_synthetic(source, 4, tmp_path / "synthetic.nq")
    store = ox.Store()
    store.load(path=made.path, format=ox.RdfFormat.N_QUADS)
    assert made.quads == len(store) == SHARED_QUADS + 4 * ACTIVITY_QUADS


def test_scale_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        data.synthesize(SAMPLE, 0)
