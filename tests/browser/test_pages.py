"""Every page of the site in headless Chromium, in English and Chinese, on a desktop window and a
390x844 phone: the status it should have (404 for the unknown, as a page of the site), no console
error, no Content-Security-Policy violation, nothing requested from another origin, no sideways
scrolling, no serious or critical axe-core violation, the page's language declared, and on
Chinese pages no English left (see `english.js`). The security headers and the absence of inline
script are checked over plain HTTP for the same pages."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from service.web.security import CONTENT_SECURITY_POLICY
from tests.browser.conftest import Page
from tests.conftest import LiveServer

#: path -> (selector present once the page is usable, expected HTTP status)
PAGES: dict[str, tuple[str, int]] = {
    "/": ("main h1", 200),
    "/query": ("#query-app[data-ready][data-completion='ready']", 200),
    "/query?example=06-activities-per-regional-initiative": ("#query-app[data-state='done']", 200),
    "/browse/activities": ("#activity-list", 200),
    "/browse/activities?region=AFR&thematicPriority=2&page=1": ("#activity-list", 200),
    "/search?q=kenya": ("#kind-Activity", 200),
    "/search": ("main h1", 200),
    "/report?start=82&end=82#L82": ("#L82", 200),
    "/audit.html": ("#coverage", 200),
    "/audit/without/question": ("#activity-list", 200),
    "/docs": ("#swagger-ui[data-ready]", 200),
    "/id/activity/1-ri-1": (".passage", 200),
    "/id/passage/1-ri-1": (".passage", 200),
    "/id/regional-initiative/AFR1": (".provenance", 200),
    "/id/region/AFR": ("main h1", 200),
    "/id/question/1-2": (".provenance", 200),
    "/id/organization/agcci": ("main h1", 200),
    "/id/sdg/5": (".targets", 200),
    "/id/sdg/5.b": ("#basis-derived", 200),
    "/id/country/KEN": ("main h1", 200),
    "/no/such/page": ("main h1", 404),
    "/id/region/XYZ": ("main h1", 404),
}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_is_clean_on_every_screen(page: Page, path: str, lang: str, device: str) -> None:
    """(How fast pages load is measured by `make bench`, not asserted here: a busy machine
    makes any wall-clock bound flaky.)"""
    if lang == "zh":
        page.cookie_language("zh")
    if device == "phone":
        page.phone()
    ready, status = PAGES[path]
    page.open(path, ready)
    time.sleep(0.2)  # late requests (labels, completion lists) are part of the page too
    assert page.status() == status
    assert page.driver.find_element("tag name", "html").get_attribute("lang") == lang
    assert page.console_errors() == []
    assert page.csp_violations() == []
    urls = page.requested_urls()
    assert page.off_origin(urls) == [], page.off_origin(urls)
    assert page.sideways() == 0, f"{path} is {page.sideways()} px wider than the screen"
    if lang == "zh":
        assert page.english() == []
    violations = page.axe_violations()
    assert violations == [], violations


def test_the_phone_header_is_compact(page: Page) -> None:
    page.phone()
    for lang in ("en", "zh"):
        page.cookie_language(lang)
        page.open("/browse/activities", "#activity-list")
        height = page.driver.execute_script(
            "return document.querySelector('.site-header').getBoundingClientRect().height"
        )
        assert height <= 100, f"the header takes {height} px of 844"


@pytest.mark.parametrize("path", [p for p, (_, status) in PAGES.items() if status == 200])
def test_pages_carry_the_security_headers_and_no_inline_script(
    live_server: LiveServer, path: str
) -> None:
    response = httpx.get(live_server.url + path, headers={"Accept": BROWSER_ACCEPT}, timeout=60)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    html = response.text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert all(
        "src=" in attributes and not body.strip() for attributes, body in scripts
    )
    assert not re.search(r"\son[a-z]+\s*=", html), "an inline event handler"
    assert "javascript:" not in html.lower()


@pytest.mark.parametrize(
    "path", ["/sparql?query=ASK%7B%7D", "/api/activities", "/audit", "/static/baap/site.css"]
)
def test_other_responses_carry_them_too(live_server: LiveServer, path: str) -> None:
    response = httpx.get(live_server.url + path, timeout=60)
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-frame-options"] == "DENY"
