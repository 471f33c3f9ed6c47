"""The query editor as a visitor uses it: typed and example queries give the endpoint's rows, a
result opens its page, the address holds the query; completion offers this graph's classes,
properties and entities and asks no other site; errors are readable; values are values; links
are only http(s) IRIs and our own pages; the table's controls speak Chinese."""

from __future__ import annotations

from urllib.parse import quote

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import Page
from tests.conftest import LiveServer

ID = "https://w3id.org/baap/id/"
REGIONS_QUERY = """PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?region ?code WHERE { ?region a baap:Region ; skos:notation ?code }
ORDER BY ?code"""
READY = "#query-app[data-ready][data-completion='ready']"


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


def type_query(page: Page, text: str) -> None:
    """Put `text` in the editor with the cursor at its end."""
    page.driver.execute_script(
        "const y = window.baapQuery.yasqe; y.setValue(arguments[0]); y.focus();"
        "y.setCursor(y.lastLine(), 1e9);",
        text,
    )


def hints(page: Page) -> list[str]:
    """The completion list shown after Ctrl+Space."""
    editor = page.driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    editor.send_keys(Keys.CONTROL, " ")
    WebDriverWait(page.driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li")
    )
    return [h.text for h in page.driver.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li")]


def run(page: Page) -> None:
    page.driver.find_element(By.ID, "run-query").click()


def test_typed_query_shows_the_rows_the_endpoint_gives(page: Page, live_server: LiveServer) -> None:
    page.open("/query", READY)
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
    page.open("/query", READY)
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


def test_completion_offers_our_classes_properties_and_entities_and_asks_no_one_else(
    page: Page,
) -> None:
    page.open("/query", READY)
    page.drain()
    type_query(
        page, "PREFIX baap: <https://w3id.org/baap/ontology#>\nSELECT * WHERE {\n  ?a a baap:Act"
    )
    assert any(h.startswith("baap:Activity") for h in hints(page))
    type_query(
        page,
        "PREFIX baap: <https://w3id.org/baap/ontology#>\nSELECT * WHERE {\n  ?a baap:regionalIn",
    )
    assert any(h.startswith("baap:regionalInitiative") for h in hints(page))
    type_query(page, "SELECT * WHERE {\n  ?a ?p AFR1")
    found = hints(page)
    assert found and found[0].startswith("AFR1")
    page.driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea").send_keys(Keys.ENTER)
    value = page.driver.execute_script("return window.baapQuery.yasqe.getValue()")
    assert value.endswith(f"<{ID}regional-initiative/AFR1>")
    urls = page.requested_urls()
    assert page.off_origin(urls) == [], page.off_origin(urls)
    assert not any("lov.linkeddata.es" in u for u in urls)
    assert page.console_errors() == []


def test_a_syntax_error_is_readable_and_keeps_the_page_narrow(page: Page) -> None:
    page.phone()
    page.open("/query", READY)
    type_query(page, "SELECT * WHERE {\n  ?s ?p ?o\n  FILTER(?x = )\n}")
    run(page)
    page.wait_for("#query-app[data-state='error']")
    box = page.driver.find_element(By.ID, "query-error")
    assert "line 4, column 2" in box.text and "expected one of" in box.text
    assert len(page.driver.find_elements(By.CSS_SELECTOR, ".query-error-marker")) == 1
    assert page.sideways() == 0
    errors = page.console_errors()
    # The browser reports the endpoint's 400 itself; nothing in the page fails.
    assert all("/sparql - Failed to load resource" in e for e in errors), errors
    assert page.csp_violations() == []


def test_typed_literals_are_shown_as_values(page: Page) -> None:
    query = "SELECT (COUNT(*) AS ?n) (1.5 AS ?d) WHERE { VALUES ?x { 1 2 3 } }"
    page.open("/query?query=" + quote(query), "#query-app[data-state='done']")
    wait_results(page)
    assert result_table(page) == [["3", "1.5"]]
    assert "^^" not in page.driver.find_element(By.CSS_SELECTOR, ".yasr tbody").text


def test_only_http_iris_and_our_pages_become_links(page: Page) -> None:
    query = (
        "SELECT ?x WHERE { VALUES ?x { <javascript:alert(document.domain)> "
        "<data:text/html,hello> <https://example.org/a> <https://w3id.org/baap/id/region/AFR> } }"
    )
    page.open("/query?query=" + quote(query), "#query-app[data-state='done']")
    wait_results(page)
    links = [
        a.get_attribute("href") for a in page.driver.find_elements(By.CSS_SELECTOR, ".yasr tbody a")
    ]
    assert sorted(links) == sorted(["https://example.org/a", f"{page.origin}/id/region/AFR"])
    shown = page.driver.find_element(By.CSS_SELECTOR, ".yasr tbody").text
    assert "javascript:alert(document.domain)" in shown and "data:text/html,hello" in shown
    assert page.driver.execute_script("return window.__alerted || false") is False


def test_the_result_table_speaks_chinese(page: Page) -> None:
    page.cookie_language("zh")
    page.open(
        "/query?example=06-activities-per-regional-initiative", "#query-app[data-state='done']"
    )
    wait_results(page)
    controls = page.driver.find_element(By.CSS_SELECTOR, "#yasr .yasr_header").text
    assert "30 个结果" in controls
    table_controls = page.driver.find_element(By.CSS_SELECTOR, "#yasr .tableControls").text
    assert "简洁视图" in table_controls and "每页行数" in table_controls
    description = page.driver.find_element(By.ID, "example-description").text
    assert "每项区域性举措一行" in description
    assert page.english() == []
