"""What visitors do on the pages: switch to Chinese, filter and page the activities (on a phone
too, where the filters fold away), open an SDG target and its activities, drill from the audit's
heatmaps and gaps to the activities behind them, follow a report line to what was extracted from
it, read the API reference inside the site, and land on the site's own 404 page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from service.config import Settings
from tests.browser.conftest import Page
from tests.browser.test_query_editor import wait_results
from tests.conftest import LiveServer, start_server, stop_server

ID = "https://w3id.org/baap/id/"
SDG = "http://metadata.un.org/sdg/"


def graph_labels(live: LiveServer, iri: str) -> dict[str, str]:
    """{language: rdfs:label} of `iri`, as the endpoint answers."""
    query = (
        "SELECT ?l (LANG(?l) AS ?lang) WHERE { <" + iri + "> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    response = httpx.post(
        f"{live.url}/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    rows = response.json()["results"]["bindings"]
    return {r["lang"]["value"]: r["l"]["value"] for r in rows}


def test_switching_to_chinese_changes_the_labels(page: Page) -> None:
    page.open("/")
    nav = [a.text for a in page.driver.find_elements(By.CSS_SELECTOR, ".site-nav a") if a.text]
    assert nav == ["Home", "Query", "Browse", "Audit", "Suggest", "API docs"]
    page.driver.find_element(By.LINK_TEXT, "中文").click()
    page.wait_for("html[lang='zh']")
    nav = [a.text for a in page.driver.find_elements(By.CSS_SELECTOR, ".site-nav a") if a.text]
    assert nav == ["首页", "查询", "浏览", "审计", "建议", "API 文档"]
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


def test_filters_fold_behind_a_button_on_a_phone(page: Page, live_server: LiveServer) -> None:
    page.phone()
    page.open("/browse/activities?region=AFR", "#activity-list")
    form = page.driver.find_element(By.ID, "filters")
    toggle = page.driver.find_element(By.ID, "filters-toggle")
    assert not form.is_displayed() and toggle.is_displayed()
    results = page.driver.find_element(By.ID, "results-title")
    assert results.location["y"] < 400  # the results come first, right under the heading
    assert "1" in toggle.text  # says one filter is active
    toggle.click()
    assert form.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    Select(page.driver.find_element(By.ID, "f-year")).select_by_value("2020")
    page.driver.find_element(By.CSS_SELECTOR, ".filters button[type='submit']").click()
    WebDriverWait(page.driver, 10).until(lambda d: "year=2020" in d.current_url)
    api = httpx.get(f"{live_server.url}/api/activities?region=AFR&year=2020").json()
    assert (
        page.driver.find_element(By.ID, "results-title").text == f"{api['totalItems']} activities"
    )
    assert page.sideways() == 0


def test_an_sdg_target_page_shows_its_text_and_its_activities(
    page: Page, live_server: LiveServer
) -> None:
    labels = graph_labels(live_server, f"{SDG}5.b")
    for lang in ("en", "zh"):
        page.cookie_language(lang)
        page.open("/id/sdg/5.b", "#activities-title")
        assert page.driver.find_element(By.TAG_NAME, "h1").text == labels[lang]
        other = "zh" if lang == "en" else "en"
        assert page.driver.find_element(By.CSS_SELECTOR, "p.subtitle").text == labels[other]
    goal = page.driver.find_element(By.CSS_SELECTOR, ".sdg-goal a")
    assert goal.get_attribute("href").endswith("/id/sdg/5")
    members: set[str] = set()
    url: str | None = f"{live_server.url}/api/activities?sdg=5.b&perPage=200"
    while url:  # every page: more than 200 activities reach 5.b
        body = httpx.get(url).json()
        members |= {m["id"] for m in body["member"]}
        url = body["view"].get("next")
    listed = {
        ID + a.get_attribute("href").split("/id/", 1)[1]
        for a in page.driver.find_elements(By.CSS_SELECTOR, "#activities-title ~ section a.title")
    }
    assert listed and listed <= members
    goal.click()
    page.wait_for(".targets")
    targets = [
        a.get_attribute("href") for a in page.driver.find_elements(By.CSS_SELECTOR, ".targets a")
    ]
    assert any(t.endswith("/id/sdg/5.b") for t in targets) and len(targets) == 9


def test_a_heatmap_cell_opens_the_activities_behind_it(page: Page, live_server: LiveServer) -> None:
    page.open("/audit.html", "#matrices")
    card = page.driver.find_element(By.ID, "regionByRegionalInitiative").find_element(
        By.XPATH, "ancestor::div[contains(@class, 'card')]"
    )
    cells = card.find_elements(By.CSS_SELECTOR, ".heatmap a.cell")
    assert cells
    cell = cells[0]
    count = int(cell.find_element(By.CSS_SELECTOR, "text").text)
    href = cell.get_dom_attribute("href")
    page.driver.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", cell
    )
    WebDriverWait(page.driver, 10).until(lambda d: "/browse/activities" in d.current_url)
    page.wait_for("#activity-list")
    assert page.driver.find_element(By.ID, "results-title").text == f"{count} activities"
    query = dict(parse_qsl(urlsplit(href).query))
    assert set(query) == {"region", "regionalInitiative"}


def test_the_worst_gap_is_flagged_and_listed(page: Page, live_server: LiveServer) -> None:
    audit = httpx.get(f"{live_server.url}/audit", timeout=60).json()
    question = audit["coverage"]["question"]
    page.open("/audit.html", "#worst-gaps")
    flagged = page.driver.find_element(By.CSS_SELECTOR, "#coverage-question .flag")
    assert flagged.is_displayed()
    page.driver.find_element(
        By.CSS_SELECTOR, "#worst-gaps a[href='/audit/without/question']"
    ).click()
    page.wait_for("#activity-list")
    missing = question["total"] - question["any"]
    assert (
        page.driver.find_element(By.CSS_SELECTOR, "main .figure-head strong").text
        == f"{missing} activities"
    )


def test_a_report_line_links_to_what_was_extracted_from_it(page: Page) -> None:
    page.open("/report?start=82&end=82#L82", "#L82")
    line = page.driver.find_element(By.ID, "L82")
    assert "[bookmark" not in page.driver.find_element(By.CSS_SELECTOR, "ol.report").text
    link = line.find_element(By.CSS_SELECTOR, ".extracted a")
    assert link.text == "1-ri-1"
    link.click()
    page.wait_for(".passage")
    assert "/id/activity/1-ri-1" in page.driver.current_url
    toc = page.driver.execute_script("return document.querySelectorAll('.report-toc a').length")
    assert toc == 0  # (the activity page has no contents)
    page.open("/report", ".report-toc")
    sections = page.driver.find_elements(By.CSS_SELECTOR, ".report-toc a")
    assert len(sections) >= 16


def test_the_api_reference_is_a_page_of_the_site(page: Page) -> None:
    page.cookie_language("zh")
    page.open("/docs", "#swagger-ui[data-ready]")
    assert page.driver.find_element(By.TAG_NAME, "h1").text == "API 参考"
    assert (
        page.driver.find_element(By.CSS_SELECTOR, ".site-nav a[aria-current='page']").text
        == "API 文档"
    )
    operations = page.driver.find_elements(By.CSS_SELECTOR, "#swagger-ui .opblock")
    assert len(operations) > 10
    page.driver.find_element(By.CSS_SELECTOR, ".site-nav a[href='/']").click()
    page.wait_for("main h1")
    assert page.driver.current_url.rstrip("/") == page.origin


def test_an_unknown_address_is_the_sites_404_page(page: Page) -> None:
    page.open("/id/activity/no-such-activity", "main h1")
    assert page.status() == 404
    assert page.driver.find_element(By.TAG_NAME, "h1").text == "Page not found"
    assert page.driver.find_element(By.CSS_SELECTOR, ".site-nav")
    assert re.search(
        "no-such-activity", page.driver.find_element(By.CSS_SELECTOR, ".error-detail").text
    )
