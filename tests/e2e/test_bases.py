"""Every basis end to end (CONTRACT v2): the built data has report, curation, inferred and derived
links; a copy whose `inferred` graph holds only two links a test method read (written by the
build's own writer) shows the fourth basis on one known activity. Checked in the audit JSON, the `/api/` filters, the `/id/` documents
(JSON-LD, Turtle, HTML) and the SDG pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import pytest
from pyld import jsonld

from service.config import Settings
from service.extract.justifications import JustifiedLink, Method, justified_graph
from service.namespaces import BAAP
from service.rdfio import to_turtle
from service.reference import entity, sdg_iri
from service.store import KnowledgeStore
from tests.conftest import LiveServer, start_server, stop_server

ID = "https://w3id.org/baap/id/"
GRAPH = "https://w3id.org/baap/graph/"
ACTIVITY = "1-gen-1"
METHOD = Method("test-method", "0.1")
#: Two links a method "read" from 1-gen-1's text (55 is its line).
INFERRED = [
    JustifiedLink(ACTIVITY, BAAP.contributesTo, sdg_iri("4.4"), "4.4", "inferred",
                  "能力开发活动、课程和讲习班", 55, score=Decimal("0.912"), method=METHOD),
    JustifiedLink(ACTIVITY, BAAP.supportsActionLine, entity("wsis-action-line/C3"), "C3",
                  "inferred", "国际电联学院门户网站", 55, score=Decimal("0.431"), method=METHOD),
]  # fmt: skip


@pytest.fixture(scope="module")
def with_inferred(store: KnowledgeStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built dataset with graph `inferred` holding only the two links, as N-Quads."""
    copy = ox.Store()
    copy.extend(store.oxigraph)
    copy.clear_graph(ox.NamedNode(f"{GRAPH}inferred"))
    turtle = to_turtle(justified_graph(INFERRED, stated=set()))
    copy.load(turtle, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"{GRAPH}inferred"))
    path = tmp_path_factory.mktemp("bases") / "with-inferred.nq"
    copy.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path


@pytest.fixture(scope="module")
def server(settings: Settings, with_inferred: Path) -> Iterator[LiveServer]:
    live = start_server(
        Settings(_env_file=None, data_files=(str(with_inferred),))  # type: ignore[call-arg]
    )
    try:
        yield live
    finally:
        stop_server(live)


def _ids(client: httpx.Client, **params: str) -> set[str]:
    """The keys of every activity `/api/activities` gives for `params` (following next)."""
    found: set[str] = set()
    url: str | None = "/api/activities?" + urlencode({**params, "perPage": "200"})
    while url:
        body = client.get(url).json()
        found |= {m["id"].removeprefix(f"{ID}activity/") for m in body["member"]}
        url = body["view"].get("next")
    return found


def _nodes(value: object) -> Iterator[dict[str, object]]:
    """Every node object in a JSON-LD value, embedded ones included."""
    if isinstance(value, dict):
        if "id" in value:
            yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


# ---------------------------------------------------------------- the built data


@pytest.mark.e2e
def test_built_data_has_four_graphs_of_links(live_server: LiveServer) -> None:
    health = httpx.get(f"{live_server.url}/health").json()
    assert all(health["graphs"][f"{GRAPH}{g}"] > 0 for g in ("report", "curation", "derived"))
    assert health["graphs"][f"{GRAPH}inferred"] > 0
    description = httpx.get(f"{live_server.url}/sparql", headers={"Accept": "text/turtle"}).text
    assert re.search(rf"sd:name (<{GRAPH}inferred>|graph:inferred)", description)
    coverage = httpx.get(f"{live_server.url}/audit").json()["coverage"]
    assert coverage["sdgTarget"]["report"] == 1  # 9.c at line 940, the only target it names
    assert coverage["sdgTarget"]["curation"] == 902
    # the method reads SDG targets and WSIS lines only
    assert coverage["sdgTarget"]["inferred"] > 0 and coverage["wsisActionLine"]["inferred"] > 0
    assert coverage["question"]["inferred"] == coverage["country"]["inferred"] == 0


INFERRED_LINKS = """
PREFIX baap: <https://w3id.org/baap/ontology#>
SELECT ?a ?p ?o ?why ?score ?evidence ?line ?method ?version ?elsewhere WHERE {
  GRAPH <https://w3id.org/baap/graph/inferred> {
    ?a ?p ?o .
    OPTIONAL {
      ?why baap:justifiesSubject ?a ; baap:justifiesProperty ?p ; baap:justifiesObject ?o ;
           baap:basis "inferred" ; baap:score ?score ; baap:evidence ?evidence ;
           baap:startLine ?line ; <http://www.w3.org/ns/prov#wasGeneratedBy> ?method .
      ?method <http://purl.org/dc/terms/hasVersion> ?version .
    }
  }
  ?a a baap:Activity .
  OPTIONAL { GRAPH ?elsewhere { ?a ?p ?o }
             FILTER(?elsewhere IN (<https://w3id.org/baap/graph/report>,
                                   <https://w3id.org/baap/graph/curation>)) }
}"""


@pytest.mark.e2e
def test_every_built_inferred_link_is_justified_and_states_nothing_already_stated(
    store: KnowledgeStore,
) -> None:
    rows = store.select(INFERRED_LINKS)
    assert len(rows) == 24 + 25  # SDG targets, WSIS lines: those a curation pass also gave
    for row in rows:
        assert row.get("why") and row.get("method") and row.get("version"), row
        assert 0 < float(row["score"]) <= 1 and int(row["line"]) > 0 and row["evidence"], row
        assert row.get("elsewhere") is None, row  # a stated link keeps its stronger basis
    assert {row["p"].rsplit("#", 1)[-1] for row in rows} == {"contributesTo", "supportsActionLine"}


@pytest.mark.e2e
def test_the_four_bases_in_an_activity_document(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        turtle = client.get(f"/id/activity/{ACTIVITY}", headers={"Accept": "text/turtle"}).text
        page = client.get(f"/id/activity/{ACTIVITY}", headers={"Accept": "text/html"}).text
        document = client.get(
            f"/id/activity/{ACTIVITY}", headers={"Accept": "application/ld+json"}
        ).json()
    assert "<http://metadata.un.org/sdg/4.4>: curation, derived" in turtle
    assert "<http://metadata.un.org/sdg/5.b>: derived" in turtle
    assert "thematic-priority/capacity-development>: report" in turtle
    graphs = {g["id"]: g["@graph"][0] for g in document["@included"] if "@graph" in g}
    assert set(graphs) == {f"{GRAPH}{b}" for b in ("report", "curation", "derived")}
    assert "http://metadata.un.org/sdg/4.4" in graphs[f"{GRAPH}curation"]["contributesTo"]
    (why,) = [
        n for n in document["@included"] if n["id"].endswith(f"{ACTIVITY}--contributesTo--4.4")
    ]
    assert (why["basis"], why["confidence"], why["startLine"]) == ("curation", "high", 55)
    assert why["evidence"]["@value"] == "能力开发活动、课程和讲习班"
    assert re.search(r'class="basis curation"[^>]*>curation<', page)
    assert re.search(r'class="basis derived"[^>]*>derived<', page)
    assert "能力开发活动、课程和讲习班" in page and "line 55" in page


FOUR_BASES = """
PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?a ?start WHERE {
  GRAPH <https://w3id.org/baap/graph/inferred> { ?a baap:supportsActionLine ?line }
  GRAPH <https://w3id.org/baap/graph/curation> { ?a baap:contributesTo ?target }
  GRAPH <https://w3id.org/baap/graph/derived> { ?a baap:contributesTo ?implied }
  GRAPH <https://w3id.org/baap/graph/report> { ?a baap:thematicPriority ?priority }
  ?a prov:wasDerivedFrom/baap:startLine ?start
} ORDER BY ?a LIMIT 1"""


@pytest.mark.e2e
def test_a_built_activity_with_links_of_all_four_bases_justifies_its_inferred_ones(
    store: KnowledgeStore, live_server: LiveServer
) -> None:
    (row,) = store.select(FOUR_BASES)
    key = row["a"].removeprefix(f"{ID}activity/")
    document = httpx.get(
        f"{live_server.url}/id/activity/{key}", headers={"Accept": "application/ld+json"}
    ).json()
    graphs = {g["id"]: g["@graph"][0] for g in document["@included"] if "@graph" in g}
    assert set(graphs) == {f"{GRAPH}{b}" for b in ("report", "curation", "inferred", "derived")}
    nodes = {n["id"]: n for n in _nodes(document["@included"]) if len(n) > 1}
    assert graphs[f"{GRAPH}inferred"]["supportsActionLine"]
    for prop, objects in graphs[f"{GRAPH}inferred"].items():
        for obj in (objects if isinstance(objects, list) else [objects]) if prop != "id" else ():
            notation = str(obj).rsplit("/", 1)[-1]
            why = nodes[f"{ID}justification/{key}--{prop}--{notation}"]
            assert why["basis"] == "inferred" and why["score"]
            assert why["startLine"] == int(row["start"])
            # the method's link stands because a curation pass also gave it, and says which
            assert "also given by curation passes" in str(why["comment"])
            assert "sdg_wsis_" in str(why["source"])


# ---------------------------------------------------------------- with inferred links


@pytest.mark.e2e
def test_audit_counts_the_inferred_basis(server: LiveServer, live_server: LiveServer) -> None:
    coverage = httpx.get(f"{server.url}/audit").json()["coverage"]
    built = httpx.get(f"{live_server.url}/audit").json()["coverage"]
    assert coverage["sdgTarget"]["inferred"] == coverage["wsisActionLine"]["inferred"] == 1
    for dimension in ("sdgTarget", "wsisActionLine"):
        for basis in ("report", "curation", "stated", "derived"):
            assert coverage[dimension][basis] == built[dimension][basis], (dimension, basis)


@pytest.mark.e2e
def test_api_filters_by_every_basis(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        assert _ids(client, sdg="4.4", linkBasis="inferred") == {ACTIVITY}
        assert _ids(client, wsis="C3", linkBasis="inferred") == {ACTIVITY}
        assert ACTIVITY not in _ids(client, wsis="C3", linkBasis="stated")
        assert ACTIVITY in _ids(client, wsis="C3", linkBasis="any")
        assert ACTIVITY in _ids(client, sdg="4.4", linkBasis="curation")
        assert ACTIVITY in _ids(client, sdg="4.4", linkBasis="derived")
        assert ACTIVITY not in _ids(client, sdg="4.4", linkBasis="report")
        assert _ids(client, sdg="9.c", linkBasis="report") == {"LDC-gen-29-s2"}


@pytest.mark.e2e
def test_inferred_links_show_score_and_method_in_every_format(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        path = f"/id/activity/{ACTIVITY}"
        document = client.get(path, headers={"Accept": "application/ld+json"}).json()
        turtle = client.get(path, headers={"Accept": "text/turtle"}).text
        page = client.get(path, headers={"Accept": "text/html"}).text
        context = client.get("/context.jsonld").json()
    nodes = {n["id"]: n for n in _nodes(document["@included"]) if len(n) > 1}
    why = nodes[f"{ID}justification/{ACTIVITY}--supportsActionLine--C3"]
    assert (why["basis"], why["startLine"]) == ("inferred", 55)
    method = why["wasGeneratedBy"]  # embedded where first met, else its IRI
    method = nodes[method if isinstance(method, str) else method["id"]]
    assert method["hasVersion"] == "0.1" and method["type"] == "LinkMethod"
    quads = jsonld.to_rdf(
        document,
        {"format": "application/n-quads",
         "documentLoader": lambda url, options=None: {"contextUrl": None, "documentUrl": url,
                                                      "document": context}},
    )  # fmt: skip
    score = '"0.912"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert any(score in line and "4.4" in line for line in quads.splitlines())
    assert f"<{ID}activity/{ACTIVITY}> <{BAAP}supportsActionLine> <{ID}wsis-action-line/C3> <{GRAPH}inferred> ." in quads  # noqa: E501
    assert "<http://metadata.un.org/sdg/4.4>: curation, inferred, derived" in turtle
    assert re.search(r'class="basis inferred"[^>]*>inferred<', page)
    assert "score 0.431" in page and "test-method 0.1" in page


def _sections(page: str) -> dict[str, str]:
    """basis -> the HTML of its section on an SDG page."""
    return dict(re.findall(r'<section class="card" id="basis-(\w+)"(.*?)</section>', page, re.S))


@pytest.mark.e2e
def test_sdg_pages_list_activities_by_basis(server: LiveServer, live_server: LiveServer) -> None:
    target = _sections(httpx.get(f"{server.url}/id/sdg/4.4", headers={"Accept": "text/html"}).text)
    assert list(target) == ["curation", "inferred", "derived"]
    assert f"/id/activity/{ACTIVITY}" in target["inferred"]
    assert "linkBasis=inferred" in target["inferred"]
    goal = _sections(httpx.get(f"{live_server.url}/id/sdg/9", headers={"Accept": "text/html"}).text)
    assert list(goal) == ["report", "curation", "inferred", "derived"]
    assert "/id/activity/LDC-gen-29-s2" in goal["report"]  # 9.c, named at line 940


# ---------------------------------------------------------------- /api/ members and pages

CURATED_PRIORITY = "LDC-gen-9"  # Niger smart villages: its priority is a curator's judgement
DIGITAL = f"{ID}thematic-priority/digital-services-and-applications"


def _member(client: httpx.Client, key: str, **params: str) -> dict[str, Any]:
    """The `/api/activities` member of activity `key` among those matching `params`."""
    url: str | None = "/api/activities?" + urlencode({**params, "perPage": "200"})
    while url:
        body = client.get(url).json()
        for member in body["member"]:
            if member["id"] == f"{ID}activity/{key}":
                return dict(member)
        url = body["view"].get("next")
    raise AssertionError(f"{key} not among /api/activities?{urlencode(params)}")


@pytest.mark.e2e
def test_api_members_give_every_link_its_basis(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        member = _member(client, ACTIVITY, sdg="4.4", linkBasis="inferred")
    bases = member["linkBasis"]
    assert bases["thematicPriority"] == {f"{ID}thematic-priority/capacity-development": ["report"]}
    assert bases["contributesTo"]["http://metadata.un.org/sdg/4.4"] == [
        "curation", "inferred", "derived"
    ]  # fmt: skip
    assert bases["supportsActionLine"][f"{ID}wsis-action-line/C3"] == ["inferred"]
    assert bases["contributesTo"]["http://metadata.un.org/sdg/5.b"] == ["derived"]
    for name, links in bases.items():  # every link shown has its bases, and only those
        shown = {v if isinstance(v, str) else v["id"] for v in member[name]}
        assert set(links) == shown, name
        assert all(b in ("report", "curation", "inferred", "derived") for v in links.values()
                   for b in v)  # fmt: skip


@pytest.mark.e2e
def test_a_curated_priority_is_never_shown_as_reported(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        member = _member(client, CURATED_PRIORITY, country="NER")
        context = client.get("/context.jsonld").json()
        page = client.get("/browse/activities", params={"country": "NER"}, headers={"Accept": "text/html"})
    assert member["linkBasis"]["thematicPriority"] == {DIGITAL: ["curation"]}
    (node,) = member["thematicPriority"]
    assert node["id"] == DIGITAL and "basis" not in node and "linkBasis" not in node
    # As RDF, the bases are a JSON literal of the activity: nothing is said of the priority.
    document = {"@context": context["@context"], **member}
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    (line,) = [q for q in quads.splitlines() if f"<{BAAP}linkBasis>" in q]
    assert line.startswith(f"<{ID}activity/{CURATED_PRIORITY}> ")
    assert line.endswith("<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .")
    assert not any(q.startswith(f"<{DIGITAL}> ") and "basis" in q for q in quads.splitlines())
    item = re.search(rf'href="/id/activity/{CURATED_PRIORITY}".*?</li>\s*</ul>', page.text, re.S)
    assert item and re.search(
        r'class="chip priority"[^>]*>[^<]*<span[^>]*>[^<]*</span> <span class="basis curation"',
        item.group(0),
    )
