"""Every HTML page in headless Chromium: clean console, nothing from another origin, loaded in
under a second on loopback, no serious or critical axe-core violation; and what a visitor does on
each: query, follow a result, switch to Chinese, filter and page, read the audit's gaps."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from service.config import Settings
from tests.browser.conftest import Page
from tests.conftest import LiveServer, start_server, stop_server

ID = "https://w3id.org/baap/id/"
#: path -> selector present once the page is usable
PAGES = {
    "/": "main h1",
    "/query": "#query-app[data-ready]",
    "/query?example=06-activities-per-regional-initiative": "#query-app[data-state='done']",
    "/browse/activities": "#activity-list",
    "/browse/activities?region=AFR&thematicPriority=2&page=1": "#activity-list",
    "/search?q=kenya": "#kind-Activity",
    "/id/activity/1-ri-1": ".passage",
    "/id/regional-initiative/AFR1": "main h1",
    "/audit.html": "#coverage",
    "/report?start=82&end=82#L82": "#L82",
}
REGIONS_QUERY = """PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?region ?code WHERE { ?region a baap:Region ; skos:notation ?code }
ORDER BY ?code"""


def sparql_rows(live: LiveServer, query: str) -> list[dict[str, str]]:
    """The query's rows as the endpoint answers them."""
    response = httpx.post(
        f"{live.url}/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in r.items()} for r in response.json()["results"]["bindings"]]


def result_table(page: Page) -> list[list[str]]:
    """The cells of the Yasr result table (without the row-number column)."""
    rows = page.driver.find_elements(By.CSS_SELECTOR, ".yasr table.dataTable tbody tr")
    return [[c.text for c in r.find_elements(By.CSS_SELECTOR, "td")][1:] for r in rows]


def wait_results(page: Page) -> None:
    """Until the last query's results are drawn."""
    page.wait_for("#query-app[data-state='done']")
    page.wait_for(".yasr table.dataTable tbody tr td")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_is_clean_and_accessible(page: Page, path: str, lang: str) -> None:
    if lang == "zh":
        page.cookie_language("zh")
    page.open(path, PAGES[path])
    time.sleep(0.2)  # late requests (labels, examples) are part of the page too
    violations = page.axe_violations()
    assert violations == [], violations
    assert page.console_errors() == []
    urls = page.requested_urls()
    assert page.off_origin(urls) == [], page.off_origin(urls)
    expected = "zh" if lang == "zh" else "en"
    assert page.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == expected


def test_typed_query_shows_the_rows_the_endpoint_gives(page: Page, live_server: LiveServer) -> None:
    page.open("/query", "#query-app[data-ready]")
    page.driver.execute_script(
        "window.baapQuery.yasqe.setValue(arguments[0]);"
        "window.baapQuery.yasqe.focus();"
        "window.baapQuery.yasqe.setCursor(window.baapQuery.yasqe.lastLine(), 1e9);",
        REGIONS_QUERY,
    )
    editor = page.driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    editor.send_keys(Keys.ENTER, "LIMIT 4")
    page.driver.find_element(By.ID, "run-query").click()
    wait_results(page)
    expected = sparql_rows(live_server, REGIONS_QUERY + "\nLIMIT 4")
    table = result_table(page)
    assert [row[1] for row in table] == [r["code"] for r in expected]
    # IRIs are shown by their label and link to their page here.
    links = page.driver.find_elements(By.CSS_SELECTOR, ".yasr tbody a.iri")
    assert [a.get_attribute("title") for a in links] == [r["region"] for r in expected]
    assert links[0].text == "Africa"
    assert links[0].get_attribute("href").endswith("/id/region/AFR")
    assert "/query?query=" in page.driver.current_url  # the address holds the query
    assert "4 rows" in page.driver.find_element(By.ID, "results-status").text
    assert page.console_errors() == []
    assert page.off_origin(page.requested_urls()) == []


def test_example_from_the_menu_runs(page: Page, live_server: LiveServer) -> None:
    page.open("/query", "#query-app[data-ready]")
    examples = httpx.get(f"{live_server.url}/sparql/examples").json()["examples"]
    example = next(e for e in examples if e["id"] == "06-activities-per-regional-initiative")
    Select(page.driver.find_element(By.ID, "example-select")).select_by_value(example["id"])
    wait_results(page)
    value = page.driver.execute_script("return window.baapQuery.yasqe.getValue()")
    assert value == example["query"]
    expected = sparql_rows(live_server, example["query"])
    table = result_table(page)
    assert len(table) == len(expected) == 30
    notations = [row[1] for row in table]
    assert notations == [r["notation"] for r in expected]
    assert example["description"] in page.driver.find_element(By.ID, "example-description").text
    downloads = page.driver.find_elements(By.CSS_SELECTOR, "#downloads a")
    formats = {a.text: a.get_attribute("href") for a in downloads}
    assert set(formats) == {"SPARQL JSON", "SPARQL XML", "CSV", "TSV"}
    for href in formats.values():
        response = httpx.get(href, timeout=60)
        assert response.status_code == 200 and response.content
    assert page.console_errors() == []


def test_result_iri_opens_its_page(page: Page) -> None:
    page.open("/query?query=" + quote(REGIONS_QUERY), "#query-app[data-state='done']")
    wait_results(page)
    first = page.driver.find_element(By.CSS_SELECTOR, ".yasr tbody a.iri")
    first.click()
    WebDriverWait(page.driver, 10).until(lambda d: "/id/region/AFR" in d.current_url)
    page.wait_for(".iri")
    assert page.driver.find_element(By.TAG_NAME, "h1").text == "Africa"
    assert page.driver.find_element(By.CSS_SELECTOR, "p.iri").text == f"{ID}region/AFR"


def test_shared_query_url_reopens_and_runs_it(page: Page) -> None:
    query = REGIONS_QUERY + "\nLIMIT 2"
    page.open("/query?query=" + quote(query), "#query-app[data-state='done']")
    wait_results(page)
    assert page.driver.execute_script("return window.baapQuery.yasqe.getValue()") == query
    assert len(result_table(page)) == 2


def test_switching_to_chinese_changes_the_labels(page: Page) -> None:
    page.open("/")
    nav = [a.text for a in page.driver.find_elements(By.CSS_SELECTOR, ".site-nav a")]
    assert nav == ["Home", "Query", "Browse", "Audit", "API docs"]
    page.driver.find_element(By.LINK_TEXT, "中文").click()
    page.wait_for("html[lang='zh']")
    nav = [a.text for a in page.driver.find_elements(By.CSS_SELECTOR, ".site-nav a")]
    assert nav == ["首页", "查询", "浏览", "审计", "API 文档"]
    tiles = page.driver.find_elements(By.CSS_SELECTOR, "#priorities ~ ul .tile strong")
    assert tiles[0].text == "能力建设"
    # The choice is remembered on the next page, including entity labels from the graph.
    page.open("/browse/activities?region=AFR", "#activity-list")
    assert page.driver.find_element(By.TAG_NAME, "h1").text == "浏览活动"
    assert page.driver.find_element(By.CSS_SELECTOR, "label[for='f-region']").text == "区域"
    page.open("/id/region/AFR")
    assert page.driver.find_element(By.TAG_NAME, "h1").text == "非洲"
    page.driver.find_element(By.LINK_TEXT, "English").click()
    page.wait_for("html[lang='en']")
    assert page.driver.find_element(By.TAG_NAME, "h1").text == "Africa"


def _listed(page: Page) -> list[str]:
    links = page.driver.find_elements(By.CSS_SELECTOR, "#activity-list a.title")
    return [ID + re.sub(r"^.*/id/", "", a.get_attribute("href")) for a in links]


def test_browse_filters_and_paging_match_the_api(page: Page, live_server: LiveServer) -> None:
    page.open("/browse/activities", "#activity-list")
    Select(page.driver.find_element(By.ID, "f-region")).select_by_value("AFR")
    Select(page.driver.find_element(By.ID, "f-perPage")).select_by_value("20")
    page.driver.find_element(By.ID, "f-q").send_keys("")
    page.driver.find_element(By.CSS_SELECTOR, ".filters button[type='submit']").click()
    WebDriverWait(page.driver, 10).until(lambda d: "region=AFR" in d.current_url)
    api = httpx.get(f"{live_server.url}/api/activities?region=AFR&perPage=20").json()
    assert _listed(page) == [m["id"] for m in api["member"]]
    heading = page.driver.find_element(By.ID, "results-title").text
    assert heading == f"{api['totalItems']} activities"
    page.driver.find_element(By.CSS_SELECTOR, "a[rel='next']").click()
    WebDriverWait(page.driver, 10).until(lambda d: "page=2" in d.current_url)
    second = httpx.get(api["view"]["next"]).json()
    assert _listed(page) == [m["id"] for m in second["member"]]
    # A second filter narrows the list exactly as the API does.
    Select(page.driver.find_element(By.ID, "f-year")).select_by_value("2020")
    page.driver.find_element(By.CSS_SELECTOR, ".filters button[type='submit']").click()
    WebDriverWait(page.driver, 10).until(lambda d: "year=2020" in d.current_url)
    narrowed = httpx.get(f"{live_server.url}/api/activities?region=AFR&year=2020&perPage=20").json()
    assert _listed(page) == [m["id"] for m in narrowed["member"]]


def test_audit_page_lists_every_gap_the_audit_lists(page: Page, live_server: LiveServer) -> None:
    audit = httpx.get(f"{live_server.url}/audit", timeout=60).json()
    page.open("/audit.html", "#gaps")
    for name in (
        "regionalInitiativesWithoutActivity",
        "questionsWithoutActivity",
        "sdgGoalsWithoutActivity",
        "wsisActionLinesWithoutActivity",
    ):
        section = page.driver.find_element(By.ID, name)
        for basis in ("any", "stated"):
            summary = f"{len(audit['gaps'][name][basis])}"
            assert summary in section.text
        shown = {
            a.get_attribute("href").split("/id/", 1)[1]
            for a in section.find_elements(By.CSS_SELECTOR, "ul.entities a")
        }
        listed = {
            iri.replace(ID, "").replace("http://metadata.un.org/sdg/", "sdg/")
            for basis in ("any", "stated")
            for iri in audit["gaps"][name][basis]
        }
        assert shown == listed, name
    query_links = page.driver.find_elements(By.CSS_SELECTOR, "a.sparql")
    assert len(query_links) >= 28
    query_links[0].click()
    wait_results(page)
    assert page.driver.find_element(By.ID, "results-status").text == "1 rows"


@pytest.fixture(scope="module")
def gapped_server(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings
) -> Iterator[LiveServer]:
    """The dataset without the links to three regional initiatives, so the audit has RI gaps."""
    from service.store import KnowledgeStore

    store = KnowledgeStore.from_settings(settings)
    dropped = ("AFR1", "ARB2", "EUR5")
    keep = [
        line
        for line in store.to_nquads().decode().splitlines()
        if not (
            "<https://w3id.org/baap/ontology#regionalInitiative>" in line
            and any(f"regional-initiative/{code}>" in line for code in dropped)
        )
    ]
    data = tmp_path_factory.mktemp("gapped") / "gapped.nq"
    data.write_text("\n".join(keep) + "\n", encoding="utf-8")
    live = start_server(settings.model_copy(update={"data_files": (data,)}))
    try:
        yield live
    finally:
        stop_server(live)


def test_audit_page_shows_the_ri_gaps_of_another_dataset(
    browser: webdriver.Chrome, gapped_server: LiveServer
) -> None:
    page = Page(browser, gapped_server.url)
    audit = httpx.get(f"{gapped_server.url}/audit", timeout=60).json()
    gap = audit["gaps"]["regionalInitiativesWithoutActivity"]
    assert {iri.rsplit("/", 1)[1] for iri in gap["any"]} == {"AFR1", "ARB2", "EUR5"}
    page.open("/audit.html", "#regionalInitiativesWithoutActivity")
    section = page.driver.find_element(By.ID, "regionalInitiativesWithoutActivity")
    shown = [a.get_attribute("href") for a in section.find_elements(By.CSS_SELECTOR, "a")]
    for iri in gap["any"] + gap["stated"]:
        assert any(h.endswith("/id/" + iri.replace(ID, "")) for h in shown), iri
    assert page.console_errors() == []
