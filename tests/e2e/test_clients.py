"""The clients people already use, as they come: SPARQLWrapper with its defaults for every return
format (GET and POST), rdflib's SPARQLStore, and pyld expanding a resource with our context."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.e2e.conftest import EX, Server

pytestmark = pytest.mark.e2e

SELECT = f"SELECT ?o WHERE {{ <{EX}a> <{EX}q> ?o }}"
CONSTRUCT = f"CONSTRUCT {{ <{EX}a> <{EX}q> ?o }} WHERE {{ <{EX}a> <{EX}q> ?o }}"


def _wrapper(server: Server, query: str, fmt: str, method: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_results_format(
    formats_server: Server, fmt: str, method: str
) -> None:
    response = _wrapper(formats_server, SELECT, fmt, method).query()
    result: Any = response.convert()
    if fmt == JSON:
        assert [b["o"]["value"] for b in result["results"]["bindings"]] == [f"{EX}b"]
    elif fmt == XML:
        assert f"{EX}b" in result.toxml()
    else:
        text = result.decode() if isinstance(result, bytes) else result
        assert f"{EX}b" in text
    content_type = response.response.headers["content-type"].split(";")[0]
    expected = {
        JSON: "application/sparql-results+json",
        XML: "application/sparql-results+xml",
        CSV: "text/csv",
        TSV: "text/tab-separated-values",
    }[fmt]
    assert content_type == expected


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [RDFXML, TURTLE, N3, JSONLD, XML])
def test_sparqlwrapper_construct_in_every_rdf_format(
    formats_server: Server, fmt: str, method: str
) -> None:
    with warnings.catch_warnings():
        # SPARQLWrapper's own notes on formats, and rdflib's on the ConjunctiveGraph it uses
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        result: Any = _wrapper(formats_server, CONSTRUCT, fmt, method).query().convert()
    if isinstance(result, Graph):
        graph = result
    else:
        graph = Graph()
        data = result.decode() if isinstance(result, bytes) else result
        graph.parse(data=data, format={JSONLD: "json-ld"}.get(fmt, "turtle"))
    assert set(graph.objects(URIRef(f"{EX}a"), URIRef(f"{EX}q"))) == {URIRef(f"{EX}b")}


@pytest.fixture
def sparql_store(formats_server: Server) -> Iterator[Graph]:
    store = SPARQLStore(formats_server.sparql, returnFormat="json")
    graph = Graph(store=store)
    try:
        yield graph
    finally:
        store.close()


def test_rdflib_sparqlstore_queries_and_reads_triples(sparql_store: Graph) -> None:
    rows = list(sparql_store.query(SELECT))
    assert [str(row[0]) for row in rows] == [f"{EX}b"]
    triples = set(sparql_store.triples((URIRef(f"{EX}a"), URIRef(f"{EX}q"), None)))
    assert (URIRef(f"{EX}a"), URIRef(f"{EX}q"), URIRef(f"{EX}b")) in triples
    assert sparql_store.query(f"ASK {{ <{EX}a> ?p ?o }}").askAnswer is True


def test_pyld_expands_a_resource_with_the_served_context(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from pyld import jsonld

    from tests.e2e.conftest import running_server

    with (
        running_server(tmp_path_factory, "pyld", [], {}) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):

        def loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
            path = url.split("://", 1)[-1].split("/", 1)[-1]
            response = client.get("/" + path, headers={"accept": "application/ld+json"})
            response.raise_for_status()
            return {"contextUrl": None, "documentUrl": url, "document": response.json()}

        document = client.get(
            "/id/regional-initiative/AFR1", headers={"accept": "application/ld+json"}
        ).json()
        context = document["@context"]
        if isinstance(context, str) and context.startswith("/"):
            document["@context"] = server.url + context
        expanded = jsonld.expand(document, {"documentLoader": loader})
    (node,) = [n for n in expanded if n.get("@id", "").endswith("regional-initiative/AFR1")]
    assert "https://w3id.org/baap/ontology#region" in node
