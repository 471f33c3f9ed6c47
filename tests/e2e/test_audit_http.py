"""/audit, /audit.html, /audit.csv and GET/POST /validate over real HTTP: formats, candidates
good and bad, malformed and oversize bodies, an RDF/XML entity bomb: 4xx, never 5xx."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from tests.conftest import LiveServer

pytestmark = pytest.mark.e2e

ID = "https://w3id.org/baap/id/"
SH = "http://www.w3.org/ns/shacl#"
PREFIXES = """
@prefix baap: <https://w3id.org/baap/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
GOOD = (
    PREFIXES
    + f"""
<{ID}activity/candidate-ok> a baap:Activity ;
    rdfs:label "A new training course"@en , "新的培训课程"@zh ;
    baap:thematicPriority <{ID}thematic-priority/capacity-development> ;
    baap:regionalInitiative <{ID}regional-initiative/AFR1> ;
    baap:region <{ID}region/AFR> ;
    baap:contributesTo <http://metadata.un.org/sdg/4.4> ;
    baap:supportsActionLine <{ID}wsis-action-line/C4> ;
    baap:year "2021"^^xsd:gYear ;
    prov:wasDerivedFrom <{ID}passage/candidate-ok> .
<{ID}passage/candidate-ok> a baap:SourcePassage ;
    baap:startLine 10 ; baap:endLine 11 ; baap:section "1" ; baap:text "新的培训课程"@zh .
"""
)
# No thematic priority or strategic initiative, no @zh label, an initiative that is no RI.
BAD = (
    GOOD.replace(f"    baap:thematicPriority <{ID}thematic-priority/capacity-development> ;\n", "")
    .replace(' , "新的培训课程"@zh', "")
    .replace("regional-initiative/AFR1", "regional-initiative/AFR9")
)


def url(live: LiveServer, path: str) -> str:
    return f"{live.url}{path}"


def problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    assert body["status"] == status
    return body


# ---------------------------------------------------------------- audit


def test_audit_json_has_the_contract_sections(live_server: LiveServer) -> None:
    response = httpx.get(url(live_server, "/audit"), timeout=60)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {
        "dataVersion",
        "generatedAt",
        "validation",
        "coverage",
        "matrices",
        "gaps",
        "sourceIssues",
    }
    health = httpx.get(url(live_server, "/health"), timeout=10).json()
    assert body["dataVersion"] == health["dataVersion"]
    assert len(body["matrices"]["regionByRegionalInitiative"]["columns"]) == 30
    again = httpx.get(url(live_server, "/audit"), timeout=10).json()
    assert again == body  # cached until the data changes


def test_audit_html_is_a_page_with_heatmaps(live_server: LiveServer) -> None:
    response = httpx.get(url(live_server, "/audit.html"), timeout=60)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert page.count("<svg") == 4 and "<script" not in page
    assert 'href="/id/regional-initiative/AFR1"' in page
    assert 'href="/id/sdg/5"' in page


def test_audit_csv_has_one_row_per_value(live_server: LiveServer) -> None:
    response = httpx.get(url(live_server, "/audit.csv"), timeout=60)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.text)))
    assert table[0] == ["section", "key", "row", "column", "value"]
    assert all(len(row) == 5 for row in table)
    assert {row[0] for row in table[1:]} == {
        "meta",
        "validation",
        "coverage",
        "matrices",
        "gaps",
        "sourceIssues",
    }


# ---------------------------------------------------------------- GET /validate


def test_validate_get_defaults_to_turtle(live_server: LiveServer) -> None:
    response = httpx.get(url(live_server, "/validate"), timeout=60)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    report = Graph().parse(data=response.text, format="turtle")
    assert any(True for _ in report.subjects(None, None))


def test_validate_get_negotiates_json_ld(live_server: LiveServer) -> None:
    response = httpx.get(
        url(live_server, "/validate"), headers={"Accept": "application/ld+json"}, timeout=60
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    json.loads(response.text)
    report = pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.JSON_LD)
    assert any(t.predicate.value == f"{SH}conforms" for t in report)


def test_validate_get_summary(live_server: LiveServer) -> None:
    response = httpx.get(url(live_server, "/validate?format=summary"), timeout=60)
    assert response.status_code == 200
    body = response.json()
    assert {"conforms", "violations", "warnings", "infos", "results"} <= set(body)
    audit = httpx.get(url(live_server, "/audit"), timeout=60).json()
    assert {k: body[k] for k in ("conforms", "violations", "warnings", "infos")} == audit[
        "validation"
    ]
    for group in body["results"]:
        assert {"shape", "severity", "focusClass", "count", "focusNodes", "message"} <= set(group)


def test_validate_get_refuses_unoffered_types(live_server: LiveServer) -> None:
    response = httpx.get(url(live_server, "/validate"), headers={"Accept": "image/png"}, timeout=30)
    problem(response, 406)
    problem(httpx.get(url(live_server, "/validate?format=pdf"), timeout=30), 400)


# ---------------------------------------------------------------- POST /validate


def post(live: LiveServer, body: bytes | str, content_type: str, **headers: str) -> httpx.Response:
    return httpx.post(
        url(live, "/validate"),
        content=body.encode() if isinstance(body, str) else body,
        headers={"Content-Type": content_type, **headers},
        timeout=60,
    )


def test_good_candidate_conforms_and_never_enters_the_store(live_server: LiveServer) -> None:
    before = httpx.get(url(live_server, "/health"), timeout=10).json()
    response = post(live_server, GOOD, "text/turtle")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["violations"] == 0, body
    assert body["conforms"] is True
    after = httpx.get(url(live_server, "/health"), timeout=10).json()
    assert after["triples"] == before["triples"]
    assert after["dataVersion"] == before["dataVersion"]
    found = httpx.get(
        url(live_server, "/sparql"),
        params={"query": f"ASK {{ <{ID}activity/candidate-ok> ?p ?o }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert found.status_code == 200 and found.json()["boolean"] is False


def test_bad_candidate_reports_violations(live_server: LiveServer) -> None:
    response = post(live_server, BAD, "text/turtle; charset=utf-8")
    assert response.status_code == 200
    body = response.json()
    assert body["conforms"] is False and body["violations"] >= 3
    shapes = {(g["shape"], g["severity"]) for g in body["results"]}
    assert ("https://w3id.org/baap/shapes#ActivityShape", "violation") in shapes
    assert ("https://w3id.org/baap/shapes#BilingualLabel", "violation") in shapes
    focus = {node for g in body["results"] for node in g["focusNodes"]}
    assert f"{ID}activity/candidate-ok" in focus


def test_candidate_report_graph_by_accept(live_server: LiveServer) -> None:
    response = post(live_server, BAD, "text/turtle", Accept="text/turtle")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    report = Graph().parse(data=response.text, format="turtle")
    conforms = list(report.objects(None, URIRef(f"{SH}conforms")))
    assert [str(c) for c in conforms] == ["false"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<http://a> <http://b> ", "text/turtle"),
        ('{"@id": "http://a", ', "application/ld+json"),
        ("<http://a> <http://b> <http://c>", "application/n-triples"),
        (
            "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description></rdf:RDF>",
            "application/rdf+xml",
        ),
        ("\x00\xff garbage", "text/turtle"),
    ],
)
def test_malformed_candidate_is_400_with_the_parser_message(
    live_server: LiveServer, body: str, content_type: str
) -> None:
    detail = problem(post(live_server, body, content_type), 400)["detail"]
    assert isinstance(detail, str) and "does not parse" in detail


def test_json_ld_candidate_is_validated(live_server: LiveServer) -> None:
    document = {
        "@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
        "@id": f"{ID}activity/candidate-jsonld",
        "@type": "https://w3id.org/baap/ontology#Activity",
        "rdfs:label": {"@value": "JSON-LD candidate", "@language": "en"},
    }
    response = post(live_server, json.dumps(document), "application/ld+json")
    assert response.status_code == 200
    assert response.json()["conforms"] is False


def test_rdf_xml_entity_bomb_is_refused(live_server: LiveServer) -> None:
    bomb = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="http://example.org/s"><rdf:value>&lol4;</rdf:value></rdf:Description>
</rdf:RDF>"""
    detail = problem(post(live_server, bomb, "application/rdf+xml"), 400)["detail"]
    assert "ENTITY" in str(detail)


def test_oversize_candidate_is_413(live_server: LiveServer) -> None:
    body = b"# " + b"x" * 2_100_000 + b"\n"
    problem(post(live_server, body, "text/turtle"), 413)


def test_unsupported_candidate_type_is_415(live_server: LiveServer) -> None:
    problem(post(live_server, "a,b\n", "text/csv"), 415)
    problem(httpx.post(url(live_server, "/validate"), content=b"<a> <b> <c> .", timeout=30), 415)


def test_empty_candidate_is_validated_as_no_data(live_server: LiveServer) -> None:
    response = post(live_server, "", "text/turtle")
    assert response.status_code == 200
    assert response.json()["violations"] == 0


def test_other_methods_are_405_with_allow(live_server: LiveServer) -> None:
    response = httpx.put(url(live_server, "/validate"), content=b"", timeout=30)
    problem(response, 405)
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    options = httpx.options(url(live_server, "/validate"), timeout=30)
    assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, POST, OPTIONS"
