"""The curated SDG-target and WSIS-line links the method learns from, by the plan's rule.

Two independent passes (`sdg_wsis_pass1.csv`, `sdg_wsis_pass2.csv` in data/source/curated/) each
give, per activity, links with the words of its text that show them and a confidence. A link
both passes give is kept; a link only one pass gives is kept when that pass rated it high. The
files spell C7 sub-lines `C7.e-health`; CONTRACT's notation is `C7-e-health`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from service.reference import read_table

PASSES: Final = ("sdg_wsis_pass1.csv", "sdg_wsis_pass2.csv")
KINDS: Final = {"sdg": "sdgTarget", "wsis": "wsisActionLine"}


@dataclass(frozen=True)
class CuratedLink:
    """One kept link: its kind (`sdgTarget`, `wsisActionLine`), notation and the evidence."""

    kind: str
    notation: str
    evidence: tuple[str, ...]


def notation(kind: str, code: str) -> str:
    """CONTRACT notation of a code as the passes print it (C7.e-health -> C7-e-health)."""
    return code.replace("C7.", "C7-", 1) if kind == "wsis" else code


def _links(path: Path) -> dict[tuple[str, str, str], list[dict[str, str]]]:
    found: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in read_table(path):
        if row["code"] == "none" or row["kind"] not in KINDS:
            continue
        key = (row["activity"], KINDS[row["kind"]], notation(row["kind"], row["code"]))
        found.setdefault(key, []).append(row)
    return found


def curated_links(curated_dir: Path) -> dict[str, list[CuratedLink]]:
    """The kept links by activity key, in a fixed order."""
    first, second = (_links(curated_dir / name) for name in PASSES)
    kept: dict[str, list[CuratedLink]] = {}
    for key in sorted(first.keys() | second.keys()):
        one, two = first.get(key, []), second.get(key, [])
        high = any(r["confidence"] == "high" for r in one + two)
        if (one and two) or high:
            evidence = tuple(dict.fromkeys(r["evidence"] for r in one + two if r["evidence"]))
            kept.setdefault(key[0], []).append(CuratedLink(key[1], key[2], evidence))
    return kept
