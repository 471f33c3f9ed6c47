"""Compression, validators and CORS, as browsers and HTTP caches use them, against a real server:
br and gzip by Accept-Encoding (the /sparql results too), Vary, strong ETags per representation,
304 for strong, weak, `*` and list validators, Cache-Control per resource, a preflight that asks
to send If-None-Match."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import brotli
import httpx
import pytest

from tests.e2e.conftest import Server, running_server

pytestmark = pytest.mark.e2e

CACHEABLE = [
    "/audit",
    "/audit.csv",
    "/audit.html",
    "/api/activities?perPage=5",
    "/api/regions",
    "/id/regional-initiative/AFR1",
    "/context.jsonld",
    "/sparql/examples",
    "/ontology",
    "/store?graph=https://w3id.org/baap/graph/ontology",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory, "caching", [], {}) as running:
        yield running


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    # Raw bytes: httpx must not decode for us (it would hide what the server sent).
    with httpx.Client(timeout=30, headers={"accept-encoding": "identity"}) as shared:
        yield shared


def _raw(client: httpx.Client, url: str, **headers: str) -> tuple[httpx.Response, bytes]:
    """The response and its bytes exactly as sent (httpx would decode them)."""
    with client.stream("GET", url, headers=headers) as response:
        return response, b"".join(response.iter_raw())


def _decode(encoding: str | None, data: bytes) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "br":
        return bytes(brotli.decompress(data))
    return data


@pytest.mark.parametrize("encoding", ["gzip", "br"])
@pytest.mark.parametrize(
    "path", ["/audit.html", "/audit", "/api/activities", "/sparql?query=SELECT%20*%20%7B?s%20?p%20?o%7D%20LIMIT%20500", "/query"]
)  # fmt: skip
def test_text_responses_are_compressed_when_the_client_accepts(
    server: Server, client: httpx.Client, path: str, encoding: str
) -> None:
    plain, plain_bytes = _raw(client, server.url + path)
    packed, packed_bytes = _raw(client, server.url + path, **{"accept-encoding": encoding})
    assert packed.status_code == plain.status_code == 200
    assert packed.headers["content-encoding"] == encoding
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert len(packed_bytes) < len(plain_bytes)
    assert _decode(encoding, packed_bytes) == plain_bytes


def test_br_is_preferred_and_q_zero_is_respected(server: Server, client: httpx.Client) -> None:
    url = server.url + "/audit.html"
    assert client.get(url, headers={"accept-encoding": "gzip, br"}).headers[
        "content-encoding"
    ] == "br"
    assert client.get(url, headers={"accept-encoding": "br;q=0, gzip"}).headers[
        "content-encoding"
    ] == "gzip"
    assert "content-encoding" not in client.get(url, headers={"accept-encoding": "br;q=0"}).headers


@pytest.mark.parametrize("path", CACHEABLE)
def test_every_cacheable_get_has_a_strong_etag_and_cache_control(
    server: Server, client: httpx.Client, path: str
) -> None:
    response = client.get(server.url + path)
    assert response.status_code == 200, response.text[:200]
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong
    assert "max-age" in response.headers["cache-control"]


@pytest.mark.parametrize("path", CACHEABLE)
def test_304_for_strong_weak_star_and_list_validators(
    server: Server, client: httpx.Client, path: str
) -> None:
    url = server.url + path
    etag = client.get(url).headers["etag"]
    for header in (etag, "W/" + etag, "*", f'"nope", {etag}', f'W/"other",W/{etag}'):
        response = client.get(url, headers={"if-none-match": header})
        assert response.status_code == 304, (header, response.status_code)
        assert response.content == b""
        assert response.headers["etag"] == etag
        assert "max-age" in response.headers["cache-control"]
    assert client.get(url, headers={"if-none-match": '"nope"'}).status_code == 200


def test_representations_of_one_resource_have_different_etags(
    server: Server, client: httpx.Client
) -> None:
    tags = {
        client.get(server.url + path).headers["etag"]
        for path in ("/audit", "/audit.csv", "/audit.html")
    }
    assert len(tags) == 3
    url = server.url + "/id/regional-initiative/AFR1"
    by_type = {
        client.get(url, headers={"accept": media}).headers["etag"]
        for media in ("application/ld+json", "text/turtle", "application/n-triples")
    }
    assert len(by_type) == 3
    api = server.url + "/api/regions"
    api_tags = {
        client.get(api, headers={"accept": media}).headers["etag"]
        for media in ("application/ld+json", "application/json")
    }
    assert len(api_tags) == 2
    gz = client.get(url, headers={"accept-encoding": "gzip"})
    plain = client.get(url)
    if gz.headers.get("content-encoding") == "gzip":
        assert gz.headers["etag"] != plain.headers["etag"]
        again = client.get(
            url, headers={"accept-encoding": "gzip", "if-none-match": gz.headers["etag"]}
        )
        assert again.status_code == 304 and again.headers["etag"] == gz.headers["etag"]


def test_a_preflight_may_ask_for_the_headers_browser_apps_send(
    server: Server, client: httpx.Client
) -> None:
    for path in ("/sparql", "/api/activities", "/audit"):
        response = client.options(
            server.url + path,
            headers={
                "origin": "https://app.example",
                "access-control-request-method": "GET",
                "access-control-request-headers": "if-none-match, accept, content-type, authorization",
            },
        )
        assert response.status_code == 200, (path, response.text)
        allowed = response.headers["access-control-allow-headers"].lower()
        for header in ("if-none-match", "accept", "content-type", "authorization"):
            assert header in allowed
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers


def test_a_timeout_and_a_full_queue_say_when_to_retry(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    env = {"BAAP_QUERY_TIMEOUT_S": "1"}
    with running_server(tmp_path_factory, "retry", [], env) as slow:
        response = httpx.get(
            slow.sparql,
            params={"query": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"},
            timeout=30,
        )
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) >= 1
