"""Find countries and organisations named in a passage: longest match, traps masked.

Names come from the reference graph (labels and alternative labels), so the gazetteer and the
vocabulary can never disagree. Known traps are masked before matching: 中国 inside 发展中国家,
南非 inside 撒哈拉以南非洲, 萨摩亚 inside 萨摩亚途径 (the SAMOA Pathway), ITU partners'
names that merely contain a country (英国电信学院 = BT Academy, 美国电信培训学院 = USTTI), and
languages or cities named after a country (西班牙文, 葡萄牙语, 西班牙港 = Port of Spain).
Readings that depend on the sentence (马里 for the project Malee, 多米尼加 for the Dominican
Republic) come from the curated overrides, keyed by a context string rather than a line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from service.namespaces import BAAP
from service.rdfio import Triple
from service.reference import entity, labels_by_class, read_table

COUNTRY_TRAPS = (
    "发展中国家", "撒哈拉以南非洲", "萨摩亚途径", "英国电信学院", "美国电信培训学院",
    "美国电信培训署",
    # languages and a city named after a country: 西班牙文 (Spanish, 14 lines), 葡萄牙语国家
    # (a Portuguese-speaking country, L787), 西班牙港 (Port of Spain, Trinidad and Tobago, L800)
    "西班牙文", "西班牙语", "葡萄牙语", "西班牙港",
)  # fmt: skip
#: bare 多米尼加 (not followed by 共和国) means Dominica unless an override says otherwise
AMBIGUOUS = {"多米尼加": "DMA"}


@dataclass(frozen=True)
class Match:
    """A name found in a text: the entity and the surface string."""

    iri: URIRef
    surface: str
    start: int = 0  # where the name is printed in the text searched
    end: int = 0


class Gazetteer:
    """Surface strings -> entities, matched longest first."""

    def __init__(self, names: dict[str, URIRef], traps: Iterable[str] = ()) -> None:
        self.names = names
        self.traps = tuple(traps)
        chinese = sorted((n for n in names if not n.isascii()), key=len, reverse=True)
        latin = sorted((n for n in names if n.isascii()), key=len, reverse=True)
        parts = [re.escape(n) for n in chinese]
        if latin:  # a Latin name is a whole word; the check is written once for all of them
            words = "|".join(re.escape(n) for n in latin)
            parts.append(rf"(?<![A-Za-z0-9])(?:{words})(?![A-Za-z0-9])")
        self.pattern = re.compile("|".join(parts)) if parts else None
        # the same passage is read again for its parts, roles and lead-ins: one scan per text
        self._found: dict[str, tuple[Match, ...]] = {}

    def find(self, text: str) -> list[Match]:
        """Every non-overlapping name in `text`, leftmost-longest."""
        if self.pattern is None:
            return []
        found = self._found.get(text)
        if found is None:
            masked = text
            for trap in self.traps:
                masked = masked.replace(trap, "□" * len(trap))
            found = tuple(
                Match(self.names[m.group(0)], m.group(0), m.start(), m.end())
                for m in self.pattern.finditer(masked)
            )
            self._found[text] = found
        return list(found)


def _names_of(reference: list[Triple], cls: URIRef, langs: set[str]) -> dict[str, URIRef]:
    names: dict[str, URIRef] = {}
    for node, label in labels_by_class(reference, cls, langs):
        names.setdefault(label, node)
    return names


def country_gazetteer(reference: list[Triple]) -> Gazetteer:
    """Chinese names and variants of every country in the reference graph."""
    names = _names_of(reference, BAAP.Country, {"zh"})
    for surface, iso3 in AMBIGUOUS.items():
        names[surface] = entity(f"country/{iso3}")
    return Gazetteer(names, COUNTRY_TRAPS)


def organization_gazetteer(reference: list[Triple]) -> Gazetteer:
    """Chinese names, variants and printed acronyms of every organisation."""
    return Gazetteer(_names_of(reference, BAAP.Organization, {"zh", "en"}))


@dataclass(frozen=True)
class Override:
    """A curated reading of one surface string wherever `context` occurs."""

    context: str
    surface: str
    iso3: str


def read_gazetteer_overrides(path: Path) -> list[Override]:
    """Readings of ambiguous names in a given context (a string of the line)."""
    return [Override(r["context"], r["surface"], r["iso3"]) for r in read_table(path)]


def country_matches(
    text: str, gazetteer: Gazetteer, overrides: list[Override]
) -> list[tuple[Match, URIRef | None]]:
    """Every country name in `text` with its reading after the overrides whose context the text
    contains (None: an override says the name is no country here)."""
    readings: list[tuple[Match, URIRef | None]] = []
    for match in gazetteer.find(text):
        iri: URIRef | None = match.iri
        for override in overrides:
            if override.context in text and override.surface == match.surface:
                iri = None if override.iso3 == "none" else entity(f"country/{override.iso3}")
                break
        readings.append((match, iri))
    return readings


def countries_in(text: str, gazetteer: Gazetteer, overrides: list[Override]) -> set[URIRef]:
    """The countries a text names, after the overrides whose context it contains."""
    return {iri for _, iri in country_matches(text, gazetteer, overrides) if iri is not None}
