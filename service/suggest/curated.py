"""The curated SDG-target and WSIS-line links the method learns from: those graph `curation`
holds, by the rule of `service.extract.curated_links` (eight passes; a link three of them give,
or one or two and the activity's priority mapping), each with every piece of evidence the passes
that give it quote.

Version 1.1 learned from the two blind passes only. Measured on the development set against
two open relabels of its texts (tests/eval/relabels.csv), learning from the graph's links raised
SDG-target precision by 0.04-0.05 at the same recall (1.3); 1.4 learns from the wider curation
of eight passes (README, "Version 1.4")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from service.extract.curated_links import CuratedPasses
from service.extract.mapping import Mapped

KINDS: Final = {"sdg": "sdgTarget", "wsis": "wsisActionLine"}


@dataclass(frozen=True)
class CuratedLink:
    """One kept link: its kind (`sdgTarget`, `wsisActionLine`), notation and the evidence."""

    kind: str
    notation: str
    evidence: tuple[str, ...]


def curated_links(curated_dir: Path, mapped: Mapped | None = None) -> dict[str, list[CuratedLink]]:
    """The kept links by activity key, in a fixed order (`mapped`: the links the priority
    mapping gives each activity, which the widest rule weighs)."""
    kept: dict[str, list[CuratedLink]] = {}
    for rows, row, _ in CuratedPasses.read(curated_dir).kept(mapped):
        evidence = tuple(dict.fromkeys(r.evidence for r in rows if r.evidence))
        _, notation, _ = row.target()
        kept.setdefault(row.activity, []).append(CuratedLink(KINDS[row.kind], notation, evidence))
    return kept
