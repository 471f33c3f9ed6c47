"""`GET /audit?check=...`: the auditor's gate over HTTP (200 when it passes, 409 naming the
failing rules and what breaks them)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from service.config import Settings
from service.store import KnowledgeStore
from tests.conftest import LiveServer, start_server, stop_server
from tests.content.test_audit_policy import ACTIVITY, BAAP, RULE


@pytest.fixture(scope="module")
def without_a_link(
    store: KnowledgeStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The data as built but for one regional-initiative link, served (with the same policy)."""
    link = ox.NamedNode(f"{BAAP}regionalInitiative")
    removed = set(store.oxigraph.quads_for_pattern(ox.NamedNode(ACTIVITY), link, None))
    copy = ox.Store()
    copy.extend(q for q in store.oxigraph if q not in removed)
    path = tmp_path_factory.mktemp("gate-http") / "without-a-link.nq"
    copy.dump(str(path), format=ox.RdfFormat.N_QUADS)
    live = start_server(Settings(_env_file=None, data_files=(str(path),)))  # type: ignore[call-arg]
    try:
        yield live
    finally:
        stop_server(live)


@pytest.mark.e2e
def test_the_policy_passes_on_the_built_data(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.url}/audit", params={"check": "policy"})
    assert response.status_code == 200
    body = response.json()
    assert body["check"] == "policy" and body["passed"] is True and body["failed"] == []
    assert all(rule["passed"] for rule in body["rules"])
    shacl = httpx.get(f"{live_server.url}/audit", params={"check": "warning"})
    assert shacl.status_code == 200 and shacl.json()["passed"] is True


@pytest.mark.e2e
def test_the_policy_fails_with_409_naming_the_rule_and_the_activity(
    without_a_link: LiveServer,
) -> None:
    response = httpx.get(f"{without_a_link.url}/audit", params={"check": "policy"})
    assert response.status_code == 409
    body = response.json()
    assert body["passed"] is False and body["failed"] == [RULE]
    (rule,) = [r for r in body["rules"] if r["rule"] == RULE]
    assert rule["offenders"] == [ACTIVITY] and rule["required"] == 1.0


@pytest.mark.e2e
def test_an_unknown_check_is_a_400(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.url}/audit", params={"check": "maybe"})
    assert response.status_code == 400
    assert "policy" in response.json()["detail"]
