"""Curated priority -> SDG / WSIS links (graph `mapping`) and what they imply (graph `derived`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS

from service.extract.activities import Activity
from service.namespaces import BAAP
from service.rdfio import Triple
from service.reference import entity, read_table, sdg_iri


def _subject(source: str) -> URIRef:
    slug = source.split(" ", 1)[-1]
    if source[:1].isdigit():
        return entity(f"thematic-priority/{slug}")
    return entity(f"strategic-initiative/{slug}")


def _object(scheme: str, code: str) -> tuple[URIRef, URIRef] | None:
    if scheme in ("SDG_target", "SDG_goal"):
        return BAAP.contributesTo, sdg_iri(code)
    if scheme == "SDG_indicator":  # an indicator counts for its target (4.4.1 -> 4.4)
        return BAAP.contributesTo, sdg_iri(".".join(code.split(".")[:2]))
    if scheme == "WSIS_action_line" and code.startswith("C"):
        return BAAP.supportsActionLine, entity(f"wsis-action-line/{code.replace('.', '-')}")
    return None  # ITU Connect 2030 goals and targets are not SDGs or WSIS lines


def _basis(text: str) -> str:
    if text.startswith("official"):
        return "official"
    if text.startswith("report-text"):
        return "report-text"
    return "inferred"


def mapping_rows(source_dir: Path) -> list[dict[str, str]]:
    """The reviewed reference mapping plus curated additions."""
    rows = read_table(source_dir / "reference" / "mapping_tp_sdg_wsis.csv")
    return rows + read_table(source_dir / "curated" / "mapping_additions.csv")


def mapping_triples(rows: list[dict[str, str]]) -> Iterator[Triple]:
    """Direct links plus one justification node per link."""
    for row in rows:
        resolved = _object(row["target_scheme"], row["target_code"])
        if resolved is None:
            continue
        prop, target = resolved
        subject = _subject(row["source"])
        yield subject, prop, target
        local = f"{str(subject).rsplit('/', 1)[-1]}--{str(target).rsplit('/', 1)[-1]}"
        node = entity(f"justification/{local}")
        yield node, RDF.type, BAAP.LinkJustification
        yield node, BAAP.justifiesSubject, subject
        yield node, BAAP.justifiesProperty, prop
        yield node, BAAP.justifiesObject, target
        yield node, BAAP.basis, Literal(_basis(row["basis"]))
        yield node, BAAP.evidence, Literal(f"{row['basis']}; {row['evidence']}", lang="en")
        yield node, BAAP.confidence, Literal(row["confidence"])
        if row.get("source_note"):
            yield node, DCTERMS.source, Literal(row["source_note"])


def links_by_subject(mapping: list[Triple]) -> dict[URIRef, set[tuple[URIRef, URIRef]]]:
    """(property, object) pairs per mapped priority or initiative."""
    links: dict[URIRef, set[tuple[URIRef, URIRef]]] = {}
    for s, p, o in mapping:
        if p in (BAAP.contributesTo, BAAP.supportsActionLine) and isinstance(o, URIRef):
            links.setdefault(s, set()).add((p, o))
    return links


#: (activity key, property, target): an SDG-target or WSIS-line link the priority mapping gives.
Mapped = set[tuple[str, URIRef, URIRef]]


def mapped_links(
    activities: Iterable[Activity], priorities: dict[str, str], mapping: list[Triple]
) -> Mapped:
    """The links graph `derived` gives each activity, read from the activities themselves: those
    of its thematic priority (the report's section, else the one curated for its passage in
    `priorities`) and of
    the strategic initiatives it names."""
    links = links_by_subject(mapping)
    found: Mapped = set()
    for activity in activities:
        slug = activity.priority or priorities.get(activity.passage.key)
        subjects = [entity(f"strategic-initiative/{s}") for s in sorted(activity.strategic)]
        if slug:
            subjects.append(entity(f"thematic-priority/{slug}"))
        for subject in subjects:
            found.update((activity.key, p, o) for p, o in links.get(subject, ()))
    return found
