"""The HTML pages over real HTTP: content negotiation (never HTML to a client that asked for JSON,
SPARQL results or RDF), the language switch, browse = /api/activities, and every audit figure
equal to the SPARQL query it links to."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from service.audit_queries import figure_queries
from tests.conftest import LiveServer

pytestmark = pytest.mark.e2e

ID = "https://w3id.org/baap/id/"
PAGES = (
    "/",
    "/query",
    "/query?example=01-africa-activities-sdg5",
    "/query?query=" + quote("SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
    "/browse/activities",
    "/browse/activities?region=AFR&page=2",
    "/search?q=kenya",
    "/report",
    "/audit.html",
    "/id/activity/1-ri-1",
    "/id/region/AFR",
)
MACHINE_TYPES = (
    "application/json",
    "application/ld+json",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "text/csv",
)


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_html_for_browsers(live_server: LiveServer, path: str) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = httpx.get(live_server.url + path, headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for link in ('href="/"', 'href="/query"', 'href="/browse/activities"', 'href="/audit.html"'):
        assert link in page, link
    assert 'action="/search"' in page and "中文" in page and "English" in page
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["'](https?:)?//""", page)


@pytest.mark.parametrize("accept", MACHINE_TYPES)
@pytest.mark.parametrize("path", PAGES)
def test_no_html_for_machine_clients(live_server: LiveServer, path: str, accept: str) -> None:
    response = httpx.get(
        live_server.url + path, headers={"Accept": accept}, timeout=60, follow_redirects=True
    )
    assert not response.headers.get("content-type", "").startswith("text/html"), (
        path,
        accept,
        response.status_code,
    )
    assert "<html" not in response.text[:2000].lower()
    assert response.status_code in (200, 406), (path, accept, response.status_code)


def test_home_negotiates_json_and_rdf(live_server: LiveServer) -> None:
    body = httpx.get(live_server.url + "/", headers={"Accept": "application/json"}).json()
    assert body["links"]["sparql"].endswith("/sparql")
    turtle = httpx.get(
        live_server.url + "/", headers={"Accept": "text/turtle"}, follow_redirects=True
    )
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert "sparql-service-description" in turtle.text
    browse = httpx.get(
        live_server.url + "/browse/activities?region=AFR&lang=zh",
        headers={"Accept": "application/ld+json"},
        follow_redirects=True,
    )
    assert browse.headers["content-type"].startswith("application/ld+json")
    assert str(browse.url).endswith("/api/activities?region=AFR")


def test_language_switch_and_default(live_server: LiveServer) -> None:
    english = httpx.get(live_server.url + "/", headers={"Accept": "text/html"}).text
    assert '<html lang="en">' in english and "Thematic priorities" in english
    chinese = httpx.get(
        live_server.url + "/", headers={"Accept": "text/html", "Accept-Language": "zh-CN,zh;q=0.9"}
    )
    assert '<html lang="zh">' in chinese.text and "专题优先事项" in chinese.text
    with httpx.Client(base_url=live_server.url, headers={"Accept": "text/html"}) as client:
        chosen = client.get("/browse/activities?lang=zh")
        assert chosen.cookies.get("lang") == "zh"
        remembered = client.get("/audit.html").text
        assert '<html lang="zh">' in remembered and "覆盖率" in remembered
        page = client.get("/id/region/AFR").text
        assert "<h1>非洲</h1>" in page
        assert client.get("/id/region/AFR?lang=en").text.count("<h1>Africa</h1>") == 1


def _listed(page: str) -> list[str]:
    if 'id="activity-list"' not in page:
        return []
    block = page.split('id="activity-list"', 1)[1].split("</ul>\n    </div>", 1)[0]
    return [f"{ID}{path}" for path in re.findall(r'<a class="title" href="/id/([^"]+)"', block)]


@pytest.mark.parametrize(
    "query",
    [
        "region=AFR",
        "regionalInitiative=ARB2",
        "thematicPriority=8&year=2020",
        "sdg=5&linkBasis=stated",
        "wsis=C7&perPage=20&page=3",
        "country=KEN",
        "question=Q5/2",
        "q=Giga&sort=-year",
        "yearFrom=2019&yearTo=2020&perPage=100&page=2",
    ],
)
def test_browse_lists_what_the_api_lists(live_server: LiveServer, query: str) -> None:
    api = httpx.get(f"{live_server.url}/api/activities?{query}", timeout=60).json()
    page = httpx.get(
        f"{live_server.url}/browse/activities?{query}", headers={"Accept": "text/html"}, timeout=60
    ).text
    assert _listed(page) == [m["id"] for m in api["member"]]
    assert f"{api['totalItems']:,} activities" in page
    if "next" in api["view"]:
        next_page = parse_qs(urlsplit(api["view"]["next"]).query)["page"]
        assert f"page={next_page[0]}" in unescape(page)


def test_browse_bad_filter_is_a_page_with_the_reason(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.url}/browse/activities?region=XYZ", headers={"Accept": "text/html"}
    )
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert "XYZ" in response.text and 'role="alert"' in response.text


def test_search_groups_results_by_kind(live_server: LiveServer) -> None:
    page = httpx.get(
        f"{live_server.url}/search?q=kenya", headers={"Accept": "text/html"}, timeout=60
    ).text
    assert 'id="kind-Activity"' in page and 'id="kind-Country"' in page
    assert 'href="/id/country/KEN"' in page
    assert 'href="/browse/activities?q=kenya"' in page


def test_activity_page_links_its_passage_line(live_server: LiveServer) -> None:
    page = httpx.get(f"{live_server.url}/id/activity/1-ri-1", headers={"Accept": "text/html"}).text
    line = re.search(r'href="/report\?start=(\d+)&amp;end=(\d+)#L(\d+)"', page)
    assert line is not None and line.group(1) == line.group(3)
    report = httpx.get(
        f"{live_server.url}/report?start={line.group(1)}&end={line.group(2)}",
        headers={"Accept": "text/html"},
    ).text
    assert f'<li id="L{line.group(1)}" class="marked' in report


def _run(live: LiveServer, query: str) -> list[dict[str, str]]:
    response = httpx.post(
        f"{live.url}/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return [
        {k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]
    ]


def test_every_audit_figure_equals_its_query(live_server: LiveServer) -> None:
    audit = httpx.get(f"{live_server.url}/audit", timeout=60).json()
    page = httpx.get(f"{live_server.url}/audit.html", headers={"Accept": "text/html"}).text
    for key, query in figure_queries().items():
        assert f'href="/query?query={quote(query, safe="")}"' in page, key
        rows = _run(live_server, query)
        kind, _, rest = key.partition(".")
        if kind == "coverage":
            counts = {k: int(v) for k, v in rows[0].items()}
            assert counts == audit["coverage"][rest], key
        elif kind == "matrix":
            matrix = audit["matrices"][rest]
            expected = {
                (r, c): matrix["counts"][i][j]
                for i, r in enumerate(matrix["rows"])
                for j, c in enumerate(matrix["columns"])
                if matrix["counts"][i][j]
            }
            got = {
                (row[k1], row[k2]): int(row["activities"])
                for row in rows
                for k1, k2 in [[k for k in row if k != "activities"]]
            }
            assert got == expected, key
        elif kind == "gap":
            name, _, basis = rest.partition(".")
            expected_list = audit["gaps"][name][basis] if basis else audit["gaps"][name]
            first = next(iter(rows[0])) if rows else ""
            assert sorted(row[first] for row in rows) == sorted(expected_list), key
        else:
            assert {row["issue"] for row in rows} == {i["iri"] for i in audit["sourceIssues"]}
