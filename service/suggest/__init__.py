"""Suggestions from an activity's text: the method behind `POST /suggest`, `baap-kg suggest` and
the build's `inferred` graph.

Serving side (no import of the extraction): `model` (the model file), `suggester` (the answer),
`scoring`, `names`, `text`. Build side: `corpus`, `curated`, `learning`, `names_table`,
`training` (writes data/generated/suggest-model.json), `inference`, `evaluate`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from service.suggest.links import InferredLink

if TYPE_CHECKING:
    from service.rdfio import Triple

__all__ = ["InferredLink", "inferred_links"]


def inferred_links(source_dir: Path, reference: list[Triple]) -> list[InferredLink]:
    """Links to SDG targets and WSIS lines the method reads in each activity's own text, by
    cross-validation (see `service.suggest.inference`). For the build's `inferred` graph:
    `source_dir` is data/source, `reference` the reference graph's triples."""
    from service.suggest.inference import inferred_links as infer

    return infer(source_dir, reference)
