"""Running jobs on a small store: datasets, formats, and the row cap (fast and slow paths)."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from service.engine import GRAPH_FORMATS, RESULTS_FORMATS, Outcome, run_job
from service.engine import Job as EngineJob
from service.errors import QuerySyntaxError

EX = "http://example.org/"
G1, G2 = f"{EX}g1", f"{EX}g2"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for i in range(10):
        subject = ox.NamedNode(f"{EX}s{i}")
        store.add(
            ox.Quad(
                subject,
                ox.NamedNode(f"{EX}p"),
                ox.Literal('v},{"' + str(i) + "\n"),
                ox.NamedNode(G1),
            )
        )
        store.add(ox.Quad(subject, ox.NamedNode(f"{EX}n"), ox.Literal(i), ox.NamedNode(G2)))
    store.add(
        ox.Quad(
            ox.NamedNode(f"{EX}d"), ox.NamedNode(f"{EX}p"), ox.Literal("default", language="en")
        )
    )
    return store


def Job(  # noqa: N802  (reads like the dataclass it builds)
    query: str, media_type: str, max_rows: int, **options: object
) -> EngineJob:
    """A job answering in `media_type` whichever its kind (results or graph)."""
    return EngineJob(
        query,
        media_type if media_type in RESULTS_FORMATS else None,
        media_type if media_type in GRAPH_FORMATS else None,
        max_rows,
        **options,  # type: ignore[arg-type]
    )


def run(store: ox.Store, job: EngineJob) -> tuple[bytes, Outcome]:
    out = io.BytesIO()

    def reset() -> None:
        out.seek(0)
        out.truncate()

    outcome = run_job(store, job, out.write, reset)
    return out.getvalue(), outcome


def rows(data: bytes, media_type: str) -> list[dict[str, str]]:
    if media_type == "text/csv":  # lossy: compare the lexical values
        return list(csv.DictReader(io.StringIO(data.decode(), newline="")))
    parsed = ox.parse_query_results(data, format=RESULTS_FORMATS[media_type])
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    return [{n: str(s[n]) for n in names if s[n] is not None} for s in parsed]


def test_default_graph_is_the_union_of_all_graphs(store: ox.Store) -> None:
    data, _ = run(store, Job("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "text/csv", 100))
    assert data.splitlines()[1] == b"21"


def test_protocol_dataset_replaces_the_union_and_from(store: ox.Store) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{G2}> {{ ?s ?p ?o }}"
    data, _ = run(store, Job(query, "text/csv", 100, default_graphs=(G1,), named_graphs=()))
    assert data.splitlines()[1] == b"10"
    named_only = Job(
        "ASK { ?s ?p ?o }",
        "application/sparql-results+json",
        100,
        default_graphs=(),
        named_graphs=(G1,),
    )
    assert b"false" in run(store, named_only)[0]


def test_from_clause_is_honoured_without_a_protocol_dataset(store: ox.Store) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{G2}> {{ ?s ?p ?o }}"
    data, _ = run(store, Job(query, "text/csv", 100))
    assert data.splitlines()[1] == b"10"


@pytest.mark.parametrize("media_type", sorted(RESULTS_FORMATS))
def test_results_under_the_cap_are_not_marked_truncated(store: ox.Store, media_type: str) -> None:
    data, outcome = run(store, Job("SELECT ?s ?o { ?s <http://example.org/p> ?o }", media_type, 11))
    assert not outcome.truncated
    assert len(rows(data, media_type)) == 11


@pytest.mark.parametrize("media_type", sorted(RESULTS_FORMATS))
def test_results_over_the_cap_are_cut_cleanly_and_marked(store: ox.Store, media_type: str) -> None:
    query = "SELECT ?s ?o { ?s <http://example.org/p> ?o } ORDER BY ?s"
    data, outcome = run(store, Job(query, media_type, 4))
    assert outcome == Outcome(media_type, rows=4, truncated="rows")
    full, _ = run(store, Job(query, media_type, 1000))
    assert rows(data, media_type) == rows(full, media_type)[:4]


def test_a_result_exactly_at_the_cap_is_complete(store: ox.Store) -> None:
    data, outcome = run(
        store,
        Job("SELECT ?s { ?s <http://example.org/n> ?o }", "application/sparql-results+json", 10),
    )
    assert not outcome.truncated
    assert len(rows(data, "application/sparql-results+json")) == 10


@pytest.mark.parametrize("media_type", sorted(GRAPH_FORMATS))
def test_construct_results_parse_in_every_rdf_format(store: ox.Store, media_type: str) -> None:
    data, outcome = run(
        store, Job("CONSTRUCT WHERE { ?s <http://example.org/n> ?o }", media_type, 4)
    )
    assert outcome == Outcome(media_type, rows=4, truncated="rows")
    parsed = list(ox.parse(data, format=GRAPH_FORMATS[media_type]))
    assert len(parsed) == 4


def test_ask_answers_in_json_and_xml(store: ox.Store) -> None:
    assert (
        run(store, Job("ASK {}", "application/sparql-results+json", 1))[0]
        == b'{"head":{},"boolean":true}'
    )
    assert (
        b"<boolean>true</boolean>"
        in run(store, Job("ASK {}", "application/sparql-results+xml", 1))[0]
    )


def test_syntax_errors_carry_the_parser_position(store: ox.Store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"1:\d+"):
        run(store, Job("SELECT * WHERE { ?s ?p }", "text/csv", 1))


def test_relative_iris_resolve_against_the_endpoint(store: ox.Store) -> None:
    data, _ = run(
        store,
        Job(
            "CONSTRUCT { <s> <p> 1 } WHERE {}",
            "application/n-triples",
            10,
            base_iri="http://h/sparql",
        ),
    )
    assert data.startswith(b"<http://h/s> <http://h/p>")
