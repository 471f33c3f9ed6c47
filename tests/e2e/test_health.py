"""GET /health over real HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import LiveServer

pytestmark = pytest.mark.e2e


def test_health_reports_triples_per_named_graph(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.url}/health", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    graphs = body["graphs"]
    assert graphs["https://w3id.org/baap/graph/ontology"] > 100
    assert graphs["https://w3id.org/baap/graph/reference"] > 1000
    assert body["triples"] == sum(graphs.values())
    assert len(body["dataVersion"]) == 16
