"""The name lists of the model file (build side): countries, organisations and regions in
Chinese and English, taken from the reference graph through the extraction's own gazetteers,
plus the world's countries (`world_countries.csv`) for the ones the report never names."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from rdflib import URIRef

from service.extract.gazetteer import COUNTRY_TRAPS, country_gazetteer, organization_gazetteer
from service.extract.links import _REGION_TRAPS, SUBREGIONS
from service.extract.structure import REGION_CODES
from service.namespaces import BAAP, ID
from service.rdfio import Triple
from service.reference import labels_by_class, read_table, split_list

WORLD: Final = Path(__file__).resolve().parent / "world_countries.csv"
#: English names of the ITU regions and of the parts of them texts name.
REGIONS_EN: Final = {
    "Africa": "AFR", "African": "AFR", "Americas": "AMS", "Latin America": "AMS",
    "Caribbean": "AMS", "Central America": "AMS", "South America": "AMS", "Andean": "AMS",
    "Arab States": "ARB", "Arab region": "ARB", "Arab countries": "ARB", "Arab": "ARB",
    "Asia-Pacific": "ASP", "Asia and the Pacific": "ASP", "Asia Pacific": "ASP",
    "Pacific": "ASP", "Asian": "ASP", "Asia": "ASP", "CIS": "CIS",
    "Commonwealth of Independent States": "CIS", "Central Asia": "CIS", "Europe": "EUR",
    "European": "EUR", "Western Balkans": "EUR", "Balkans": "EUR", "Eastern Europe": "EUR",
}  # fmt: skip
REGION_TRAPS_EN: Final = ("European Union", "Asian Development Bank", "Arab Republic",
                          "Arab Emirates", "Arab Telecommunication Union")  # fmt: skip
COUNTRY_TRAPS_EN: Final = ("SAMOA Pathway",)
#: Chinese words that contain a country's name but are not the country (the report has none):
#: seas and coasts (沿海地区: 海地, Haiti), the Americas (拉美国家: 美国), Central Africa as a
#: region (中非, the Central African Republic's short name), "in ITU" (...中国际电联: 中国).
COUNTRY_TRAPS_WORLD: Final = (
    "西印度群岛", "印度洋", "几内亚湾", "海地区", "海地带", "海地域", "拉美国家", "欧美国家",
    "南美国家", "北美国家", "中美国家", "马里亚纳", "刚果盆地", "中非地区", "中非国家", "中非洲",
    "中国际",
)  # fmt: skip


def _tail(node: URIRef) -> str:
    return str(node).rsplit("/", 1)[-1]


def country_names(reference: list[Triple]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Surface -> ISO3 (the report's names first), and labels of the countries the reference
    graph lacks."""
    names = {surface: _tail(node) for surface, node in country_gazetteer(reference).names.items()}
    for node, label in labels_by_class(reference, BAAP.Country, {"en"}):
        names.setdefault(label, _tail(node))
        if label.endswith(")") and " (" in label:  # "Türkiye (Turkey)"
            names.setdefault(label.split(" (")[0], _tail(node))
    extra: dict[str, dict[str, str]] = {}
    for row in read_table(WORLD):
        english, chinese = split_list(row["names_en"]), split_list(row["names_zh"])
        for surface in english + chinese:
            names.setdefault(surface, row["iso3"])
        if english and chinese:
            iri = f"{ID}country/{row['iso3']}"
            extra[row["iso3"]] = {"iri": iri, "en": english[0], "zh": chinese[-1]}
    return dict(sorted(names.items())), extra


def partner_names(reference: list[Triple]) -> dict[str, str]:
    """Surface -> organisation slug: Chinese names, English names and printed acronyms."""
    names = {s: _tail(node) for s, node in organization_gazetteer(reference).names.items()}
    for node, label in labels_by_class(reference, BAAP.Organization, {"en"}):
        names.setdefault(label, _tail(node))
    return dict(sorted(names.items()))


def region_names() -> dict[str, str]:
    """Surface -> region code, in Chinese (the extraction's) and English."""
    names = dict(REGION_CODES)
    for part, codes in SUBREGIONS.items():
        if len(codes) == 1:
            names.setdefault(part, codes[0])
    names.update(REGIONS_EN)
    return dict(sorted(names.items()))


def traps() -> dict[str, list[str]]:
    """Names of nothing that contain a country's or region's name (`NameIndex` matches them
    like the others, leftmost-longest, and reports none of them)."""
    return {
        "country": sorted(set(COUNTRY_TRAPS) | set(COUNTRY_TRAPS_EN) | set(COUNTRY_TRAPS_WORLD)),
        "region": sorted(set(_REGION_TRAPS) | set(REGION_TRAPS_EN)),
    }
