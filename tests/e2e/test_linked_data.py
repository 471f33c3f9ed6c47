"""`/id/...` and `/context.jsonld` over HTTP: every format holds the graph's triples."""

from __future__ import annotations

import json
import random
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from pyld import jsonld

from service.store import KnowledgeStore
from tests.conftest import LiveServer

BASE = "https://w3id.org/baap/id/"
FORMATS = {
    "application/ld+json": None,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def sample_iris(store: KnowledgeStore, per_class: int = 3) -> list[str]:
    """A few IRIs of every class that has instances under the base (seeded, so repeatable)."""
    by_class: dict[str, list[str]] = {}
    for row in store.select("SELECT DISTINCT ?s ?c { ?s a ?c }"):
        if row["s"].startswith(BASE):
            by_class.setdefault(row["c"], []).append(row["s"])
    chooser = random.Random(7)  # noqa: S311  (a repeatable sample, not a secret)
    picked = set()
    for iris in by_class.values():
        picked.update(chooser.sample(sorted(iris), min(per_class, len(iris))))
    return sorted(picked)


def graph_triples(store: KnowledgeStore, iri: str) -> set[str]:
    """What the graph says with `iri` as subject, as N-Triples lines."""
    result = store.oxigraph.query(
        f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}", use_default_graph_as_union=True
    )
    return {str(t) for t in result}  # type: ignore[union-attr]


def in_graph(store: KnowledgeStore, triple: ox.Triple) -> bool:
    return any(
        True
        for _ in store.oxigraph.quads_for_pattern(
            triple.subject, triple.predicate, triple.object, None
        )
    )


def parse_response(live_server: LiveServer, body: bytes, media_type: str) -> set[ox.Triple]:
    if media_type == "application/ld+json":
        context = httpx.get(f"{live_server.url}/context.jsonld").json()

        def loader(url: str, options: Any = None) -> dict[str, Any]:
            return {"contextUrl": None, "documentUrl": url, "document": context}

        nquads = jsonld.to_rdf(
            json.loads(body), {"format": "application/n-quads", "documentLoader": loader}
        )
        return {q.triple for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}
    return {
        t if isinstance(t, ox.Triple) else t.triple
        for t in ox.parse(body, format=FORMATS[media_type])
    }


@pytest.mark.e2e
def test_every_format_holds_the_subjects_triples_and_only_true_triples(
    live_server: LiveServer, store: KnowledgeStore
) -> None:
    iris = sample_iris(store)
    assert len(iris) > 30
    with httpx.Client(base_url=live_server.url) as client:
        for iri in iris:
            expected = graph_triples(store, iri)
            answers = []
            for media_type in FORMATS:
                response = client.get("/id/" + iri[len(BASE) :], headers={"Accept": media_type})
                assert response.status_code == 200, (iri, media_type, response.text)
                assert response.headers["content-type"].split(";")[0] == media_type
                triples = parse_response(live_server, response.content, media_type)
                assert expected <= {str(t) for t in triples}, (iri, media_type)
                assert all(in_graph(store, t) for t in triples), (iri, media_type)
                answers.append({str(t) for t in triples})
            assert all(a == answers[0] for a in answers), iri  # the same triples in every format


@pytest.mark.e2e
def test_activity_json_ld_embeds_labels_and_notations_of_what_it_links_to(
    live_server: LiveServer,
) -> None:
    document = httpx.get(
        f"{live_server.url}/id/activity/1-ri-1", headers={"Accept": "application/ld+json"}
    ).json()
    assert document["type"] == "Activity"
    assert set(document["label"]) == {"en", "zh"}
    initiatives = document["regionalInitiative"]
    first = initiatives[0] if isinstance(initiatives, list) else initiatives
    assert first["notation"].startswith("AFR") and set(first["label"]) == {"en", "zh"}
    assert document["wasDerivedFrom"]["startLine"] > 0


@pytest.mark.e2e
def test_sdg_goals_are_described_at_id_sdg_with_owl_same_as(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.url}/id/sdg/5.b", headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200
    assert (
        "<https://w3id.org/baap/id/sdg/5.b> <http://www.w3.org/2002/07/owl#sameAs> "
        "<http://metadata.un.org/sdg/5.b> ." in response.text
    )
    assert (
        "<http://metadata.un.org/sdg/5.b> <http://www.w3.org/2004/02/skos/core#notation>"
        in response.text
    )


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("accept", "fmt", "expected"),
    [
        (None, None, "application/ld+json"),
        ("*/*", None, "application/ld+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, "text/html"),
        ("application/json", None, "application/ld+json"),
        ("text/turtle;q=0.5, application/rdf+xml", None, "application/rdf+xml"),
        ("text/html", "ttl", "text/turtle"),
        (None, "nt", "application/n-triples"),
    ],
)
def test_resource_negotiation(
    live_server: LiveServer, accept: str | None, fmt: str | None, expected: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    params = {"format": fmt} if fmt else {}
    response = httpx.get(f"{live_server.url}/id/region/AFR", headers=headers, params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected
    assert "Accept" in response.headers["vary"]


@pytest.mark.e2e
def test_unknown_iri_and_unacceptable_type_are_problems(live_server: LiveServer) -> None:
    missing = httpx.get(f"{live_server.url}/id/region/XYZ")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert "XYZ" in missing.json()["detail"]
    refused = httpx.get(f"{live_server.url}/id/region/AFR", headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "text/turtle" in refused.json()["detail"]
    bad = httpx.get(f"{live_server.url}/id/region/AFR", params={"format": "yaml"})
    assert bad.status_code == 400


@pytest.mark.e2e
def test_etag_gives_304_and_head_has_no_body(live_server: LiveServer) -> None:
    url = f"{live_server.url}/id/country/KEN"
    first = httpx.get(url, headers={"Accept": "text/turtle"})
    etag = first.headers["etag"]
    again = httpx.get(url, headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = httpx.get(url, headers={"Accept": "application/ld+json", "If-None-Match": etag})
    assert other.status_code == 200  # another representation, another tag
    head = httpx.head(url, headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(first.content)
    links = first.headers["link"]
    for media_type in ("text/turtle", "application/ld+json", "application/rdf+xml", "text/html"):
        assert f'type="{media_type}"' in links


@pytest.mark.e2e
def test_html_page_shows_both_titles_the_passage_and_incoming_links(
    live_server: LiveServer,
) -> None:
    page = httpx.get(f"{live_server.url}/id/activity/1-ri-1", headers={"Accept": "text/html"}).text
    assert 'lang="zh"' in page and "Source passage" in page
    assert 'href="/id/regional-initiative/' in page
    region = httpx.get(f"{live_server.url}/id/region/AFR", headers={"Accept": "text/html"}).text
    assert "Linked from" in region and 'href="/id/activity/' in region


@pytest.mark.e2e
def test_context_covers_every_ontology_term(live_server: LiveServer, store: KnowledgeStore) -> None:
    context = httpx.get(f"{live_server.url}/context.jsonld").json()["@context"]
    terms = {
        row["t"].rsplit("#", 1)[-1]
        for row in store.select(
            "SELECT ?t { ?t <http://www.w3.org/2000/01/rdf-schema#isDefinedBy> <https://w3id.org/baap/ontology> }"
        )
    }
    assert terms and terms <= set(context)
    assert context["label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert context["year"]["@type"] == "xsd:gYear"
    assert context["country"]["@type"] == "@id"


@pytest.mark.e2e
def test_the_context_has_an_immutable_versioned_address(live_server: LiveServer) -> None:
    current = httpx.get(f"{live_server.url}/context.jsonld")
    version = current.json()["dcterms:hasVersion"]
    assert f"/context/{version}.jsonld" in current.headers["link"]
    pinned = httpx.get(f"{live_server.url}/context/{version}.jsonld")
    assert pinned.status_code == 200 and pinned.json() == current.json()
    assert "immutable" in pinned.headers["cache-control"]
    assert httpx.get(f"{live_server.url}/context/0.0.0.jsonld").status_code == 404
