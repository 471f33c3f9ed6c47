"""Fixtures of the content tests: what is slow to compute on the real data, computed once."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.store import KnowledgeStore
from service.validation import ValidationReport, shape_set, validate_dataset


@pytest.fixture(scope="session")
def pyshacl_dataset_report(store: KnowledgeStore, settings: Settings) -> ValidationReport:
    """pySHACL's report on the whole dataset (the union, and each single graph against its own
    shapes): the reference engine, made once (it takes about 20 s)."""
    return validate_dataset(store.oxigraph, shape_set(settings.shapes_dir), "pyshacl")
