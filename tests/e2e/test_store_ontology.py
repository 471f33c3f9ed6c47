"""The Graph Store Protocol's read side at /store, the ontology document at /ontology, and the VoID
partitions of the service description, against a real server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from service.namespaces import GRAPH_NAMES, graph_iri
from tests.e2e.conftest import Server, running_server

pytestmark = pytest.mark.e2e

RDF = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory, "store", [], {}) as running:
        yield running


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=60) as shared:
        yield shared


def _count(client: httpx.Client, server: Server, where: str) -> int:
    response = client.get(
        server.sparql,
        params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"},
        headers={"accept": "application/sparql-results+json"},
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _parse(response: httpx.Response) -> list[ox.Quad | ox.Triple]:
    media_type = response.headers["content-type"].split(";")[0]
    return list(ox.parse(response.content, format=RDF[media_type]))


@pytest.mark.parametrize("name", [n for n in GRAPH_NAMES if n != "inferred"])
@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/rdf+xml"])
def test_a_named_graph_holds_exactly_its_sparql_count(
    server: Server, client: httpx.Client, name: str, accept: str
) -> None:
    iri = graph_iri(name)
    response = client.get(f"{server.url}/store", params={"graph": iri}, headers={"accept": accept})
    assert response.status_code == 200, response.text[:300]
    assert len(set(_parse(response))) == _count(client, server, f"GRAPH <{iri}> {{ ?s ?p ?o }}")


def test_the_default_graph_is_the_union(server: Server, client: httpx.Client) -> None:
    response = client.get(
        f"{server.url}/store?default", headers={"accept": "application/n-triples"}
    )
    assert response.status_code == 200
    # a triple in two graphs is one triple of the union
    distinct = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert len(set(_parse(response))) == _count(client, server, distinct)


@pytest.mark.parametrize("accept", ["application/n-quads", "application/trig", ""])
def test_without_parameters_the_whole_dataset_with_its_graph_names(
    server: Server, client: httpx.Client, accept: str
) -> None:
    response = client.get(f"{server.url}/store", headers={"accept": accept} if accept else {})
    assert response.status_code == 200
    quads = _parse(response)
    assert all(isinstance(q, ox.Quad) for q in quads)
    total = _count(client, server, "GRAPH ?g { ?s ?p ?o }")
    assert len(set(quads)) == total
    assert {q.graph_name.value for q in quads if isinstance(q, ox.Quad)} <= {
        graph_iri(n) for n in GRAPH_NAMES
    }


def test_an_unknown_graph_is_404_and_a_malformed_one_400(
    server: Server, client: httpx.Client
) -> None:
    missing = client.get(f"{server.url}/store", params={"graph": "http://example.org/none"})
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert client.get(f"{server.url}/store", params={"graph": "not an iri"}).status_code == 400
    both = client.get(f"{server.url}/store?default&graph={graph_iri('report')}")
    assert both.status_code == 400


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_writing_methods_are_405_while_read_only(
    server: Server, client: httpx.Client, method: str
) -> None:
    response = client.request(method, f"{server.url}/store?default", content=b"")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


def test_head_has_the_headers_and_no_body(server: Server, client: httpx.Client) -> None:
    response = client.head(f"{server.url}/store", params={"graph": graph_iri("ontology")})
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


# --- /ontology --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "format_param", "media_type"),
    [
        ("text/turtle", None, "text/turtle"),
        ("application/ld+json", None, "application/ld+json"),
        ("application/rdf+xml", None, "application/rdf+xml"),
        (None, "ttl", "text/turtle"),
        (None, "jsonld", "application/ld+json"),
        (None, None, "text/turtle"),
    ],
)
def test_the_ontology_in_rdf_is_the_ontology_graph(
    server: Server,
    client: httpx.Client,
    accept: str | None,
    format_param: str | None,
    media_type: str,
) -> None:
    response = client.get(
        f"{server.url}/ontology",
        params={"format": format_param} if format_param else {},
        headers={"accept": accept} if accept else {},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    triples = set(_parse(response))
    iri = graph_iri("ontology")
    assert len(triples) == _count(client, server, f"GRAPH <{iri}> {{ ?s ?p ?o }}")
    subjects = {t.subject.value for t in triples}
    assert "https://w3id.org/baap/ontology#Activity" in subjects


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_ontology_page_lists_every_term_in_both_languages(
    server: Server, client: httpx.Client, lang: str
) -> None:
    response = client.get(
        f"{server.url}/ontology", params={"lang": lang}, headers={"accept": "text/html"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'id="Activity"' in page and 'id="regionalInitiative"' in page
    assert ("活动" if lang == "zh" else "Activity") in page
    classes = _count(
        client,
        server,
        f"GRAPH <{graph_iri('ontology')}> {{ ?c a <http://www.w3.org/2002/07/owl#Class> }}",
    )
    assert page.count('class="term card"') >= classes


# --- VoID partitions --------------------------------------------------------------------------


def test_the_service_description_has_class_and_property_partitions(
    server: Server, client: httpx.Client
) -> None:
    response = client.get(server.sparql, headers={"accept": "application/n-triples"})
    triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    void = "http://rdfs.org/ns/void#"

    def values(subject: ox.NamedNode | ox.BlankNode, predicate: str) -> list[str]:
        return [
            t.object.value for t in triples if t.subject == subject and t.predicate.value == predicate
        ]

    class_parts = [t.object for t in triples if t.predicate.value == f"{void}classPartition"]
    property_parts = [t.object for t in triples if t.predicate.value == f"{void}propertyPartition"]
    by_class = {values(p, f"{void}class")[0]: int(values(p, f"{void}entities")[0]) for p in class_parts}  # type: ignore[arg-type]
    by_property = {values(p, f"{void}property")[0]: int(values(p, f"{void}triples")[0]) for p in property_parts}  # type: ignore[arg-type]
    activity = "https://w3id.org/baap/ontology#Activity"
    assert by_class[activity] == _count(
        client, server, f"SELECT DISTINCT ?a WHERE {{ ?a a <{activity}> }}".join(["{", "}"])
    )
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    assert by_property[label] == _count(client, server, f"?s <{label}> ?o")
