"""What the method learns from: every activity of the dataset with its text, its English title
and its labels (build side: reads the extraction, never parses the report itself).

Labels are the report's stated links (thematic priority, regional initiatives, Questions, SDG
targets and WSIS lines it names) plus the curated ones (a priority curated for sections 11-15,
the SDG targets and WSIS lines of `service.suggest.curated`, with the words that show them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from service.extract.activities import Activity
from service.extract.curated_links import curated_priorities
from service.extract.mapping import mapped_links, mapping_rows, mapping_triples
from service.extract.pipeline import (
    _english_labels,
    _read_splits,
    _title_for,
    _titles,
    extract_activities,
)
from service.namespaces import BAAP, SDGO
from service.rdfio import Triple
from service.suggest.curated import curated_links

#: The kinds the method learns from text, and the class of their entities.
LEARNED_CLASSES = {
    "thematicPriority": BAAP.ThematicPriority,
    "regionalInitiative": BAAP.RegionalInitiative,
    "question": BAAP.Question,
    "sdgTarget": SDGO.Target,
    "wsisActionLine": BAAP.WSISActionLine,
}


@dataclass
class Item:
    """One activity as the method sees it."""

    key: str
    passage: str  # the passage key: parts of one passage are held out together
    line: int
    text: str
    title: str
    labels: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def add(self, kind: str, notation: str, evidence: tuple[str, ...] = ()) -> None:
        known = self.labels.setdefault(kind, {})
        known[notation] = tuple(dict.fromkeys(known.get(notation, ()) + evidence))


def notations(reference: list[Triple]) -> dict[URIRef, str]:
    """skos:notation of every reference entity."""
    return {s: str(o) for s, p, o in reference if p == SKOS.notation and isinstance(s, URIRef)}


def _stated(item: Item, activity: Activity, priority: str | None) -> None:
    if priority is not None:
        item.add("thematicPriority", priority)
    for code in sorted(activity.initiatives | activity.curated_initiatives):
        item.add("regionalInitiative", code)
    for question in sorted(activity.questions):
        number, group = question.split("-")
        item.add("question", f"Q{number}/{group}")
    for code in sorted(activity.sdgs):
        if "." in code:
            item.add("sdgTarget", code)
    for code in sorted(activity.wsis):
        item.add("wsisActionLine", code)


#: Where an activity is: the ISO3 codes of the countries and the regions the report gives it.
Place = tuple[set[str], set[str]]


def dataset(
    source_dir: Path, reference: list[Triple], activities: Sequence[Activity] | None = None
) -> tuple[list[Item], list[Place]]:
    """Every activity of the dataset with its labels, and where it is, in the extraction's order.
    `activities`: what `extract_activities(source_dir, reference)` gives, when the caller has
    it already (the report is then not extracted again)."""
    splits = _read_splits(source_dir)
    if activities is None:
        _, activities, _ = extract_activities(source_dir, reference, splits)
    titles, names = _titles(source_dir, splits), _english_labels(reference)
    priorities = curated_priorities(source_dir)
    priority_nodes = {s for s, p, o in reference if p == RDF.type and o == BAAP.ThematicPriority}
    by_slug = {
        str(s).rsplit("/", 1)[-1]: n for s, n in notations(reference).items() if s in priority_nodes
    }
    mapping = list(mapping_triples(mapping_rows(source_dir)))
    links = curated_links(source_dir / "curated", mapped_links(activities, priorities, mapping))
    items, places = [], []
    for activity in activities:
        title = _title_for(activity, titles, names) or ""
        item = Item(activity.key, activity.passage.key, activity.passage.start, activity.text,
                    title)  # fmt: skip
        slug = activity.priority or priorities.get(activity.passage.key)
        _stated(item, activity, by_slug.get(slug) if slug else None)
        for link in links.get(activity.key, []):
            item.add(link.kind, link.notation, link.evidence)
        items.append(item)
        places.append(({str(c).rsplit("/", 1)[-1] for c in activity.countries},
                       set(activity.regions)))  # fmt: skip
    return items, places


def corpus(source_dir: Path, reference: list[Triple]) -> list[Item]:
    """Every activity of the dataset with its labels, in the extraction's order."""
    return dataset(source_dir, reference)[0]


def priority_codes(entities: dict[str, dict[str, dict[str, str]]]) -> dict[str, str]:
    """Thematic priority slug (the last segment of its IRI) -> notation, from `entity_labels`."""
    return {row["iri"].rsplit("/", 1)[-1]: code
            for code, row in entities["thematicPriority"].items()}  # fmt: skip


def entity_labels(reference: list[Triple]) -> dict[str, dict[str, dict[str, str]]]:
    """By kind and notation: the IRI and the English and Chinese labels (rdfs:label)."""
    types = {(s, o) for s, p, o in reference if p == RDF.type}
    codes = notations(reference)
    labels: dict[URIRef, dict[str, str]] = {}
    for s, p, o in reference:
        if p == RDFS.label and isinstance(o, Literal) and o.language in ("en", "zh"):
            labels.setdefault(s, {})[o.language] = str(o)
    table: dict[str, dict[str, dict[str, str]]] = {}
    for kind, cls in {**LEARNED_CLASSES, "region": BAAP.Region, "country": BAAP.Country,
                      "partner": BAAP.Organization}.items():  # fmt: skip
        rows = {}
        for node in sorted(s for s, o in types if o == cls):
            code = codes.get(node) or str(node).rsplit("/", 1)[-1]
            rows[code] = {"iri": str(node), **labels.get(node, {})}
        table[kind] = dict(sorted(rows.items()))
    return table
