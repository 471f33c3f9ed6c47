"""BAAP_BASE_IRI: the built-in data is served under the configured base."""

from __future__ import annotations

from service.config import Settings
from service.resources import describe
from service.store import KnowledgeStore


def test_resources_are_named_under_the_configured_base() -> None:
    base = "http://localhost:8000/id/"
    settings = Settings(_env_file=None, base_iri=base)  # type: ignore[call-arg]
    store = KnowledgeStore.from_settings(settings)
    description = describe(store, f"{base}region/AFR")
    assert description, "the region is described under the new base"
    assert not describe(store, "https://w3id.org/baap/id/region/AFR")
    activities = store.select(
        "SELECT ?a { ?a a <https://w3id.org/baap/ontology#Activity> } LIMIT 5"
    )
    assert activities and all(row["a"].startswith(base) for row in activities)
