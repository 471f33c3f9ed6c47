"""The curated SDG-target and WSIS-line links the method learns from: those graph `curation`
holds, by the rule of `service.extract.curated_links` (two independent passes; a link both give,
or one only one gives and rates high), each with every piece of evidence the passes quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from service.extract.curated_links import PASS_FILES, chosen_row, read_pass, wsis_notation

KINDS: Final = {"sdg": "sdgTarget", "wsis": "wsisActionLine"}


@dataclass(frozen=True)
class CuratedLink:
    """One kept link: its kind (`sdgTarget`, `wsisActionLine`), notation and the evidence."""

    kind: str
    notation: str
    evidence: tuple[str, ...]


def curated_links(curated_dir: Path) -> dict[str, list[CuratedLink]]:
    """The kept links by activity key, in a fixed order."""
    first, second = (read_pass(curated_dir / name) for name in PASS_FILES)
    kept: dict[str, list[CuratedLink]] = {}
    for key in sorted(first.keys() | second.keys()):
        one, two = first.get(key), second.get(key)
        if chosen_row(one, two) is None:
            continue
        activity, kind, code = key
        evidence = tuple(dict.fromkeys(r.evidence for r in (one, two) if r and r.evidence))
        notation = wsis_notation(code) if kind == "wsis" else code
        kept.setdefault(activity, []).append(CuratedLink(KINDS[kind], notation, evidence))
    return kept
