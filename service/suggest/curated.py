"""The curated SDG-target and WSIS-line links the method learns from: those graph `curation`
holds from the two blind passes, by the rule of `service.extract.curated_links`, each with every
piece of evidence the passes quote.

The review pass is left out on purpose: its reviewers decided on candidates put in front of them
(one pass's links, the priority mapping's targets), so its links are not independent judgements
of a text, and a model trained with them lists more lines than annotators of new texts give
(development set, WSIS lines: P / R 0.69 / 0.74 -> 0.62 / 0.82, 0.59 / 0.90 with the review's
low-confidence links too; README).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from service.extract.curated_links import chosen_row, given_rows, read_passes, wsis_notation

KINDS: Final = {"sdg": "sdgTarget", "wsis": "wsisActionLine"}


@dataclass(frozen=True)
class CuratedLink:
    """One kept link: its kind (`sdgTarget`, `wsisActionLine`), notation and the evidence."""

    kind: str
    notation: str
    evidence: tuple[str, ...]


def curated_links(curated_dir: Path) -> dict[str, list[CuratedLink]]:
    """The kept links by activity key, in a fixed order."""
    kept: dict[str, list[CuratedLink]] = {}
    for (activity, kind, code), rows in given_rows(read_passes(curated_dir, review=False)).items():
        if chosen_row(rows) is None:
            continue
        evidence = tuple(dict.fromkeys(r.evidence for r in rows if r.evidence))
        notation = wsis_notation(code) if kind == "wsis" else code
        kept.setdefault(activity, []).append(CuratedLink(KINDS[kind], notation, evidence))
    return kept
