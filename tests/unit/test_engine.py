"""Running jobs on a small store: datasets, formats, and the row cap (fast and slow paths)."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from service.engine import Job as EngineJob
from service.engine import Outcome, run_job
from service.errors import QuerySyntaxError
from service.writers import GRAPH_FORMATS, RESULTS_FORMATS

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
    with pytest.raises(QuerySyntaxError, match=r"line 1, column \d+") as raised:
        run(store, Job("SELECT * WHERE { ?s ?p }", "text/csv", 1))
    assert raised.value.extensions["line"] == 1


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


# --- byte cap, exact row counts, streaming graphs, the network refusal ------------------------


@pytest.mark.parametrize("media_type", sorted(RESULTS_FORMATS))
def test_solutions_past_the_byte_cap_are_cut_cleanly_and_marked(
    store: ox.Store, media_type: str
) -> None:
    query = "SELECT ?s ?o { ?s <http://example.org/p> ?o } ORDER BY ?s"
    full, _ = run(store, Job(query, media_type, 1000))
    cap = len(full) // 2
    data, outcome = run(store, Job(query, media_type, 1000, max_bytes=cap))
    assert outcome.truncated == "bytes"
    assert len(data) <= cap
    assert 0 < (outcome.rows or 0) < 10
    assert rows(data, media_type) == rows(full, media_type)[: outcome.rows]


def test_a_single_row_larger_than_the_cap_gives_an_empty_well_formed_result(
    store: ox.Store,
) -> None:
    query = (
        'SELECT (CONCAT("' + "x" * 5000 + '", STR(?o)) AS ?big) { ?s <http://example.org/p> ?o }'
    )
    data, outcome = run(store, Job(query, "application/sparql-results+json", 100, max_bytes=2000))
    assert outcome.truncated == "bytes"
    assert outcome.rows == 0
    assert rows(data, "application/sparql-results+json") == []


@pytest.mark.parametrize("media_type", ["text/csv", "text/tab-separated-values"])
def test_csv_and_tsv_exactly_at_the_row_cap_are_not_cut(store: ox.Store, media_type: str) -> None:
    """The header line is not a row: ten rows under a cap of ten pass on the fast path."""
    data, outcome = run(store, Job("SELECT ?s { ?s <http://example.org/n> ?o }", media_type, 10))
    assert outcome.truncated is None
    assert outcome.rows is None  # the fast path: Oxigraph wrote it, nobody counted
    assert len(data.splitlines()) == 11


@pytest.mark.parametrize("media_type", sorted(GRAPH_FORMATS))
def test_graph_results_past_the_byte_cap_are_cut_cleanly(store: ox.Store, media_type: str) -> None:
    query = "CONSTRUCT WHERE { ?s ?p ?o }"
    full, _ = run(store, Job(query, media_type, 1000))
    data, outcome = run(store, Job(query, media_type, 1000, max_bytes=len(full) // 2))
    assert outcome.truncated == "bytes"
    assert len(data) <= len(full) // 2
    assert len(list(ox.parse(data, format=GRAPH_FORMATS[media_type]))) == outcome.rows


def test_a_graph_result_exactly_at_the_row_cap_is_complete(store: ox.Store) -> None:
    data, outcome = run(
        store, Job("CONSTRUCT WHERE { ?s <http://example.org/n> ?o }", "application/n-triples", 10)
    )
    assert outcome.truncated is None
    assert outcome.rows == 10
    assert len(data.splitlines()) == 10


def test_turtle_results_declare_the_prefixes_given(store: ox.Store) -> None:
    data, _ = run(
        store,
        Job(
            "CONSTRUCT WHERE { ?s <http://example.org/n> ?o }",
            "text/turtle",
            100,
            prefixes=(("ex", EX),),
        ),
    )
    assert data.startswith(b"@prefix ex: <http://example.org/> .")
    assert b"ex:s1 ex:n" in data


def test_a_kind_the_client_does_not_accept_is_406_with_its_own_message(store: ox.Store) -> None:
    from service.engine import Job as EngineJob
    from service.errors import NotAcceptableError

    job = EngineJob("ASK {}", None, "text/turtle", 10, results_problem="only RDF here")
    with pytest.raises(NotAcceptableError, match="only RDF here"):
        run(store, job)


def test_a_refused_socket_is_reported_as_the_service_refusal() -> None:
    from service.engine import _engine_error
    from service.errors import ForbiddenQueryError

    assert isinstance(_engine_error(PermissionError("Permission denied (os error 13)"), "x"),
                      ForbiddenQueryError)  # fmt: skip
    assert not isinstance(_engine_error(OSError("disk full"), "x"), ForbiddenQueryError)


@pytest.fixture(scope="module")
def wide() -> ox.Store:
    """30 subjects with three objects of one predicate each (Turtle writes them on one line),
    some literals holding ` , ` (which Turtle's row bound counts as one more triple)."""
    store = ox.Store()
    for i in range(30):
        for j in range(3):
            text = f"a , b {i}-{j}" if i % 7 == 0 else f"v{i}-{j}"
            store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(text)))
    return store


@pytest.mark.parametrize("head", [1, 5, 2000])
@pytest.mark.parametrize("cap", [7, 45, 89, 90, 1000])
def test_turtle_is_one_document_whatever_part_oxigraph_writes_alone(
    wide: ox.Store, monkeypatch: pytest.MonkeyPatch, head: int, cap: int
) -> None:
    """The first triples carry the prefixes, the rest is Oxigraph's own writer: the document
    parses to the same triples as N-Triples, cut exactly at the row cap."""
    import service.engine

    monkeypatch.setattr(service.engine, "_PREFIXED_TRIPLES", head)
    query = "CONSTRUCT WHERE { ?s ?p ?o }"
    turtle, outcome = run(wide, Job(query, "text/turtle", cap, prefixes=(("ex", EX),)))
    lines, _ = run(wide, Job(query, "application/n-triples", cap))
    parsed = set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    assert len(parsed) == min(cap, 90)
    assert turtle.startswith(b"@prefix ex: <http://example.org/> .")
    if cap >= 90:
        assert outcome.truncated is None
        assert parsed == set(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES))
    else:
        assert outcome.truncated == "rows" and outcome.rows == cap
