"""A real browser for the page tests: Debian's Chromium, headless, driven by Selenium through
Debian's chromedriver (never a downloaded browser build).

`browser` is one Chrome session for the whole run; `Page` wraps it with what every test checks:
console errors, requests to another origin (from the DevTools performance log), load time from the
Navigation Timing API, and axe-core (the vendored copy) run in the page.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
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
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class Page:
    """The browser on the live server, with the checks every page must pass."""

    driver: webdriver.Chrome
    origin: str

    def open(self, path: str, ready: str = "main h1") -> None:
        """Load `path` (logs drained first) and wait for `ready` to be in the page."""
        self.drain()
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
        """Console messages of level SEVERE (errors, failed loads) since the last drain."""
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def requested_urls(self) -> list[str]:
        """Every URL the page requested since the last drain (DevTools Network events)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

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
    browser.delete_all_cookies()
