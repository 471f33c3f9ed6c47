"""The SPARQL 1.1 Protocol over real HTTP: the W3C query tests, then the protocol's details.

The W3C cases are read from the manifest (tests/fixtures/w3c-protocol/manifest.ttl) and sent
byte for byte as it says (method, path, headers, body in its character encoding) with
http.client, to `baap-kg serve --data tests/fixtures/w3c-protocol/dataset.trig`.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import httpx
import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection

from tests.e2e.conftest import W3C_DIR, Server

pytestmark = pytest.mark.e2e

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
MANIFEST = Namespace("http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#")
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DATA = "http://kasei.us/2009/09/sparql/data/"
G1, G2, G3 = f"{DATA}data1.rdf", f"{DATA}data2.rdf", f"{DATA}data3.rdf"

#: Every query test of the SPARQL 1.1 Protocol manifest (the update tests need a writable store).
QUERY_CASES = [
    "query_post_form",
    "query_dataset_default_graphs_get",
    "query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post",
    "query_dataset_named_graphs_get",
    "query_dataset_full",
    "query_multiple_dataset",
    "query_get",
    "query_content_type_select",
    "query_content_type_ask",
    "query_content_type_describe",
    "query_content_type_construct",
    "query_post_direct",
    "bad_query_method",
    "bad_multiple_queries",
    "bad_query_wrong_media_type",
    "bad_query_missing_form_type",
    "bad_query_missing_direct_type",
    "bad_query_non_utf8",
    "bad_query_syntax",
]
RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
#: Media types by the manifest's mf:expectedFormat, with the parser for each.
BOOLEAN_TYPES = {RESULTS_JSON: "json", RESULTS_XML: "xml"}
TABULAR_TYPES = {**BOOLEAN_TYPES, "text/csv": "csv", "text/tab-separated-values": "tsv"}
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclass(frozen=True)
class W3CCase:
    """One request of the manifest and what its response must be."""

    name: str
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status_classes: frozenset[int]  # 2, 3, 4
    expected_format: str | None  # boolean, tabular, RDF
    expected_boolean: bool | None


def _load_manifest() -> dict[str, W3CCase]:
    graph = Graph()
    graph.parse(W3C_DIR / "manifest.ttl", format="turtle")
    cases: dict[str, W3CCase] = {}
    for test in graph.subjects(RDF.type, MF.ProtocolTest):
        name = str(test).rsplit("#", 1)[1]
        action = graph.value(test, MF.action)
        requests = list(Collection(graph, graph.value(action, HT.requests)))
        if len(requests) != 1:
            continue  # the update tests: an update, then a query to check it
        request = requests[0]
        headers: list[tuple[str, str]] = []
        header_list = graph.value(request, HT.headers)
        if header_list is not None:
            for header in Collection(graph, header_list):
                headers.append(
                    (
                        str(graph.value(header, HT.fieldName)),
                        str(graph.value(header, HT.fieldValue)),
                    )
                )
        body_node = graph.value(request, HT.body)
        body = None
        if body_node is not None:
            encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
            body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
        response = graph.value(request, HT.resp)
        statuses = {str(s)[-3] for s in graph.objects(response, MF.expectedStatus)}
        expected_format = graph.value(response, MF.expectedFormat)
        expected_boolean = graph.value(response, MF.expectedBoolean)
        cases[name] = W3CCase(
            name=name,
            method=str(graph.value(request, HT.methodName)),
            path=str(graph.value(request, HT.absolutePath)),
            headers=tuple(headers),
            body=body,
            status_classes=frozenset(int(s) for s in statuses),
            expected_format=None if expected_format is None else str(expected_format),
            expected_boolean=None if expected_boolean is None else expected_boolean.toPython(),
        )
    return cases


W3C_CASES = _load_manifest()


def test_the_manifest_copy_holds_every_w3c_query_test() -> None:
    query_tests = {n for n in W3C_CASES if n.startswith(("query_", "bad_query", "bad_multiple_q"))}
    assert query_tests == set(QUERY_CASES)


def _send(server: Server, method: str, path: str, headers: dict[str, str], body: bytes | None):  # type: ignore[no-untyped-def]
    """One request exactly as given (http.client adds only Host and Content-Length)."""
    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body is not None or method in ("POST", "PUT", "PATCH"):
            connection.putheader("Content-Length", str(len(body or b"")))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _header(headers: dict[str, str], name: str) -> str:
    return next((v for k, v in headers.items() if k.lower() == name), "")


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _boolean(body: bytes, media_type: str) -> bool:
    result = ox.parse_query_results(body, RESULTS_FORMATS[BOOLEAN_TYPES[media_type]])
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


@pytest.mark.parametrize("name", QUERY_CASES)
def test_w3c_protocol_query_case(w3c_server: Server, name: str) -> None:
    """Each W3C SPARQL 1.1 Protocol query test: status class, content type class, answer."""
    case = W3C_CASES[name]
    status, headers, body = _send(w3c_server, case.method, case.path, dict(case.headers), case.body)
    assert status // 100 in case.status_classes, (status, body[:300])
    content_type = _media_type(_header(headers, "content-type"))
    if status >= 400:
        assert content_type == "application/problem+json"
        assert json.loads(body)["detail"]
    if case.expected_format == "boolean":
        assert content_type in BOOLEAN_TYPES
        answer = _boolean(body, content_type)
        if case.expected_boolean is not None:
            assert answer is case.expected_boolean
    elif case.expected_format == "tabular":
        assert content_type in TABULAR_TYPES
        solutions = ox.parse_query_results(body, RESULTS_FORMATS[TABULAR_TYPES[content_type]])
        assert isinstance(solutions, ox.QuerySolutions)
        assert [s["value"] for s in solutions] == [
            ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        ]
    elif case.expected_format == "RDF":
        assert content_type in RDF_TYPES
        triples = [q.triple for q in ox.parse(body, format=RDF_TYPES[content_type])]
        if "CONSTRUCT" in (case.body or b"").decode():
            # CONSTRUCT { <s> <p> 1 }: relative IRIs resolve against the endpoint's address.
            integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
            base = f"{w3c_server.url}/"
            expected = ox.Triple(
                ox.NamedNode(f"{base}s"),
                ox.NamedNode(f"{base}p"),
                ox.Literal("1", datatype=integer),
            )
            assert triples == [expected]
        else:
            assert triples == []  # nothing is known about <http://example.org/>


# --- the SPARQL 1.2 protocol additions, and what the W3C cases leave open ----------------------

ASK_BOTH = f"ASK {{ <{G1}> a ?type . <{G2}> a ?type . }}"
FORM = "application/x-www-form-urlencoded"


def _ask(response: httpx.Response) -> bool:
    assert response.status_code == 200, response.text
    media_type = _media_type(response.headers["content-type"])
    return _boolean(response.content, media_type)


def _select(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert _media_type(response.headers["content-type"]) == RESULTS_JSON
    result = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def _problem(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.text)
    assert _media_type(response.headers["content-type"]) == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["detail"]
    return str(problem["detail"])


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as shared:
        yield shared


@pytest.mark.parametrize("path", ["/sparql", "/sparql/"])
def test_query_by_get_post_form_and_post_direct_give_the_same_answer(
    w3c_server: Server, client: httpx.Client, path: str
) -> None:
    url = w3c_server.url + path
    query = "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s"
    expected = [{"s": G1}, {"s": G2}, {"s": G3}]  # the default graph is the union of the graphs
    assert _select(client.get(url, params={"query": query})) == expected
    assert _select(client.post(url, data={"query": query})) == expected
    direct = client.post(url, content=query, headers={"content-type": "application/sparql-query"})
    assert _select(direct) == expected


def test_post_form_dataset_in_the_body_builds_the_dataset(
    w3c_server: Server, client: httpx.Client
) -> None:
    """SPARQL 1.2 `query_post_form_dataset`: default-graph-uri and named-graph-uri in the form."""
    body = {"query": ASK_BOTH, "default-graph-uri": [G1, G2]}
    assert _ask(client.post(w3c_server.sparql, data=body)) is True
    assert _ask(client.post(w3c_server.sparql, data={**body, "default-graph-uri": G1})) is False
    named = "SELECT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    form = {"query": named, "named-graph-uri": [G2, G3]}
    assert _select(client.post(w3c_server.sparql, data=form)) == [{"g": G2}, {"g": G3}]


def test_dataset_may_be_split_between_url_and_form_body(
    w3c_server: Server, client: httpx.Client
) -> None:
    url = f"{w3c_server.sparql}?default-graph-uri={quote(G1, safe='')}"
    body = {"query": ASK_BOTH, "default-graph-uri": G2}
    assert _ask(client.post(url, data=body)) is True


def test_protocol_default_graph_overrides_from(w3c_server: Server, client: httpx.Client) -> None:
    query = f"SELECT ?s FROM <{G3}> WHERE {{ ?s ?p ?o }}"
    assert _select(client.get(w3c_server.sparql, params={"query": query})) == [{"s": G3}]
    params = {"query": query, "default-graph-uri": G1}
    assert _select(client.get(w3c_server.sparql, params=params)) == [{"s": G1}]


def test_protocol_named_graphs_override_from_named(
    w3c_server: Server, client: httpx.Client
) -> None:
    query = f"SELECT ?g FROM NAMED <{G3}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _select(client.get(w3c_server.sparql, params={"query": query})) == [{"g": G3}]
    params = {"query": query, "named-graph-uri": G1}
    assert _select(client.get(w3c_server.sparql, params=params)) == [{"g": G1}]


def test_only_default_graphs_given_leaves_no_named_graphs(
    w3c_server: Server, client: httpx.Client
) -> None:
    params = {"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "default-graph-uri": G1}
    assert _ask(client.get(w3c_server.sparql, params=params)) is False


@pytest.mark.parametrize("name", ["query", "update", "format", "timeout"])
def test_a_parameter_repeated_with_different_values_is_refused(
    w3c_server: Server, client: httpx.Client, name: str
) -> None:
    value, other = {
        "query": ("ASK {}", "SELECT * {}"),
        "update": ("CLEAR ALL", "CLEAR DEFAULT"),
        "format": ("json", "xml"),
        "timeout": ("5", "6"),
    }[name]
    params = [(name, value), (name, other)]
    if name not in ("query", "update"):
        params.append(("query", "ASK {}"))
    assert name in _problem(client.get(w3c_server.sparql, params=params), 400)
    form = "&".join(f"{k}={quote(v)}" for k, v in params)
    response = client.post(w3c_server.sparql, content=form, headers={"content-type": FORM})
    assert name in _problem(response, 400)


def test_repeated_query_in_form_body_is_refused(w3c_server: Server, client: httpx.Client) -> None:
    """SPARQL 1.2 `bad_multiple_queries_form`."""
    body = "query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D"
    response = client.post(w3c_server.sparql, content=body, headers={"content-type": FORM})
    assert "query" in _problem(response, 400)


def test_query_in_both_url_and_form_body_is_refused(
    w3c_server: Server, client: httpx.Client
) -> None:
    response = client.post(f"{w3c_server.sparql}?query=ASK%7B%7D", data={"query": "ASK {}"})
    _problem(response, 400)


def test_query_and_update_together_are_refused(w3c_server: Server, client: httpx.Client) -> None:
    params = {"query": "ASK {}", "update": "CLEAR ALL"}
    assert client.get(w3c_server.sparql, params=params).status_code // 100 == 4


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/json",
        "multipart/form-data; boundary=x",
        "application/sparql-results+json",
    ],
)
def test_post_of_an_unsupported_content_type_is_415(
    w3c_server: Server, client: httpx.Client, content_type: str
) -> None:
    response = client.post(
        w3c_server.sparql, content=b"ASK {}", headers={"content-type": content_type}
    )
    detail = _problem(response, 415)
    assert "application/sparql-query" in detail and FORM in detail


def test_post_without_content_type_is_415(w3c_server: Server, client: httpx.Client) -> None:
    response = client.post(w3c_server.sparql, content=b"query=ASK%20%7B%7D")
    assert "Content-Type" in _problem(response, 415)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/sparql", "/sparql/"])
def test_other_methods_are_405_with_allow(
    w3c_server: Server, client: httpx.Client, method: str, path: str
) -> None:
    response = client.request(method, f"{w3c_server.url}{path}?query=ASK%7B%7D")
    _problem(response, 405)
    allowed = {m.strip() for m in response.headers["allow"].split(",")}
    assert {"GET", "POST"} <= allowed
    assert method not in allowed


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/sparql-query", "ASK {}".encode("utf-16")),
        ("application/sparql-query", b'ASK { ?s ?p "caf\xe9" }'),  # Latin-1
        (FORM, b"query=ASK%20%7B%20?s%20?p%20%22caf\xe9%22%20%7D"),
        (FORM, b"query=ASK%20%7B%20?s%20?p%20%22caf%E9%22%20%7D"),  # %-encoded Latin-1
    ],
)
def test_a_body_that_is_not_utf8_is_400(
    w3c_server: Server, client: httpx.Client, content_type: str, body: bytes
) -> None:
    response = client.post(w3c_server.sparql, content=body, headers={"content-type": content_type})
    assert "UTF-8" in _problem(response, 400)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/sparql-query; charset=UTF-16",
        f"{FORM}; charset=utf-16",
        "application/sparql-query; charset=ISO-8859-1",
    ],
)
def test_a_charset_other_than_utf8_is_400(
    w3c_server: Server, client: httpx.Client, content_type: str
) -> None:
    response = client.post(
        w3c_server.sparql, content=b"ASK {}", headers={"content-type": content_type}
    )
    assert "UTF-8" in _problem(response, 400)


def test_an_explicit_utf8_charset_is_accepted(w3c_server: Server, client: httpx.Client) -> None:
    headers = {"content-type": 'application/sparql-query; charset="UTF-8"'}
    assert _ask(client.post(w3c_server.sparql, content="ASK {}", headers=headers)) is True


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p }",
        "ASK {",
        "SELEC * {}",
        "SELECT ?x WHERE { ?x <http://e/p> ?y } ORDER",
        "SELECT * WHERE { ?s skos:prefLabel ?o }",
        "SELECT * WHERE {\n  ?s ?p ?o\n  FILTER(?o > 3\n}",
    ],
)
def test_a_syntax_error_is_400_in_words_with_the_parsers_position(
    w3c_server: Server, client: httpx.Client, query: str
) -> None:
    """The position is the parser's, given in words and as `line`/`column` members, with the
    query's line and a caret under the spot; never the parser's character classes."""
    with pytest.raises(SyntaxError) as parsed:
        ox.Store().query(query)
    line, column = (int(n) for n in str(parsed.value).split(" ")[2].rstrip(":").split(":"))
    response = client.get(w3c_server.sparql, params={"query": query})
    detail = _problem(response, 400)
    assert f"line {line}, column {column}" in detail
    assert response.json()["line"] == line and response.json()["column"] == column
    assert "\n  " + query.splitlines()[line - 1] in detail and "^" in detail
    assert "\\u{" not in detail and "[_]" not in detail and "..=" not in detail


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("SELECT * WHERE { ?s skos:prefLabel ?o }",
         "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"),
        ("SELECT * WHERE { ?a baap:region ?r }", "PREFIX baap: <https://w3id.org/baap/ontology#>"),
        ("SELECT * WHERE { ?a nope:x ?r }", "the prefix 'nope:' is not declared"),
        ("SELEC * WHERE { ?s ?p ?o }", "did you mean SELECT?"),
        ("SELECT * WHERE { ?s ?p ?o } LIMT 5", "did you mean LIMIT?"),
        ("SELECT * WHERE { ?s ?p ?o ", "a '}' is missing"),
        ("SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?p", "GROUP BY"),
    ],
)  # fmt: skip
def test_common_mistakes_are_explained(
    w3c_server: Server, client: httpx.Client, query: str, words: str
) -> None:
    detail = _problem(client.get(w3c_server.sparql, params={"query": query}), 400)
    assert words in detail


def test_get_with_a_body_is_400(w3c_server: Server, client: httpx.Client) -> None:
    """SPARQL 1.2 `bad_query_get_with_body`."""
    response = client.request("GET", f"{w3c_server.sparql}?query=ASK%7B%7D", content=b"ASK {}")
    assert "body" in _problem(response, 400)


# --- the service description --------------------------------------------------------------------


def _description(
    server: Server, client: httpx.Client, path: str = "/sparql", **headers: str
) -> Graph:
    response = client.get(server.url + path, headers=headers)
    assert response.status_code == 200, response.text
    media_type = _media_type(response.headers["content-type"])
    triples = ox.parse(response.content, format=RDF_TYPES[media_type])
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_QUADS), format="nt")
    return graph


@pytest.mark.parametrize(
    "accept",
    ["", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"],
)
def test_no_query_returns_the_service_description(
    w3c_server: Server, client: httpx.Client, accept: str
) -> None:
    graph = _description(w3c_server, client, **({"accept": accept} if accept else {}))
    sd = Namespace(SD)
    void = Namespace(VOID)
    (service,) = graph.subjects(RDF.type, sd.Service)
    assert graph.value(service, sd.endpoint) == URIRef(w3c_server.sparql)
    assert sd.SPARQL11Query in set(graph.objects(service, sd.supportedLanguage))
    assert sd.SPARQL11Update not in set(graph.objects(service, sd.supportedLanguage))
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, sd.resultFormat)}
    assert {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
        "N-Quads",
        "TriG",
    } <= formats
    assert sd.UnionDefaultGraph in set(graph.objects(service, sd.feature))
    assert sd.BasicFederatedQuery not in set(graph.objects(service, sd.feature))
    dataset = graph.value(service, sd.defaultDataset)
    assert dataset is not None
    assert graph.value(dataset, void.triples).toPython() == 3  # type: ignore[union-attr]
    named = {}
    for entry in graph.objects(dataset, sd.namedGraph):
        count = graph.value(graph.value(entry, sd.graph), void.triples)
        named[str(graph.value(entry, sd.name))] = count.toPython()  # type: ignore[union-attr]
    assert named == {G1: 1, G2: 1, G3: 1}


def test_service_description_on_the_trailing_slash_path(
    w3c_server: Server, client: httpx.Client
) -> None:
    graph = _description(w3c_server, client, "/sparql/")
    assert (None, URIRef(SD + "endpoint"), None) in graph
    assert not isinstance(next(graph.subjects(RDF.type, URIRef(SD + "Service"))), BNode)


def test_head_answers_the_headers_of_get_without_a_body(
    w3c_server: Server, client: httpx.Client
) -> None:
    for url in (f"{w3c_server.sparql}?query=ASK%7B%7D", w3c_server.sparql):
        get, head = client.get(url), client.head(url)
        assert head.status_code == get.status_code == 200
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert int(head.headers["content-length"]) == len(get.content)


@pytest.mark.parametrize("path", ["/sparql", "/sparql/"])
def test_options_lists_the_allowed_methods(
    w3c_server: Server, client: httpx.Client, path: str
) -> None:
    response = client.options(w3c_server.url + path)
    assert response.status_code in (200, 204)
    assert {"GET", "POST", "OPTIONS"} <= {m.strip() for m in response.headers["allow"].split(",")}


# --- updates are refused -------------------------------------------------------------------------

INSERT = f"INSERT DATA {{ GRAPH <{G1}> {{ <{G1}> <http://e/p> 1 }} }}"


def test_update_by_sparql_update_body_is_403(w3c_server: Server, client: httpx.Client) -> None:
    response = client.post(
        w3c_server.sparql, content=INSERT, headers={"content-type": "application/sparql-update"}
    )
    assert "writes are not enabled" in _problem(response, 403)


def test_update_by_form_parameter_is_403(w3c_server: Server, client: httpx.Client) -> None:
    response = client.post(w3c_server.sparql, data={"update": INSERT})
    assert "writes are not enabled" in _problem(response, 403)


@pytest.mark.parametrize(
    "text",
    [
        INSERT,
        "CLEAR ALL",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX e: <http://e/> INSERT DATA { e:a e:b e:c }",
    ],
)
def test_update_sent_as_query_is_403(w3c_server: Server, client: httpx.Client, text: str) -> None:
    assert "writes are not enabled" in _problem(
        client.post(w3c_server.sparql, data={"query": text}), 403
    )
    assert "writes are not enabled" in _problem(
        client.get(w3c_server.sparql, params={"query": text}), 403
    )


def test_update_by_get_is_refused(w3c_server: Server, client: httpx.Client) -> None:
    """W3C `bad_update_get`: 4xx."""
    response = client.get(w3c_server.sparql, params={"update": "CLEAR ALL"})
    assert response.status_code // 100 == 4


def test_refused_updates_changed_nothing(w3c_server: Server, client: httpx.Client) -> None:
    client.post(w3c_server.sparql, data={"update": "DROP ALL"})
    client.post(
        w3c_server.sparql,
        content="CLEAR ALL",
        headers={"content-type": "application/sparql-update"},
    )
    assert _select(
        client.get(w3c_server.sparql, params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    ) == [{"n": "3"}]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("update", "LOAD <http://127.0.0.1:9/data.ttl>"),
        ("update", "load silent <http://127.0.0.1:9/d> into graph <http://g/>"),
        ("query", "LOAD <http://127.0.0.1:9/data.ttl>"),
    ],
)
def test_load_is_400(w3c_server: Server, client: httpx.Client, field: str, text: str) -> None:
    assert "LOAD" in _problem(client.post(w3c_server.sparql, data={field: text}), 400)


def test_load_as_sparql_update_body_is_400(w3c_server: Server, client: httpx.Client) -> None:
    response = client.post(
        w3c_server.sparql,
        content="LOAD <http://127.0.0.1:9/data.ttl>",
        headers={"content-type": "application/sparql-update"},
    )
    assert "LOAD" in _problem(response, 400)
