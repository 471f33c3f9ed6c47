"""A real browser for the page tests: Debian's Chromium, headless, driven by Selenium through
Debian's chromedriver (never a downloaded browser build).

`browser` is one Chrome session for the whole run; `Page` wraps it with what every test checks:
console errors, Content-Security-Policy violations (recorded by a listener installed before any
page script runs), requests to another origin and the status of the page itself (from the
DevTools performance log), sideways scrolling, English left on a Chinese page, and axe-core (the
vendored copy) run in the page. `Page.phone()` emulates a 390x844 phone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import LiveServer

CHROMIUM = Path(os.environ.get("BAAP_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("BAAP_CHROMEDRIVER", "/usr/bin/chromedriver"))
AXE = Path(__file__).resolve().parents[2] / "service/static/vendor/axe-core/axe.min.js"
ENGLISH = Path(__file__).resolve().parent / "english.js"
#: Runs before every page's own scripts: records CSP violations where a test can read them.
CSP_RECORDER = (
    "window.__cspViolations = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
    "e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '')));"
)
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--window-size=1280,900",
    "--lang=en-US",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here needs the system browser; without it they are skipped, saying why."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    for item in items:
        if "tests/browser/" not in str(item.path).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.e2e)
        if missing:
            item.add_marker(
                pytest.mark.skip(
                    reason=f"no {' and no '.join(missing)}: apt-get install chromium "
                    "chromium-driver (make test does)"
                )
            )


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the session, logging console messages and network events."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_RECORDER})
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class Page:
    """The browser on the live server, with the checks every page must pass."""

    driver: webdriver.Chrome
    origin: str
    _urls: list[str] = field(default_factory=list)
    _status: int = 0

    def open(self, path: str, ready: str = "main h1") -> None:
        """Load `path` (logs drained first) and wait for `ready` to be in the page."""
        if self.driver.current_url.split("#")[0] == (self.origin + path).split("#")[0]:
            self.driver.get("about:blank")  # else a same-page address is not loaded again
        self.drain()
        self._urls, self._status = [], 0
        self.driver.get(self.origin + path)
        self.wait_for(ready)

    def wait_for(self, selector: str, timeout: float = 30) -> Any:
        """The first element matching `selector`, once present."""
        return WebDriverWait(self.driver, timeout).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
        )

    def drain(self) -> None:
        """Forget the console and network events so far."""
        self.driver.get_log("browser")
        self.driver.get_log("performance")

    def console_errors(self) -> list[str]:
        """Console messages of level SEVERE (errors, failed loads, CSP refusals) since the last
        drain; the page's own status line is left out (a 404 page is meant to be a 404)."""
        own = f"{self.driver.current_url.split('#')[0]} - Failed to load resource"
        return [
            e["message"]
            for e in self.driver.get_log("browser")
            if e["level"] == "SEVERE" and not e["message"].startswith(own)
        ]

    def _network(self) -> None:
        """Read the performance log once per page: requested URLs and the page's status."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message.get("method") == "Network.requestWillBeSent":
                self._urls.append(params["request"]["url"])
            elif (
                message.get("method") == "Network.responseReceived"
                and params.get("type") == "Document"
            ):
                self._status = int(params["response"]["status"])

    def requested_urls(self) -> list[str]:
        """Every URL the page requested since the last drain (DevTools Network events)."""
        self._network()
        return list(self._urls)

    def status(self) -> int:
        """The HTTP status of the page itself (the last document loaded)."""
        self._network()
        return self._status

    def csp_violations(self) -> list[str]:
        """Content-Security-Policy violations in this page so far."""
        found: list[str] = self.driver.execute_script("return window.__cspViolations || [];")
        return found

    def sideways(self) -> int:
        """How many CSS pixels the document is wider than the viewport (0: no sideways scroll)."""
        width: int = self.driver.execute_script(
            "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth;"
        )
        return max(0, width)

    def english(self) -> list[str]:
        """English text on the page outside what is marked as English, code or data (for Chinese
        pages; `english.js` says what is exempt and why)."""
        found: list[str] = self.driver.execute_script(ENGLISH.read_text(encoding="utf-8"))
        return found

    def phone(self) -> None:
        """Emulate a 390x844 phone until `desktop()`."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)

    def desktop(self) -> None:
        """Back to the desktop window."""
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def off_origin(self, urls: list[str]) -> list[str]:
        """The URLs that leave this server's origin (data: and blob: stay in the page)."""
        own = urlsplit(self.origin)
        return [
            u
            for u in urls
            if urlsplit(u).scheme not in ("data", "blob", "about")
            and (urlsplit(u).scheme, urlsplit(u).netloc) != (own.scheme, own.netloc)
        ]

    def load_seconds(self) -> float:
        """Navigation start to the end of the load event, from the Navigation Timing API."""
        timing = self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n ? n.loadEventEnd - n.startTime : -1;"
        )
        return float(timing) / 1000

    def axe_violations(self) -> list[dict[str, Any]]:
        """Serious and critical accessibility violations axe-core finds in the page."""
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        self.driver.set_script_timeout(60)
        violations: list[dict[str, Any]] = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: "
            "'critical', help: String(e), nodes: []}]));"
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n.get("target") for n in v.get("nodes", [])][:5],
            }
            for v in violations
            if v.get("impact") in ("serious", "critical")
        ]

    def cookie_language(self, lang: str) -> None:
        """Choose the page language as a visitor would (the switch sets the cookie)."""
        self.open(f"/?lang={lang}")


@pytest.fixture
def page(browser: webdriver.Chrome, live_server: LiveServer) -> Iterator[Page]:
    """The browser on the live server, in English to start with."""
    browser.delete_all_cookies()
    current = Page(browser, live_server.url)
    yield current
    current.desktop()
    browser.delete_all_cookies()
