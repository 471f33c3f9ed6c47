"""The edge middleware: Host checked, the public URL applied, the client identified."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from service.edge import CLIENT, Edge, valid_host


@pytest.mark.parametrize(
    "host",
    [b"example.org", b"example.org:8000", b"127.0.0.1", b"127.0.0.1:80", b"[::1]", b"[::1]:8000",
     b"localhost", b"a-b.c_d~e"],
)  # fmt: skip
def test_well_formed_hosts_are_accepted(host: bytes) -> None:
    assert valid_host(host)


@pytest.mark.parametrize(
    "host",
    [b"", b"a b", b"[::1", b"[::1]x", b"[zz]", b"example.org:", b"example.org:99999",
     b"example.org:8a", b"a:b:c", b"exa\x01mple", b"user@example.org", b"a/b", b"a" * 300,
     b"-a.org"],
)  # fmt: skip
def test_malformed_hosts_are_refused(host: bytes) -> None:
    assert not valid_host(host)


def _through(
    public_url: str | None,
    headers: list[tuple[bytes, bytes]],
    client: str = "10.0.0.1",
    trusted: tuple[str, ...] = (),
) -> tuple[dict[str, Any] | None, int | None, str]:
    """(the scope the app saw, or None; the status the edge answered, or None; CLIENT)."""
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen["scope"] = scope
        seen["client"] = CLIENT.get()

    async def send(message: Any) -> None:
        if message["type"] == "http.response.start":
            seen["status"] = message["status"]

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    scope = {
        "type": "http",
        "http_version": "1.1",
        "headers": headers,
        "client": (client, 5000),
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(Edge(app, public_url, trusted)(scope, receive, send))
    return seen.get("scope"), seen.get("status"), seen.get("client", "")


def test_the_public_url_replaces_scheme_host_and_server() -> None:
    scope, status, _ = _through("https://kg.example.org", [(b"host", b"evil.example")])
    assert status is None and scope is not None
    assert scope["scheme"] == "https"
    assert scope["server"] == ("kg.example.org", 443)
    assert [v for n, v in scope["headers"] if n == b"host"] == [b"kg.example.org"]


def test_without_a_public_url_a_valid_host_passes_unchanged() -> None:
    scope, _, _ = _through(None, [(b"host", b"example.org:8000")])
    assert scope is not None
    assert [v for n, v in scope["headers"] if n == b"host"] == [b"example.org:8000"]


@pytest.mark.parametrize("headers", [[(b"host", b"a b")], [(b"host", b"a"), (b"host", b"b")], []])
def test_a_bad_missing_or_repeated_host_is_answered_400_before_the_app(
    headers: list[tuple[bytes, bytes]],
) -> None:
    scope, status, _ = _through("http://127.0.0.1:8000", headers)
    assert scope is None
    assert status == 400


def test_forwarded_for_counts_only_from_a_trusted_proxy() -> None:
    forwarded = [(b"host", b"a"), (b"x-forwarded-for", b"1.2.3.4, 5.6.7.8")]
    assert _through(None, forwarded, client="10.0.0.1")[2] == "10.0.0.1"
    assert _through(None, forwarded, client="10.0.0.1", trusted=("10.0.0.1",))[2] == "5.6.7.8"
