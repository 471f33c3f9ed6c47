"""`/api/activities` role filters (CONTRACT v2 "Roles"): each equals a plain SPARQL query, is
documented in OpenAPI, and an unknown value is a 400 naming the valid ones."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from service.api_vocabulary import ROLE_FILTERS
from service.store import KnowledgeStore
from tests.conftest import LiveServer

P = "PREFIX baap: <https://w3id.org/baap/ontology#>\n"
ID = "https://w3id.org/baap/id/"

CASES = [
    ({"beneficiaryCountry": "KEN"}, f"?a baap:beneficiaryCountry <{ID}country/KEN> ."),
    ({"hostCountry": "EGY"}, f"?a baap:hostCountry <{ID}country/EGY> ."),
    ({"fundingCountry": "AUS"}, f"?a baap:fundingCountry <{ID}country/AUS> ."),
    ({"participantCountry": "URY"}, f"?a baap:participantCountry <{ID}country/URY> ."),
    (
        {"continuingBeneficiaryCountry": "KGZ"},
        f"?a baap:continuingBeneficiaryCountry <{ID}country/KGZ> .",
    ),  # fmt: skip
    ({"prospectiveCountry": "ETH"}, f"?a baap:prospectiveCountry <{ID}country/ETH> ."),
    (
        {"fundingPartner": "gates-foundation"},
        f"?a baap:fundingPartner <{ID}organization/gates-foundation> .",
    ),  # fmt: skip
    ({"coOrganizer": "FAO"}, f"?a baap:coOrganizer <{ID}organization/fao> ."),
    ({"leadPartner": "unicef"}, f"?a baap:leadPartner <{ID}organization/unicef> ."),
    ({"newPartner": "roche"}, f"?a baap:newPartner <{ID}organization/roche> ."),
    (
        {"hostCountry": "TUN", "year": "2019"},
        f'?a baap:hostCountry <{ID}country/TUN> ; baap:year ?y . FILTER(STR(?y) = "2019")',
    ),
]


def expected(store: KnowledgeStore, pattern: str) -> set[str]:
    return {r["a"] for r in store.select(P + f"SELECT DISTINCT ?a {{ ?a a baap:Activity . "
                                             f"{pattern} }}")}  # fmt: skip


@pytest.mark.e2e
@pytest.mark.parametrize(("params", "pattern"), CASES, ids=[str(c[0]) for c in CASES])
def test_role_filter_equals_sparql(
    live_server: LiveServer, store: KnowledgeStore, params: dict[str, str], pattern: str
) -> None:
    want = expected(store, pattern)
    assert want, f"{params} selects nothing: the case proves nothing"
    with httpx.Client(base_url=live_server.url) as client:
        body = client.get("/api/activities", params={**params, "perPage": "200"}).json()
    assert body["totalItems"] == len(want)
    assert {m["id"] for m in body["member"]} == want


@pytest.mark.e2e
def test_members_show_their_roles(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        body = client.get("/api/activities", params={"fundingCountry": "DNK"}).json()
    assert body["member"]
    assert all(f"{ID}country/DNK" in _ids(m["fundingCountry"]) for m in body["member"])
    assert all(f"{ID}country/DNK" in _ids(m["country"]) for m in body["member"])


def _ids(nodes: list[dict[str, Any]]) -> list[str]:
    return [node["id"] for node in nodes]


@pytest.mark.e2e
def test_an_unknown_role_value_is_a_400_naming_the_valid_ones(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        response = client.get("/api/activities", params={"hostCountry": "XXX"})
    assert response.status_code == 400
    assert "KEN" in response.json()["detail"]


@pytest.mark.e2e
def test_role_filters_are_documented_in_openapi(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        spec = client.get("/openapi.json").json()
    parameters = {p["name"]: p for p in spec["paths"]["/api/activities"]["get"]["parameters"]}
    for role, (dimension, _) in ROLE_FILTERS.items():
        assert role in parameters, role
        assert parameters[role]["description"]
        enum = parameters[role]["schema"]["anyOf"][0]["enum"]
        assert ("KEN" in enum) if dimension == "country" else ("fao" in enum or "FAO" in enum)
