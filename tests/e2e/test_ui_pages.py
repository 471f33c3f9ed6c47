"""The HTML pages over real HTTP: content negotiation (never HTML to a client that asked for JSON,
SPARQL results or RDF), the language switch, browse = /api/activities, every audit figure equal to
the SPARQL query it links to, every heatmap cell equal to the activities it opens, the lists of
activities without a link, SDG pages, the report's links, and errors as pages for browsers
only."""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import parse_qs, quote, urlsplit
from urllib.parse import unquote as urllib_unquote

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
    "/id/sdg/5",
    "/id/sdg/5.b",
    "/id/passage/1-ri-1",
    "/audit/without/question",
    "/audit/without/sdgGoal?basis=stated&page=2",
    "/docs",
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


def test_search_finds_an_organization_by_its_acronym(live_server: LiveServer) -> None:
    page = httpx.get(
        f"{live_server.url}/search?q=UNDP", headers={"Accept": "text/html"}, timeout=60
    ).text
    assert 'id="kind-Organization"' in page
    assert 'href="/id/organization/undp"' in page


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


def test_every_heatmap_cell_opens_exactly_its_activities(live_server: LiveServer) -> None:
    page = httpx.get(f"{live_server.url}/audit.html", headers={"Accept": "text/html"}).text
    cells = re.findall(
        r'<a class="cell" href="/browse/activities\?([^"]+)"[^>]*>.*?>(\d+)</text>', page, re.S
    )
    assert len(cells) > 100
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        for query, count in cells:
            api = client.get(f"/api/activities?{unescape(query)}&perPage=1").json()
            assert api["totalItems"] == int(count), query


@pytest.mark.parametrize("dimension", ["question", "regionalInitiative", "sdgGoal", "year"])
@pytest.mark.parametrize("basis", ["any", "stated"])
def test_lists_of_activities_without_a_link_match_the_coverage(
    live_server: LiveServer, dimension: str, basis: str
) -> None:
    audit = httpx.get(f"{live_server.url}/audit", timeout=60).json()
    coverage = audit["coverage"][dimension]
    page = httpx.get(
        f"{live_server.url}/audit/without/{dimension}?basis={basis}",
        headers={"Accept": "text/html"},
    ).text
    missing = coverage["total"] - coverage[basis]
    assert f"{missing} activities" in page
    sparql = re.search(r'<a class="sparql" href="/query\?query=([^"]+)"', page)
    assert sparql is not None
    rows = _run(live_server, unescape(urllib_unquote(sparql.group(1))))
    assert len(rows) == missing


def test_sdg_pages_link_goal_and_targets_and_list_activities_by_basis(
    live_server: LiveServer,
) -> None:
    goal = httpx.get(f"{live_server.url}/id/sdg/5", headers={"Accept": "text/html"}).text
    for code in ("5.1", "5.b", "5.c"):
        assert f'href="/id/sdg/{code}"' in goal
    target = httpx.get(f"{live_server.url}/id/sdg/5.b", headers={"Accept": "text/html"}).text
    assert 'href="/id/sdg/5"' in target
    rows = _run(
        live_server,
        "SELECT ?l WHERE { <http://metadata.un.org/sdg/5.b> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }",
    )
    for row in rows:  # the text in both languages, as the graph has it
        assert escape(row["l"], quote=False) in target
    derived = _run(
        live_server,
        "SELECT DISTINCT ?a WHERE { GRAPH <https://w3id.org/baap/graph/derived> "
        "{ ?a <https://w3id.org/baap/ontology#contributesTo> <http://metadata.un.org/sdg/5.b> } }",
    )
    assert f"({len(derived)})" in target.split('id="basis-derived"', 1)[1][:600]


def test_report_lines_link_their_activities_and_issues(live_server: LiveServer) -> None:
    page = httpx.get(f"{live_server.url}/report", headers={"Accept": "text/html"}).text
    assert "[bookmark:" not in page and "[image:" not in page
    activities = set(re.findall(r'class="chip activity" href="/id/activity/([^"]+)"', page))
    rows = _run(live_server, "SELECT ?a WHERE { ?a a <https://w3id.org/baap/ontology#Activity> }")
    assert activities == {r["a"].rsplit("/", 1)[1] for r in rows}
    issues = re.findall(r'class="chip issue" href="/id/(source-issue/[^"]+)"', page)
    audit = httpx.get(f"{live_server.url}/audit", timeout=60).json()
    assert sorted(issues) == sorted(i["iri"].replace(ID, "") for i in audit["sourceIssues"])


@pytest.mark.parametrize("path", ["/no/such/page", "/id/region/XYZ", "/audit/without/nothing"])
def test_errors_are_pages_for_browsers_and_problems_for_the_rest(
    live_server: LiveServer, path: str
) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = httpx.get(live_server.url + path, headers={"Accept": accept})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'href="/browse/activities"' in page.text and "<h1>Page not found</h1>" in page.text
    for other in (None, "*/*", "application/json", "application/ld+json"):
        response = httpx.get(live_server.url + path, headers={"Accept": other} if other else {})
        # a page that exists only as HTML tells a JSON client so first (406)
        assert response.status_code == 404 or (
            other and "json" in other and response.status_code == 406
        )
        assert response.headers["content-type"] == "application/problem+json"


def test_a_browser_gets_a_400_page_in_its_language(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.url}/report?start=x&lang=zh", headers={"Accept": "text/html"}
    )
    assert response.status_code == 400 and "<h1>无法处理此请求</h1>" in response.text
