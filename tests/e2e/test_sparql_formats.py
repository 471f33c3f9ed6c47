"""Result formats and content negotiation over real HTTP.

Every body is parsed in the format its Content-Type declares (pyoxigraph) and compared with the
answer pyoxigraph gives for the same data in-process.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
RESULTS = {
    JSON: ox.QueryResultsFormat.JSON,
    XML: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}
TURTLE = "text/turtle"
GRAPHS = {
    TURTLE: ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
ASK_TRUE = "ASK { ?s ?p 42 }"
ASK_FALSE = "ASK { ?s ?p 43 }"
CONSTRUCT = "CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o FILTER(!isLiteral(?o)) }"
CONSTRUCT_ALL = "CONSTRUCT WHERE { ?s ?p ?o }"
DESCRIBE = "DESCRIBE <http://example.org/a>"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as shared:
        yield shared


@pytest.fixture(scope="module")
def reference(formats_data: Path) -> ox.Store:
    """The same data, loaded in-process: the source of the expected answers."""
    store = ox.Store()
    store.load(path=str(formats_data), format=ox.RdfFormat.TRIG)
    return store


def _media_type(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, lexical: bool) -> object:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:"  # blank node labels are the server's choice
    if lexical:
        return term.value
    return term


def _rows(solutions: ox.QuerySolutions, lexical: bool = False) -> list[tuple[object, ...]]:
    names = [v.value for v in solutions.variables]
    return sorted((tuple(_term(s[n], lexical) for n in names) for s in solutions), key=repr)


def _csv_rows(body: bytes) -> list[tuple[object, ...]]:
    """SPARQL 1.1 CSV results (RFC 4180; pyoxigraph does not read this lossy format)."""
    header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert all(len(row) == len(header) for row in rows)
    return sorted(
        (tuple("_:" if c.startswith("_:") else (c or None) for c in row) for row in rows),
        key=repr,
    )


def _check_body(body: bytes, media_type: str) -> None:
    """The body parses in `media_type`."""
    if media_type == CSV:
        _csv_rows(body)
    elif media_type in RESULTS:
        ox.parse_query_results(body, RESULTS[media_type])
    else:
        ox.parse(body, format=GRAPHS[media_type])


def _expected_rows(store: ox.Store, query: str, lexical: bool = False) -> list[tuple[object, ...]]:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return _rows(result, lexical)


def _graph(data: bytes, fmt: ox.RdfFormat) -> Graph:
    quads = ox.parse(data, format=fmt)
    graph = Graph()
    graph.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nt")
    return graph


def _expected_graph(store: ox.Store, query: str) -> Graph:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryTriples)
    return _graph(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES), ox.RdfFormat.N_TRIPLES)


@pytest.mark.parametrize("media_type", list(RESULTS))
def test_select_in_each_results_format_holds_the_right_solutions(
    formats_server: Server, client: httpx.Client, reference: ox.Store, media_type: str
) -> None:
    response = client.get(
        formats_server.sparql, params={"query": SELECT}, headers={"accept": media_type}
    )
    assert response.status_code == 200, response.text
    assert _media_type(response) == media_type
    if media_type == CSV:  # CSV keeps only the lexical form of each term
        assert response.content.startswith(b"s,p,o\r\n")
        assert _csv_rows(response.content) == _expected_rows(reference, SELECT, lexical=True)
    else:
        parsed = ox.parse_query_results(response.content, RESULTS[media_type])
        assert isinstance(parsed, ox.QuerySolutions)
        assert _rows(parsed) == _expected_rows(reference, SELECT)
    assert len(_expected_rows(reference, SELECT)) == 11


@pytest.mark.parametrize("media_type", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize(("query", "answer"), [(ASK_TRUE, True), (ASK_FALSE, False)])
def test_ask_in_each_results_format_holds_the_right_boolean(
    formats_server: Server, client: httpx.Client, media_type: str, query: str, answer: bool
) -> None:
    response = client.get(
        formats_server.sparql, params={"query": query}, headers={"accept": media_type}
    )
    assert response.status_code == 200, response.text
    assert _media_type(response) == media_type
    if media_type == CSV:
        assert response.content.strip() == (b"true" if answer else b"false")
    else:
        parsed = ox.parse_query_results(response.content, RESULTS[media_type])
        assert isinstance(parsed, ox.QueryBoolean)
        assert bool(parsed) is answer


@pytest.mark.parametrize("media_type", list(GRAPHS))
@pytest.mark.parametrize("query", [CONSTRUCT, CONSTRUCT_ALL, DESCRIBE])
def test_construct_and_describe_in_each_rdf_format_hold_the_right_triples(
    formats_server: Server,
    client: httpx.Client,
    reference: ox.Store,
    media_type: str,
    query: str,
) -> None:
    response = client.get(
        formats_server.sparql, params={"query": query}, headers={"accept": media_type}
    )
    assert response.status_code == 200, response.text
    assert _media_type(response) == media_type
    served = _graph(response.content, GRAPHS[media_type])
    expected = _expected_graph(reference, query)
    assert len(expected) > 0
    assert isomorphic(served, expected)


@pytest.mark.parametrize(
    ("query", "accept", "served"),
    [
        # defaults
        (SELECT, None, JSON),
        (SELECT, "*/*", JSON),
        (ASK_TRUE, None, JSON),
        (CONSTRUCT, None, TURTLE),
        (CONSTRUCT, "*/*", TURTLE),
        (DESCRIBE, None, TURTLE),
        # plain choices, any case, with parameters
        (SELECT, XML, XML),
        (SELECT, "Application/SPARQL-Results+XML", XML),
        (SELECT, "text/csv; charset=utf-8", CSV),
        (SELECT, TSV, TSV),
        (SELECT, "application/json", JSON),
        (SELECT, "application/xml", XML),
        (ASK_TRUE, "text/xml", XML),
        (CONSTRUCT, "application/rdf+xml", "application/rdf+xml"),
        (CONSTRUCT, "application/json", "application/ld+json"),
        (CONSTRUCT, "text/plain", "application/n-triples"),
        (CONSTRUCT, "application/x-turtle", TURTLE),
        (DESCRIBE, "application/n-quads", "application/n-quads"),
        # q-values decide
        (SELECT, f"{CSV};q=0.5, {XML};q=0.9", XML),
        (SELECT, f"{CSV};q=0.9, {XML};q=0.5", CSV),
        (SELECT, f"{JSON};q=0, */*;q=0.1", XML),
        (SELECT, "text/turtle, */*;q=0.1", JSON),
        (SELECT, "text/*;q=0.2, application/sparql-results+xml;q=0.1", CSV),
        (CONSTRUCT, "application/*;q=0.8, text/turtle;q=0.9", TURTLE),
        (CONSTRUCT, "text/turtle;q=0.1, application/ld+json", "application/ld+json"),
        (
            CONSTRUCT,
            "application/rdf+xml;q=0.5, application/n-triples;q=0.6",
            "application/n-triples",
        ),
        # a browser's Accept
        (SELECT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", XML),
        (
            CONSTRUCT,
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/rdf+xml",
        ),
    ],
)
def test_accept_header_negotiation(
    formats_server: Server, client: httpx.Client, query: str, accept: str | None, served: str
) -> None:
    headers = {"accept": accept} if accept is not None else {}
    response = client.get(formats_server.sparql, params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    assert _media_type(response) == served
    _check_body(response.content, served)
    assert "accept" in response.headers.get("vary", "").lower()


@pytest.mark.parametrize(
    ("query", "accept", "offered"),
    [
        (SELECT, "text/turtle", JSON),
        (SELECT, "image/png", CSV),
        (SELECT, f"{JSON};q=0, {XML};q=0, {CSV};q=0, {TSV};q=0", TSV),
        (ASK_TRUE, "application/rdf+xml", XML),
        (CONSTRUCT, JSON, TURTLE),
        (CONSTRUCT, "text/csv", "application/n-triples"),
        (DESCRIBE, "image/*", "application/ld+json"),
    ],
)
def test_nothing_acceptable_is_406_naming_what_is_offered(
    formats_server: Server, client: httpx.Client, query: str, accept: str, offered: str
) -> None:
    response = client.get(
        formats_server.sparql, params={"query": query}, headers={"accept": accept}
    )
    assert response.status_code == 406, response.text
    assert _media_type(response) == "application/problem+json"
    assert offered in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "fmt", "accept", "served"),
    [
        (SELECT, "xml", CSV, XML),
        (SELECT, "csv", JSON, CSV),
        (SELECT, "tsv", None, TSV),
        (SELECT, "json", XML, JSON),
        (SELECT, XML, JSON, XML),
        (ASK_TRUE, "xml", JSON, XML),
        (CONSTRUCT, "nt", TURTLE, "application/n-triples"),
        (CONSTRUCT, "jsonld", TURTLE, "application/ld+json"),
        (CONSTRUCT, "json", TURTLE, "application/ld+json"),
        (CONSTRUCT, "xml", TURTLE, "application/rdf+xml"),
        (CONSTRUCT, "trig", TURTLE, "application/trig"),
        (DESCRIBE, "application/rdf+xml", TURTLE, "application/rdf+xml"),
    ],
)
def test_format_parameter_overrides_accept(
    formats_server: Server,
    client: httpx.Client,
    query: str,
    fmt: str,
    accept: str | None,
    served: str,
) -> None:
    headers = {"accept": accept} if accept else {}
    params = {"query": query, "format": fmt}
    for response in (
        client.get(formats_server.sparql, params=params, headers=headers),
        client.post(formats_server.sparql, data=params, headers=headers),
    ):
        assert response.status_code == 200, response.text
        assert _media_type(response) == served
        _check_body(response.content, served)


@pytest.mark.parametrize(
    ("query", "fmt", "status"),
    [(SELECT, "turtle", 406), (CONSTRUCT, "csv", 406), (SELECT, "no-such-format", 400)],
)
def test_a_format_parameter_that_does_not_fit_is_refused(
    formats_server: Server, client: httpx.Client, query: str, fmt: str, status: int
) -> None:
    response = client.get(formats_server.sparql, params={"query": query, "format": fmt})
    assert response.status_code == status, response.text
    assert _media_type(response) == "application/problem+json"
    assert response.json()["detail"]


def test_text_formats_declare_utf8(formats_server: Server, client: httpx.Client) -> None:
    for accept, query in ((CSV, SELECT), (TSV, SELECT), (TURTLE, CONSTRUCT)):
        response = client.get(
            formats_server.sparql, params={"query": query}, headers={"accept": accept}
        )
        assert "charset=utf-8" in response.headers["content-type"].replace(" ", "").lower()
        response.content.decode("utf-8")
