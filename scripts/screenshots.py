"""Render the main pages of baap-kg with headless Chromium into docs/screenshots/*.png.

    .venv/bin/python scripts/screenshots.py [--out DIR] [--full] [--url URL] [name ...]

Starts `baap-kg serve` on a free loopback port, drives Debian's /usr/bin/chromium through
/usr/bin/chromedriver (Selenium; no browser is downloaded), and writes one PNG per entry of
SHOTS: desktop pages at 1280x900 (the query page 1280x1500, to show its results), phone pages at
390x844, in English or Chinese (`--full`: the whole page height). `make screenshots` runs it.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BAAP_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BAAP_CHROMEDRIVER", "/usr/bin/chromedriver")
WIDTH, HEIGHT = 1280, 900
PHONE_WIDTH, PHONE_HEIGHT = 390, 844
#: Pages taller than the window: their picture height.
TALL: dict[str, int] = {"query": 1500}
QUERY_READY = ".yasr table.dataTable td"
#: file name -> (path, what to wait for before the picture is taken, language, phone)
SHOTS: dict[str, tuple[str, str, str, bool]] = {
    "home": ("/", "main h1", "en", False),
    "query": ("/query?example=06-activities-per-regional-initiative", QUERY_READY, "en", False),
    "browse": ("/browse/activities?region=AFR", "#activity-list li", "en", False),
    "activity": ("/id/activity/1-ri-1", ".passage", "en", False),
    "sdg-target": ("/id/sdg/5.b", "#basis-derived", "en", False),
    "audit": ("/audit.html", "#coverage table", "en", False),
    "report": ("/report?start=82&end=86#L80", "#L82", "en", False),
    "home-zh": ("/", "main h1", "zh", False),
    "sdg-goal-zh": ("/id/sdg/5", ".targets", "zh", False),
    "query-zh": ("/query?example=06-activities-per-regional-initiative", QUERY_READY, "zh", False),
    "home-phone": ("/", "main h1", "en", True),
    "browse-phone": ("/browse/activities?region=AFR", "#activity-list li", "en", True),
    "audit-phone-zh": ("/audit.html", "#coverage table", "zh", True),
}


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    """`baap-kg serve` on `port`, in its own process group; returns once /health answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):  # noqa: S310
                return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("baap-kg did not start")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and its query workers (its process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def browser() -> webdriver.Chrome:
    """Headless Debian Chromium at 1280x900."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--window-size={WIDTH},{HEIGHT}",
        "--lang=en-US",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def shoot(
    driver: webdriver.Chrome,
    url: str,
    selector: str,
    out: Path,
    full: bool = False,
    height: int = HEIGHT,
    phone: bool = False,
) -> None:
    """Open `url`, wait for `selector`, save a PNG (`height` high, or the whole page)."""
    width = PHONE_WIDTH if phone else WIDTH
    height = PHONE_HEIGHT if phone else height
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone},
    )
    driver.get(url)
    WebDriverWait(driver, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
    )
    time.sleep(0.3)  # let the fonts settle
    if full:
        page_height = int(driver.execute_script("return document.documentElement.scrollHeight"))
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": min(max(page_height, height), 16000),
                "deviceScaleFactor": 1,
                "mobile": phone,
            },
        )
        time.sleep(0.2)
    driver.save_screenshot(str(out))


def main(argv: list[str] | None = None) -> int:
    """Render every shot of SHOTS (or those named) into `--out`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--full", action="store_true", help="capture the whole page height")
    parser.add_argument("--url", help="use this running server instead of starting one")
    parser.add_argument("pages", nargs="*", help=f"a subset of {', '.join(SHOTS)}, or /paths")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        print("needs chromium and chromium-driver: apt-get install chromium chromium-driver")
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    process = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        port = free_port()
        process = start_server(port)
        base = f"http://127.0.0.1:{port}"
    driver = browser()
    try:
        for name in args.pages or list(SHOTS):
            path, selector, lang, phone = SHOTS.get(name, (name, "main", "en", False))
            stem = name if name in SHOTS else name.strip("/").replace("/", "-") or "page"
            driver.get(f"{base}/?lang={lang}")  # sets the language cookie
            out = args.out / f"{stem}.png"
            page = name.split("-")[0]
            shoot(driver, base + path, selector, out, args.full, TALL.get(page, HEIGHT), phone)
            print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)
    finally:
        driver.quit()
        if process is not None:
            stop_server(process)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
