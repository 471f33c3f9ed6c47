"""Resolve regional-initiative headings to initiatives, cross-checked against official titles.

A heading gives a region, maybe numbers, maybe titles. Numbers and titles are both resolved; when
they disagree, both initiatives are linked and the conflict is reported as a source issue. A
region heading with neither is resolved through the curated table, by section and heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from service.extract.structure import REGION_CODES, REGION_PREFIX, Heading
from service.namespaces import BAAP, ID
from service.rdfio import Triple
from service.reference import labels_by_class, read_table, split_list

_NUMBER = re.compile(r"(?:区域性举措|区域举措|RI)\s*([1-5])")
_MANGLED = re.compile(r"区域R1([1-5])")  # "R13": RI3 with I printed as 1


@dataclass
class Resolution:
    """The initiatives a heading stands for, and what was irregular about it."""

    heading: Heading
    initiatives: set[str] = field(default_factory=set)
    curated: bool = False  # True: resolved through the curated table, not stated
    problems: list[tuple[str, str]] = field(default_factory=list)  # (issue type, explanation)


def titles_by_initiative(reference: list[Triple]) -> dict[str, set[str]]:
    """Chinese titles (label and alternatives) of every regional initiative, by code."""
    titles: dict[str, set[str]] = {}
    for node, title in labels_by_class(reference, BAAP.RegionalInitiative, {"zh"}):
        titles.setdefault(str(node)[len(f"{ID}regional-initiative/") :], set()).add(title)
    return titles


def _title_matches(title: str, region: str, titles: dict[str, set[str]]) -> set[str]:
    title = title.strip()
    if len(title) < 4:
        return set()
    return {
        code
        for code, names in titles.items()
        if code.startswith(region) and any(title == n or title in n or n in title for n in names)
    }


def _parts(text: str) -> list[tuple[str | None, str]]:
    """(number, title) for each initiative a heading names; combined headings give several."""
    body = REGION_PREFIX.sub("", text, count=1)
    pieces = re.split(r"和(?=区域性举措\s*[1-5]|区域举措\s*[1-5])", body)
    parts = []
    for piece in pieces:
        number = _NUMBER.search(piece) or _MANGLED.search(piece)
        title = piece.split("：", 1)[1] if "：" in piece else ""
        parts.append((number.group(1) if number else None, title))
    return parts


def resolve_heading(
    heading: Heading,
    section: str,
    titles: dict[str, set[str]],
    curated: dict[tuple[str, str], set[str]],
) -> Resolution:
    """The initiatives of one heading in a regional-initiatives subsection."""
    prefix = REGION_PREFIX.match(heading.text)
    resolution = Resolution(heading)
    if prefix is None:
        return resolution
    region = REGION_CODES[prefix.group(1)]
    if _MANGLED.search(heading.text):
        resolution.problems.append(
            ("typo", "initiative code printed as R1x (RI with I printed as 1)")
        )
    for number, title in _parts(heading.text):
        by_number = {f"{region}{number}"} if number else set()
        by_title = _title_matches(title, region, titles)
        if number and not title.strip():
            resolution.problems.append(
                ("heading-missing-title", f"{region}{number} heading has no title")
            )
        if not number and by_title:
            resolution.problems.append(
                (
                    "heading-missing-number",
                    "heading without initiative number, resolved by title to "
                    + ", ".join(sorted(by_title)),
                )
            )
        if by_number and by_title and not by_number & by_title:
            resolution.problems.append(
                (
                    "heading-number-conflict",
                    f"number says {', '.join(sorted(by_number))} but the title is that of "
                    f"{', '.join(sorted(by_title))}; both are linked",
                )
            )
        resolution.initiatives |= by_number | by_title
    if not resolution.initiatives and (section, heading.text) in curated:
        resolution.initiatives = set(curated[(section, heading.text)])
        resolution.curated = True
        resolution.problems.append(
            (
                "heading-missing-number",
                "bare region heading with neither initiative number nor title; linked through "
                "the curated table (region_heading_initiatives.csv) to "
                + ", ".join(sorted(resolution.initiatives))
                if resolution.initiatives
                else "bare region heading with neither initiative number nor title, and no "
                "initiative of the region fits its bullets (region_heading_initiatives.csv); "
                "its activities carry the region only",
            )
        )
    return resolution


def read_region_heading_table(path: Path) -> dict[tuple[str, str], set[str]]:
    """Curated initiatives for region headings with no number or title, by (section, heading)."""
    return {
        (r["section"], r["heading"]): set(split_list(r["initiatives"])) for r in read_table(path)
    }
