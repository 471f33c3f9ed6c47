"""`/api/...` collections: each filter equals an independent SPARQL query, paging, counts, errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pyld import jsonld

from service.store import KnowledgeStore
from tests.conftest import LiveServer

P = """PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX id: <https://w3id.org/baap/id/>
PREFIX sdg: <http://metadata.un.org/sdg/>
"""
DERIVED = "<https://w3id.org/baap/graph/derived>"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

#: What `q` reads: the activity's labels and passage, and the names of its countries and partners.
TEXT = (
    "{ ?a rdfs:label ?t } UNION { ?a skos:altLabel ?t } "
    "UNION { ?a prov:wasDerivedFrom ?p . ?p baap:text ?t } "
    "UNION { ?a baap:country ?n . ?n rdfs:label|skos:altLabel|skos:hiddenLabel ?t } "
    "UNION { ?a baap:partner ?n . ?n rdfs:label|skos:altLabel|skos:hiddenLabel ?t } "
)
REPORT = "<https://w3id.org/baap/graph/report>"
CURATION = "<https://w3id.org/baap/graph/curation>"
INFERRED = "<https://w3id.org/baap/graph/inferred>"
STATED = f"FILTER(?g IN ({REPORT}, {CURATION}))"

#: filter parameters -> an independently written query for the same activities
CASES: list[tuple[dict[str, str], str]] = [
    ({"region": "AFR"}, "?a baap:region id:region\\/AFR ."),
    (
        {"regionalInitiative": "arb2"},
        "?a baap:regionalInitiative <https://w3id.org/baap/id/regional-initiative/ARB2> .",
    ),
    ({"thematicPriority": "8"}, '?a baap:thematicPriority ?tp . ?tp skos:notation "8" .'),
    ({"question": "Q5/2"}, '?a baap:question ?q . ?q skos:notation "Q5/2" .'),
    ({"question": "1/1"}, '?a baap:question ?q . ?q skos:notation "Q1/1" .'),
    ({"country": "KEN"}, '?a baap:country ?c . ?c skos:notation "KEN" .'),
    ({"strategicInitiative": "giga"}, '?a baap:strategicInitiative ?s . ?s skos:notation "giga" .'),
    ({"sdg": "5"}, "?a baap:contributesTo/skos:broader? sdg:5 ."),
    (
        {"sdg": "9.c", "linkBasis": "stated"},
        f"GRAPH ?g {{ ?a baap:contributesTo sdg:9.c }} {STATED}",
    ),
    ({"sdg": "9.c", "linkBasis": "report"}, f"GRAPH {REPORT} {{ ?a baap:contributesTo sdg:9.c }}"),
    (
        {"sdg": "9.c", "linkBasis": "curation"},
        f"GRAPH {CURATION} {{ ?a baap:contributesTo sdg:9.c }}",
    ),
    (
        {"sdg": "16", "linkBasis": "report"},
        f"GRAPH {REPORT} {{ ?a baap:contributesTo ?t }} ?t skos:broader? sdg:16 .",
    ),
    (
        {"sdg": "4", "linkBasis": "inferred"},
        f"GRAPH {INFERRED} {{ ?a baap:contributesTo ?t }} ?t skos:broader? sdg:4 .",
    ),
    ({"sdg": "4", "linkBasis": "any"}, "?a baap:contributesTo/skos:broader? sdg:4 ."),
    (
        {"sdg": "4", "linkBasis": "derived"},
        f"GRAPH {DERIVED} {{ ?a baap:contributesTo ?t }} ?t skos:broader? sdg:4 .",
    ),
    (
        {"sdg": "4", "linkBasis": "stated"},
        f"GRAPH ?g {{ ?a baap:contributesTo ?t }} ?t skos:broader? sdg:4 . {STATED}",
    ),
    ({"wsis": "C7"}, '?a baap:supportsActionLine/skos:broader? ?w . ?w skos:notation "C7" .'),
    (
        {"wsis": "C5", "linkBasis": "stated"},
        f'GRAPH ?g {{ ?a baap:supportsActionLine ?w }} ?w skos:notation "C5" . {STATED}',
    ),
    (
        {"wsis": "C7", "linkBasis": "curation", "sdg": "3"},
        f"GRAPH {CURATION} {{ ?a baap:supportsActionLine ?w }} "
        '?w skos:broader? id:wsis-action-line\\/C7 . '
        f"GRAPH {CURATION} {{ ?a baap:contributesTo ?t }} ?t skos:broader? sdg:3 .",
    ),
    (
        {"wsis": "C5", "linkBasis": "derived"},
        f'GRAPH {DERIVED} {{ ?a baap:supportsActionLine ?w }} ?w skos:notation "C5" .',
    ),
    ({"year": "2019"}, '?a baap:year ?y . FILTER(STR(?y) = "2019")'),
    ({"yearFrom": "2020", "yearTo": "2020"}, '?a baap:year ?y . FILTER(STR(?y) = "2020")'),
    ({"yearFrom": "2021"}, '?a baap:year ?y . FILTER(STR(?y) >= "2021")'),
    (
        {"region": "ARB", "question": "5/2"},
        '?a baap:region id:region\\/ARB ; baap:question ?q . ?q skos:notation "Q5/2" .',
    ),
    ({"q": "女孩"}, TEXT + 'FILTER(CONTAINS(STR(?t), "女孩"))'),
    ({"q": "DIGITAL SKILLS"}, TEXT + 'FILTER(CONTAINS(LCASE(STR(?t)), "digital skills"))'),
    ({"q": "undp"}, TEXT + 'FILTER(CONTAINS(LCASE(STR(?t)), "undp"))'),
    ({"q": "肯尼亚"}, TEXT + 'FILTER(CONTAINS(STR(?t), "肯尼亚"))'),
]


def expected(store: KnowledgeStore, pattern: str) -> set[str]:
    query = P + f"SELECT DISTINCT ?a {{ ?a a baap:Activity . {pattern} }}"
    return {row["a"] for row in store.select(query)}


def collect(
    client: httpx.Client, path: str, params: dict[str, str]
) -> tuple[list[dict[str, Any]], int]:
    """Every member, following hydra:next from the first page."""
    page = client.get(path, params={**params, "perPage": "37"})
    assert page.status_code == 200, page.text
    total = page.json()["totalItems"]
    members: list[dict[str, Any]] = []
    while True:
        body = page.json()
        members += body["member"]
        next_url = body["view"].get("next")
        if not next_url:
            return members, total
        page = client.get(next_url)


@pytest.mark.e2e
@pytest.mark.parametrize(("params", "pattern"), CASES, ids=[str(c[0]) for c in CASES])
def test_activity_filter_equals_sparql(
    live_server: LiveServer, store: KnowledgeStore, params: dict[str, str], pattern: str
) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        members, total = collect(client, "/api/activities", params)
    got = [m["id"] for m in members]
    assert len(got) == len(set(got)) == total
    assert set(got) == expected(store, pattern)


@pytest.mark.e2e
def test_filters_are_not_all_trivially_empty(store: KnowledgeStore) -> None:
    assert sum(1 for _, pattern in CASES if expected(store, pattern)) >= len(CASES) - 2


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("regional-initiatives", "baap:regionalInitiative ?e"),
        ("thematic-priorities", "baap:thematicPriority ?e"),
        ("questions", "baap:question ?e"),
        ("countries", "baap:country ?e"),
        ("organizations", "baap:partner ?e"),
        ("sdg-goals", "baap:contributesTo/skos:broader? ?e"),
        ("sdg-targets", "baap:contributesTo ?e"),
        ("wsis-action-lines", "baap:supportsActionLine/skos:broader? ?e"),
    ],
)
def test_reference_collections_count_linked_activities(
    live_server: LiveServer, store: KnowledgeStore, path: str, link: str
) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        members, total = collect(client, f"/api/{path}", {})
    assert len(members) == total > 0
    counts = {
        row["e"]: int(row["n"])
        for row in store.select(
            P
            + f"SELECT ?e (COUNT(DISTINCT ?a) AS ?n) {{ ?a a baap:Activity ; {link} . }} GROUP BY ?e"
        )
    }
    for member in members:
        assert member["activityCount"] == counts.get(member["id"], 0), member["id"]
        assert "label" in member


@pytest.mark.e2e
def test_contract_sizes_of_reference_collections(live_server: LiveServer) -> None:
    sizes = {
        "regional-initiatives": 30,
        "thematic-priorities": 10,
        "questions": 14,
        "sdg-goals": 17,
        "sdg-targets": 169,
        "wsis-action-lines": 19,
        "regions": 6,
    }
    for path, size in sizes.items():
        assert httpx.get(f"{live_server.url}/api/{path}").json()["totalItems"] == size, path


@pytest.mark.e2e
def test_paging_links_and_limits(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        first = client.get("/api/countries", params={"perPage": "10"}).json()
        view = first["view"]
        assert "previous" not in view and view["next"].endswith("page=2&perPage=10")
        last = client.get(view["last"]).json()
        assert "next" not in last["view"] and "previous" in last["view"]
        assert len(last["member"]) == first["totalItems"] - 10 * (
            int(view["last"].split("page=")[1].split("&")[0]) - 1
        )
        assert client.get("/api/countries", params={"perPage": "201"}).status_code == 400
        assert client.get("/api/countries", params={"page": "0"}).status_code == 400
        beyond = client.get("/api/countries", params={"page": "999"}).json()
        assert beyond["member"] == [] and beyond["totalItems"] == first["totalItems"]


@pytest.mark.e2e
def test_an_empty_year_range_matches_nothing(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.url}/api/activities", params={"yearFrom": "2021", "yearTo": "2019"}
    )
    assert response.status_code == 200 and response.json()["totalItems"] == 0


@pytest.mark.e2e
def test_sorting_by_label_and_year(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        by_label = client.get("/api/activities", params={"sort": "label", "perPage": "200"}).json()[
            "member"
        ]
        labels = [m["label"]["en"].lower() for m in by_label if "en" in m.get("label", {})]
        assert labels == sorted(labels)
        by_year = client.get(
            "/api/activities", params={"sort": "-year", "perPage": "200", "region": "AFR"}
        ).json()["member"]
        years = [min(m["year"]) for m in by_year if "year" in m]
        assert years == sorted(years, reverse=True)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("params", "mention"),
    [
        ({"region": "XYZ"}, "AFR"),
        ({"question": "Q9/9"}, "Q5/2"),
        ({"sdg": "18"}, "5.b"),
        ({"linkBasis": "maybe"}, "stated"),
        ({"year": "twenty"}, "year"),
        ({"colour": "red"}, "thematicPriority"),
        ({"sort": "size"}, "label"),
    ],
)
def test_bad_filter_values_are_400_naming_the_valid_ones(
    live_server: LiveServer, params: dict[str, str], mention: str
) -> None:
    response = httpx.get(f"{live_server.url}/api/activities", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert mention in response.json()["detail"]


@pytest.mark.e2e
def test_collection_pages_are_valid_json_ld_in_the_hydra_shape(live_server: LiveServer) -> None:
    page = httpx.get(f"{live_server.url}/api/activities", params={"country": "KEN"}).json()
    context = httpx.get(page["@context"]).json()

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        return {"contextUrl": None, "documentUrl": url, "document": context}

    expanded = jsonld.expand(page, {"documentLoader": loader})
    hydra = "http://www.w3.org/ns/hydra/core#"
    node = expanded[0]
    assert node["@type"] == [f"{hydra}Collection"]
    assert node[f"{hydra}totalItems"][0]["@value"] == len(node[f"{hydra}member"])
    assert node[f"{hydra}view"][0]["@type"] == [f"{hydra}PartialCollectionView"]
    member = node[f"{hydra}member"][0]
    assert member["@type"] == ["https://w3id.org/baap/ontology#Activity"]
    countries = {c["@id"]: c for c in member["https://w3id.org/baap/ontology#country"]}
    kenya = countries["https://w3id.org/baap/id/country/KEN"]
    labels = {v["@language"]: v["@value"] for v in kenya[f"{RDFS}label"]}
    assert labels == {"en": "Kenya", "zh": "肯尼亚"}


@pytest.mark.e2e
def test_docs_work_offline(live_server: LiveServer) -> None:
    page = httpx.get(f"{live_server.url}/docs").text
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page
    assert (
        httpx.get(
            f"{live_server.url}/static/vendor/swagger-ui-dist/swagger-ui-bundle.js"
        ).status_code
        == 200
    )
    as_json = httpx.get(f"{live_server.url}/docs", headers={"Accept": "application/json"})
    assert as_json.status_code == 303 and as_json.headers["location"] == "/openapi.json"
    as_rdf = httpx.get(f"{live_server.url}/docs", headers={"Accept": "text/turtle"})
    assert as_rdf.status_code == 406 and "html" not in as_rdf.headers["content-type"]
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    for path in ("/api/activities", "/id/{path}", "/context.jsonld", "/sparql"):
        assert path in spec["paths"]


@pytest.mark.e2e
@pytest.mark.parametrize("path", ["/api/activities?region=AFR", "/api/countries", "/api/regions"])
def test_collections_answer_json_ld_or_plain_json_as_accepted(
    live_server: LiveServer, path: str
) -> None:
    url = f"{live_server.url}{path}"
    as_ld = httpx.get(url, headers={"Accept": "application/ld+json"})
    as_json = httpx.get(url, headers={"Accept": "application/json"})
    default = httpx.get(url, headers={"Accept": "*/*"})
    assert as_ld.headers["content-type"].startswith("application/ld+json")
    assert default.headers["content-type"].startswith("application/ld+json")
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == as_ld.json()
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in as_json.headers["link"]
    assert "accept" in as_json.headers["vary"].lower()


@pytest.mark.e2e
@pytest.mark.parametrize("accept", ["text/csv", "text/html;q=1, application/json;q=0", "image/png"])
def test_collections_refuse_what_they_cannot_give_with_406(
    live_server: LiveServer, accept: str
) -> None:
    response = httpx.get(f"{live_server.url}/api/activities", headers={"Accept": accept})
    assert response.status_code == 406
    assert "application/ld+json" in response.text and "application/json" in response.text
    if not accept.startswith("text/html"):  # a browser is told in a page
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.e2e
def test_activity_members_embed_the_labels_of_what_they_link_to(
    live_server: LiveServer, store: KnowledgeStore
) -> None:
    page = httpx.get(
        f"{live_server.url}/api/activities", params={"country": "KEN", "perPage": "100"}
    ).json()
    seen = 0
    for member in page["member"]:
        for field in ("thematicPriority", "regionalInitiative", "region", "country", "partner"):
            for node in member.get(field, []):
                seen += 1
                labels = {
                    row["lang"]: row["l"]
                    for row in store.select(
                        P + f"SELECT ?l (LANG(?l) AS ?lang) {{ <{node['id']}> rdfs:label ?l }}"
                    )
                }
                assert node.get("label", {}) == labels, node["id"]
                assert set(labels) >= {"en"}, node["id"]
    assert seen > len(page["member"])


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("path", "text", "wanted"),
    [
        ("organizations", "UNDP", "organization/undp"),
        ("organizations", "开发署", "organization/undp"),
        ("organizations", "development programme", "organization/undp"),
        ("countries", "kenya", "country/KEN"),
        ("countries", "肯尼亚", "country/KEN"),
        ("regional-initiatives", "ARB2", "regional-initiative/ARB2"),
    ],
)
def test_reference_collections_find_entities_by_any_of_their_names(
    live_server: LiveServer, path: str, text: str, wanted: str
) -> None:
    body = httpx.get(f"{live_server.url}/api/{path}", params={"q": text}).json()
    ids = [m["id"] for m in body["member"]]
    assert f"https://w3id.org/baap/id/{wanted}" in ids
    assert body["totalItems"] == len(ids) < 20
    assert "q=" in body["id"]


@pytest.mark.e2e
def test_reference_q_matches_an_independent_query(
    live_server: LiveServer, store: KnowledgeStore
) -> None:
    want = {
        row["e"]
        for row in store.select(
            P + "SELECT DISTINCT ?e { ?e a baap:Organization ; "
            "rdfs:label|skos:prefLabel|skos:altLabel|skos:hiddenLabel|skos:notation ?n "
            'FILTER(CONTAINS(LCASE(STR(?n)), "un")) }'
        )
    }
    with httpx.Client(base_url=live_server.url) as client:
        members, total = collect(client, "/api/organizations", {"q": "UN"})
    assert {m["id"] for m in members} == want and total == len(want) > 5


@pytest.mark.e2e
def test_link_basis_is_documented_with_its_six_values(live_server: LiveServer) -> None:
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    parameters = spec["paths"]["/api/activities"]["get"]["parameters"]
    (basis,) = [p for p in parameters if p["name"] == "linkBasis"]
    values = {v for option in basis["schema"]["anyOf"] for v in option.get("enum", [])}
    assert values == {"report", "curation", "stated", "inferred", "derived", "any"}
    assert all(word in basis["description"] for word in values)
