"""Graphs `report`, `curation`, `mapping` and `derived`, built from the report and curated files."""

from __future__ import annotations

from pathlib import Path

from service.rdfio import Triple


def build_report_graphs(source_dir: Path, reference: list[Triple]) -> dict[str, list[Triple]]:
    """The extracted graphs by name. Filled in by the extraction stages."""
    del source_dir, reference
    return {}
