"""HEAD wherever GET (RFC 9110, 9.3.2): every resource a client may GET answers HEAD with the same
status and headers and no body, and a 405 names HEAD beside GET in `Allow` (`service.head`)."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import LiveServer

PAGES = (
    "/", "/query", "/browse/activities", "/search?q=UNDP", "/report", "/audit.html", "/docs",
    "/suggest", "/ontology", "/id/activity/1-gen-1", "/id/region/AFR", "/static/baap/site.css",
    "/sparql?query=ASK%7B%7D", "/store?graph=https%3A%2F%2Fw3id.org%2Fbaap%2Fgraph%2Fontology",
)  # fmt: skip
COMPARED = ("content-type", "etag", "vary", "cache-control", "link")


def _get_paths(live_server: LiveServer) -> list[str]:
    """Every GET operation of the OpenAPI document without path parameters, and the pages."""
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    operations = [p for p, ops in spec["paths"].items() if "get" in ops and "{" not in p]
    return sorted(set(operations) | set(PAGES))


@pytest.mark.e2e
def test_every_get_resource_answers_head_with_the_same_headers(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        for path in _get_paths(live_server):
            get, head = client.get(path), client.head(path)
            assert head.status_code == get.status_code, path
            assert head.content == b"", path
            for name in COMPARED:
                assert head.headers.get(name) == get.headers.get(name), (path, name)
            if "content-length" in head.headers and get.headers.get("content-encoding") is None:
                assert int(head.headers["content-length"]) == len(get.content), path


@pytest.mark.e2e
def test_the_server_sends_no_body_on_head(live_server: LiveServer) -> None:
    where = urlsplit(live_server.url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall(b"HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"content-length" in head.lower()
    assert body == b""


@pytest.mark.e2e
def test_a_405_names_head_beside_get(live_server: LiveServer) -> None:
    response = httpx.post(f"{live_server.url}/health", content=b"x")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
